package dev.sled.internal.tree;

import dev.sled.Bytes;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>Where the heads are spread evenly, as big-endian counters, IDs and timestamps are, a search first
 * guesses a key's position from its head by linear interpolation between the first and last heads and
 * binary-searches only a few entries around the guess: one or two cache lines instead of the five or six
 * a full binary search of a hundred-entry leaf touches, each a miss on a leaf that is not in the CPU's
 * caches. The build computes every stored head's guess and keeps the largest distance from its true
 * position as the window's half-width, or turns guessing off when that exceeds {@link #MAX_SLACK}
 * (strings, skewed keys). The guess is monotonic in the head, so a key that is not stored lies between
 * its neighbours' guesses, and the window holds its insertion point too.
 */
final class KeySearch {

    /** Header word: the shared prefix length in the low 32 bits, the keys' common length above, then a flag. */
    private static final long HEADS_ARE_KEYS = 1L << 63;
    /** The header word, the window's half-width (or {@link #NO_GUESS}), and the interpolation's scale. */
    private static final int HEADER = 3;
    private static final int SLACK = 1;
    private static final int SCALE = 2;
    private static final long NO_GUESS = -1;
    /** The window's half-width in an array a write derived: guesses are prepared once it is searched often. */
    private static final long UNPREPARED = -2;
    /** The widest half-window worth guessing: seventeen heads span three cache lines at most. */
    static final int MAX_SLACK = 8;

    private KeySearch() {
    }

    /**
     * The search array of {@code keys[from..n)}: three header words, the shared prefix in
     * {@code ceil(shared / 8)} big-endian words, then one head per key.
     */
    static long[] of(SortedKeys keys, int from, int n) {
        if (n - from <= 0) {
            long[] words = new long[HEADER + n];
            words[SLACK] = NO_GUESS;
            return words;
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
        prepareGuesses(words, HEADER + prefixWords, from, n - 1);
        return words;
    }

    /**
     * The array of the keys {@code words} was built for (from the first key) with {@code key} inserted at
     * {@code at}, derived without reading a stored key: a write to a leaf pays one array copy instead of
     * the cache misses of a search over its keys' objects. Its guesses are not prepared (see
     * {@link #withGuesses}): most versions a write makes are replaced by the next write. Null
     * where {@code key} lacks the keys' shared prefix; then only a fresh build describes the new keys.
     */
    static long @Nullable [] inserted(long[] words, int at, Bytes key) {
        long header = words[0];
        int shared = (int) header;
        if (comparePrefix(words, shared, key) != 0) {
            return null;
        }
        int base = HEADER + ((shared + 7) >>> 3);
        long[] next = new long[words.length + 1];
        System.arraycopy(words, 0, next, 0, base + at);
        next[base + at] = word(key, shared, Math.min(8, key.length() - shared));
        System.arraycopy(words, base + at, next, base + at + 1, words.length - base - at);
        if (key.length() != (int) (header >>> 32 & Integer.MAX_VALUE)) {
            next[0] = header & ~HEADS_ARE_KEYS; // no longer one length: equal heads need the full comparison
        }
        next[SLACK] = UNPREPARED;
        return next;
    }

    /** The array of the same keys without the one at {@code at}; every remaining key keeps the shared prefix. */
    static long[] removed(long[] words, int at) {
        int base = HEADER + (((int) words[0] + 7) >>> 3);
        long[] next = new long[words.length - 1];
        System.arraycopy(words, 0, next, 0, base + at);
        System.arraycopy(words, base + at + 1, next, base + at, words.length - base - at - 1);
        next[SLACK] = UNPREPARED;
        return next;
    }

    /** The array of the keys {@code [from, to)} alone, as a split's halves need. */
    static long[] slice(long[] words, int from, int to) {
        int base = HEADER + (((int) words[0] + 7) >>> 3);
        long[] next = new long[base + to - from];
        System.arraycopy(words, 0, next, 0, base);
        System.arraycopy(words, base + from, next, base, to - from);
        next[SLACK] = UNPREPARED;
        return next;
    }

    /** Whether searches of {@code words} may guess, or it was derived and its guesses are not prepared. */
    static boolean guessesPrepared(long[] words) {
        return words[SLACK] != UNPREPARED;
    }

    /** A copy of a derived array with its guesses prepared, for a version that is searched often. */
    static long[] withGuesses(long[] words) {
        long[] next = words.clone();
        int base = HEADER + (((int) words[0] + 7) >>> 3);
        prepareGuesses(next, base, 0, next.length - base - 1);
        return next;
    }

    /**
     * Sets the scale that maps a head's distance from the first head to a position, and the largest
     * distance of any head's guess from its position, or turns guessing off.
     */
    private static void prepareGuesses(long[] words, int base, int lo, int hi) {
        words[SLACK] = NO_GUESS;
        if (hi - lo < 2 * MAX_SLACK) {
            return; // a short run is searched as fast without
        }
        long span = (words[base + hi] - words[base + lo]) >>> 1;
        if (span == 0) {
            return; // equal heads carry no position
        }
        double scale = (hi - lo) / (double) span;
        words[SCALE] = Double.doubleToRawLongBits(scale);
        int slack = 0;
        for (int i = lo; i <= hi && slack <= MAX_SLACK; i++) {
            slack = Math.max(slack, Math.abs(guess(words[base + i], words[base + lo], scale, lo, hi) - i));
        }
        if (slack <= MAX_SLACK) {
            words[SLACK] = slack;
        }
    }

    /** The half-width of the window around a guess, or -1 where searches do not guess. */
    static int slack(long[] words) {
        return (int) words[SLACK];
    }

    /**
     * Where head {@code h} should sit in {@code [lo, hi]}, by its distance from the first head {@code first}:
     * monotonic in {@code h} (unsigned), which makes the window hold unstored keys as well.
     */
    private static int guess(long h, long first, double scale, int lo, int hi) {
        if (Long.compareUnsigned(h, first) <= 0) {
            return lo;
        }
        double at = ((h - first) >>> 1) * scale;
        return at >= hi - lo ? hi : lo + (int) at;
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
        int slack = (int) words[SLACK];
        if (slack >= 0) {
            int g = guess(h, words[base + lo], Double.longBitsToDouble(words[SCALE]), lo, hi);
            lo = Math.max(lo, g - slack);
            hi = Math.min(hi, g + slack);
        }
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
