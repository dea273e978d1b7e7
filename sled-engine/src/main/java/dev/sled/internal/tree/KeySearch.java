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
 * heads fall back to the full comparison, except where the head holds all of a key's remaining bytes
 * and every key has the same length (fixed-length keys, the common case): then equal heads are equal
 * keys, and an exact-match lookup never reads a stored key at all. The shared prefix itself is stored
 * in the same array, ahead of the heads, for the same reason. Immutable, like the leaf versions and
 * index snapshots that hold it.
 */
final class KeySearch {

    private final int shared;
    /** The shared prefix in {@code ceil(shared / 8)} big-endian words, then one head per key. */
    private final long[] words;
    private final int prefixWords;
    /** Whether equal heads mean equal keys for a probe of {@link #keyLength} bytes. */
    private final boolean headsAreKeys;
    private final int keyLength;

    private KeySearch(int shared, long[] words, int prefixWords, boolean headsAreKeys, int keyLength) {
        this.shared = shared;
        this.words = words;
        this.prefixWords = prefixWords;
        this.headsAreKeys = headsAreKeys;
        this.keyLength = keyLength;
    }

    /** The search structure of {@code keys[from..]}, which must be sorted; entries before {@code from} are never probed. */
    static KeySearch of(Bytes[] keys, int from) {
        return of(keys, from, keys.length);
    }

    /** The search structure of {@code keys[from..n)}: a leaf's arrays may have room for appends after its entries. */
    static KeySearch of(Bytes[] keys, int from, int n) {
        if (n - from <= 0) {
            return new KeySearch(0, new long[n], 0, false, -1);
        }
        Bytes first = keys[from];
        int shared = commonPrefix(first, keys[n - 1]);
        int prefixWords = (shared + 7) >>> 3;
        long[] words = new long[prefixWords + n];
        for (int w = 0; w < prefixWords; w++) {
            words[w] = word(first, 8 * w, Math.min(8, shared - 8 * w));
        }
        boolean sameLength = true;
        for (int i = from; i < n; i++) {
            words[prefixWords + i] = word(keys[i], shared, Math.min(8, keys[i].length() - shared));
            sameLength &= keys[i].length() == first.length();
        }
        boolean headsAreKeys = sameLength && first.length() - shared <= 8;
        return new KeySearch(shared, words, prefixWords, headsAreKeys, first.length());
    }

    /**
     * Binary search of {@code keys} (the array this structure was built for) from {@code from}.
     *
     * @return the index of {@code key}, or {@code -(insertion point) - 1}
     */
    int search(Bytes[] keys, int from, Bytes key) {
        int lo = from;
        int hi = words.length - prefixWords - 1;
        if (lo > hi) {
            return -(lo + 1);
        }
        int c = comparePrefix(key);
        if (c != 0) {
            return c < 0 ? -(lo + 1) : -(hi + 2);
        }
        long h = word(key, shared, Math.min(8, key.length() - shared));
        boolean exactHeads = headsAreKeys && key.length() == keyLength;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Long.compareUnsigned(words[prefixWords + mid], h);
            if (cmp == 0 && !exactHeads) {
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
        int n = Math.min(shared, key.length());
        for (int i = 0; i < n; i++) {
            int p = (int) (words[i >>> 3] >>> (56 - 8 * (i & 7))) & 0xFF;
            int d = (key.byteAt(i) & 0xFF) - p;
            if (d != 0) {
                return d;
            }
        }
        return key.length() < shared ? -1 : 0; // a proper prefix of the shared prefix sorts first
    }

    /** Up to eight bytes of {@code key} from {@code offset}, big-endian, zero-padded. */
    private static long word(Bytes key, int offset, int length) {
        long w = 0;
        for (int i = 0; i < length; i++) {
            w |= (key.byteAt(offset + i) & 0xFFL) << (56 - 8 * i);
        }
        return w;
    }

    private static int commonPrefix(Bytes a, Bytes b) {
        int i = a.mismatch(b);
        return i < 0 ? a.length() : i;
    }
}
