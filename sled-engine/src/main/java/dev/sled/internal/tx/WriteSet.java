package dev.sled.internal.tx;

import dev.sled.Bytes;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Buffered writes to one tree, last write per key wins; removes are stored as {@link #TOMBSTONE}. */
public final class WriteSet {

    /** Marks a remove; compared by identity. */
    public static final Bytes TOMBSTONE = Bytes.wrap(new byte[0]);

    final TreeMap<Bytes, Bytes> writes = new TreeMap<>();

    public void put(Bytes key, @Nullable Bytes valueOrNullToRemove) {
        writes.put(key, valueOrNullToRemove == null ? TOMBSTONE : valueOrNullToRemove);
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }

    public int size() {
        return writes.size();
    }

    public TreeMap<Bytes, Bytes> entries() {
        return writes;
    }

    static @Nullable Bytes valueOf(Bytes stored) {
        return stored == TOMBSTONE ? null : stored;
    }
}
