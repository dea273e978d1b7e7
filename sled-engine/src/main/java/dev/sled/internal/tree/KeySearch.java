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
 * in the same array, ahead of the heads, and so is a header word with the lengths, so that a search
 * reads one array and no object of its own. The arrays are never changed once built.
 */
final class KeySearch {

    /** Header word: the shared prefix length in the low 32 bits, the keys' common length above, then a flag. */
    private static final long HEADS_ARE_KEYS = 1L << 63;
    private static final int HEADER = 1;

    private KeySearch() {
    }

    /**
     * The search array of {@code keys[from..n)}: a header word, the shared prefix in {@code ceil(shared / 8)}
     * big-endian words, then one head per key. A leaf's arrays may have room for appends after its entries.
     */
    static long[] of(SortedKeys keys, int from, int n) {
        if (n - from <= 0) {
            return new long[HEADER + n];
        }
        Bytes first = keys.key(from);
        int shared = commonPrefix(first, keys.key(n - 1));
        int prefixWords = (shared + 7) >>> 3;
        long[] words = new long[HEADER + prefixWords + n];
        for (int w = 0; w < prefixWords; w++) {
            words[HEADER + w] = word(first, 8 * w, Math.min(8, shared - 8 * w));
        }
        boolean sameLength = true;
        for (int i = from; i < n; i++) {
            Bytes key = keys.key(i);
            words[HEADER + prefixWords + i] = word(key, shared, Math.min(8, key.length() - shared));
            sameLength &= key.length() == first.length();
        }
        boolean headsAreKeys = sameLength && first.length() - shared <= 8;
        words[0] = shared | (long) first.length() << 32 | (headsAreKeys ? HEADS_ARE_KEYS : 0);
        return words;
    }

    /**
     * Binary search of {@code keys} (the array {@code words} was built for) from {@code from}.
     *
     * @return the index of {@code key}, or {@code -(insertion point) - 1}
     */
    static int search(long[] words, SortedKeys keys, int from, Bytes key) {
        long header = words[0];
        int shared = (int) header;
        int base = HEADER + ((shared + 7) >>> 3);
        int lo = from;
        int hi = words.length - base - 1;
        if (lo > hi) {
            return -(lo + 1);
        }
        int c = comparePrefix(words, shared, key);
        if (c != 0) {
            return c < 0 ? -(lo + 1) : -(hi + 2);
        }
        long h = word(key, shared, Math.min(8, key.length() - shared));
        boolean exactHeads = (header & HEADS_ARE_KEYS) != 0 && key.length() == (int) (header >>> 32 & Integer.MAX_VALUE);
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Long.compareUnsigned(words[base + mid], h);
            if (cmp == 0 && !exactHeads) {
                cmp = keys.key(mid).compareTo(key);
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
    private static int comparePrefix(long[] words, int shared, Bytes key) {
        int n = Math.min(shared, key.length());
        for (int i = 0; i < n; i++) {
            int p = (int) (words[HEADER + (i >>> 3)] >>> (56 - 8 * (i & 7))) & 0xFF;
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
