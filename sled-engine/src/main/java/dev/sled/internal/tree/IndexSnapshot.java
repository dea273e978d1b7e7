package dev.sled.internal.tree;

import dev.sled.Bytes;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * An array copy of a tree's index (leaf low keys and leaves), searched with {@link KeySearch} instead
 * of walking the skip list, whose per-level node and key objects cost a cache miss each. A snapshot
 * may be stale: the leaf it names is only a candidate, which callers check covers the key.
 */
final class IndexSnapshot implements SortedKeys {

    private final Bytes[] lows;
    private final Leaf[] leaves;
    private final long[] finder;
    private final long version;

    private IndexSnapshot(Bytes[] lows, Leaf[] leaves, long version) {
        this.lows = lows;
        this.leaves = leaves;
        this.version = version;
        // The first leaf's low key is empty, below every key; the search starts after it.
        this.finder = KeySearch.of(this, 1, lows.length);
    }

    /** A copy of {@code index} as of its {@code version}-th structural change. */
    static IndexSnapshot of(ConcurrentSkipListMap<Bytes, Leaf> index, long version) {
        int n = index.size();
        Bytes[] lows = new Bytes[n];
        Leaf[] leaves = new Leaf[n];
        int i = 0;
        for (Map.Entry<Bytes, Leaf> e : index.entrySet()) {
            if (i == n) {
                break; // grew while copying; the copy is stale either way
            }
            lows[i] = e.getKey();
            leaves[i++] = e.getValue();
        }
        return i == n ? new IndexSnapshot(lows, leaves, version)
                : new IndexSnapshot(Arrays.copyOf(lows, i), Arrays.copyOf(leaves, i), version);
    }

    @Override
    public Bytes key(int i) {
        return lows[i];
    }

    /** The count of structural changes this snapshot reflects. */
    long version() {
        return version;
    }

    int size() {
        return leaves.length;
    }

    /** The leaf whose low key was the floor of {@code key} when the snapshot was taken. */
    @Nullable Leaf floor(Bytes key) {
        if (leaves.length == 0) {
            return null;
        }
        int i = KeySearch.search(finder, this, 1, key);
        return leaves[i >= 0 ? i : -i - 2];
    }
}
