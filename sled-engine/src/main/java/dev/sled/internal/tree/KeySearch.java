package dev.sled.internal.tree;

import dev.sled.Bytes;

/**
 * A cache-friendly binary search over sorted keys. Every key shares its first {@code shared} bytes;
 * the next eight bytes of each key, zero-padded, are kept big-endian in one {@code long[]}, so a search
 * compares primitives in a contiguous array and touches a key's own bytes only when two of those
 * eight-byte heads are equal. That turns most of a lookup's cache misses (one object and one array per
 * probed key) into a few misses on one array.
 *
 * <p>Zero padding keeps the order: a head that is unsigned-smaller belongs to a smaller key, and equal
 * heads fall back to the full comparison. Immutable, like the leaf versions and index snapshots that
 * hold it.
 */
final class KeySearch {

    /** A key holding the shared prefix (any key of the set). */
    private final Bytes sample;
    private final int shared;
    private final long[] heads;

    private KeySearch(Bytes sample, int shared, long[] heads) {
        this.sample = sample;
        this.shared = shared;
        this.heads = heads;
    }

    /** The search structure of {@code keys[from..]}, which must be sorted; entries before {@code from} are never probed. */
    static KeySearch of(Bytes[] keys, int from) {
        int n = keys.length;
        if (n - from <= 0) {
            return new KeySearch(Bytes.EMPTY, 0, new long[n]);
        }
        int shared = commonPrefix(keys[from], keys[n - 1]);
        long[] heads = new long[n];
        for (int i = from; i < n; i++) {
            heads[i] = head(keys[i], shared);
        }
        return new KeySearch(keys[from], shared, heads);
    }

    /**
     * Binary search of {@code keys} (the array this structure was built for) from {@code from}.
     *
     * @return the index of {@code key}, or {@code -(insertion point) - 1}
     */
    int search(Bytes[] keys, int from, Bytes key) {
        int lo = from;
        int hi = heads.length - 1;
        if (lo > hi) {
            return -(lo + 1);
        }
        int c = comparePrefix(key);
        if (c != 0) {
            return c < 0 ? -(lo + 1) : -(hi + 2);
        }
        long h = head(key, shared);
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Long.compareUnsigned(heads[mid], h);
            if (cmp == 0) {
                cmp = keys[mid].compareTo(key);
            }
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** How {@code key}'s first {@code shared} bytes compare with the shared prefix. */
    private int comparePrefix(Bytes key) {
        int m = sample.mismatch(key);
        if (m < 0 || m >= shared) {
            return 0;
        }
        if (m == key.length()) {
            return -1; // a proper prefix of the shared prefix
        }
        return (key.byteAt(m) & 0xFF) - (sample.byteAt(m) & 0xFF);
    }

    private static long head(Bytes key, int offset) {
        int n = Math.min(8, key.length() - offset);
        long h = 0;
        for (int i = 0; i < n; i++) {
            h |= (key.byteAt(offset + i) & 0xFFL) << (56 - 8 * i);
        }
        return h;
    }

    private static int commonPrefix(Bytes a, Bytes b) {
        int i = a.mismatch(b);
        return i < 0 ? a.length() : i;
    }
}
