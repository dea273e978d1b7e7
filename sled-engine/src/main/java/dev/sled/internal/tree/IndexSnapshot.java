package dev.sled.internal.tree;

import dev.sled.Bytes;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * An array copy of a tree's index (leaf low keys and leaves), searched with {@link KeySearch} instead
 * of walking the skip list, whose per-level node and key objects cost a cache miss each. A snapshot
 * may be stale: the leaf it names is only a candidate, which callers check covers the key, unless no
 * split or merge has happened since an exact copy was taken.
 */
final class IndexSnapshot implements SortedKeys {

    private final Bytes[] lows;
    private final Leaf[] leaves;
    private final long[] finder;
    /** The index's count of structural changes when the copy started. */
    private final long version;
    /** Whether no change happened during the copy, so that it is the index as of {@link #version}. */
    private final boolean exact;

    private IndexSnapshot(Bytes[] lows, Leaf[] leaves, long version, boolean exact) {
        this.lows = lows;
        this.leaves = leaves;
        this.version = version;
        this.exact = exact;
        // The first leaf's low key is empty, below every key; the search starts after it.
        this.finder = KeySearch.of(this, 1, lows.length);
    }

    /**
     * A copy of {@code index}, whose splits and merges {@code changes} counts. A copy that raced with one
     * is still a good guide, marked inexact: a random fill splits a leaf every few dozen writes, more
     * often than a copy takes.
     */
    static IndexSnapshot of(ConcurrentSkipListMap<Bytes, Leaf> index, AtomicLong changes) {
        long version = changes.get();
        // The size is only a first guess: it lags behind a split whose new leaf the copy already sees.
        // Dropping the entries past it would lose the index's last leaves from a copy marked exact.
        int n = index.size() + 1;
        Bytes[] lows = new Bytes[n];
        Leaf[] leaves = new Leaf[n];
        int i = 0;
        for (Map.Entry<Bytes, Leaf> e : index.entrySet()) {
            if (i == lows.length) {
                lows = Arrays.copyOf(lows, i * 2);
                leaves = Arrays.copyOf(leaves, i * 2);
            }
            lows[i] = e.getKey();
            leaves[i++] = e.getValue();
        }
        boolean exact = changes.get() == version;
        return new IndexSnapshot(Arrays.copyOf(lows, i), Arrays.copyOf(leaves, i), version, exact);
    }

    @Override
    public Bytes key(int i) {
        return lows[i];
    }

    /** Whether this is the index as it is after {@code changes} structural changes. */
    boolean exactAt(long changes) {
        return exact && changes == version;
    }

    /**
     * Whether enough splits and merges have happened since the copy to copy again: a sixteenth of its
     * leaves, so that few lookups miss, while copying stays a small cost per change.
     */
    boolean staleAt(long changes) {
        return changes - version > (leaves.length >> 4) + 16;
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
