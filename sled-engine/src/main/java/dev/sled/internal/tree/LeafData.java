package dev.sled.internal.tree;

import dev.sled.Bytes;
import dev.sled.internal.format.LeafImage;
import dev.sled.internal.format.PackedSlices;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable version of a leaf: its key bounds {@code [lo, hi)} and sorted entries. Writers publish
 * a new version (copy-on-write), so readers and iterators never lock and never see a torn node.
 * Versions may share arrays that are longer than their {@link #size()}: an insert after the last entry
 * writes the next free slot and publishes a version one longer, with no copy (sequential fills). No
 * version reads past its size, and only the newest version of a leaf, under the leaf lock, appends.
 */
public final class LeafData implements SortedKeys {

    private static final Bytes[] NONE = new Bytes[0];
    /** Rough heap cost of one entry beyond its bytes: two Bytes objects, two array slots. */
    private static final int ENTRY_OVERHEAD = 56;
    /** Heap bytes of a search head, the one per-entry cost of a loaded leaf beyond its packed arrays. */
    private static final int HEAD_BYTES = 8;

    final Bytes lo;
    final @Nullable Bytes hi;
    /**
     * The entries are {@code keys[0..size)} and {@code values[0..size)}, or, where this version was
     * loaded and not yet written, {@link #packedKeys} and {@link #packedValues} (then both arrays are null).
     */
    final Bytes @Nullable [] keys;
    private final Bytes @Nullable [] values;
    private final @Nullable PackedSlices packedKeys;
    private final @Nullable PackedSlices packedValues;
    private final int size;
    final long bytes;
    /**
     * The {@link KeySearch} array: derived from the previous version's by a write, or built once this
     * version has been searched a few times (a sequential fill's appends skip it: a version that the next
     * append replaces is searched once and is not worth the copy). A derived array gets its guesses the
     * same way. Racy on purpose, published with release and read with acquire (plain moves on x86), so a
     * thread sees null or a complete array.
     */
    private long @Nullable [] finder;
    /** Searches of this version without a finder, or without its guesses; racy, as it only times a build. */
    private int slowSearches;

    private static final VarHandle FINDER;

    static {
        try {
            FINDER = MethodHandles.lookup().findVarHandle(LeafData.class, "finder", long[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    LeafData(Bytes lo, @Nullable Bytes hi, Bytes[] keys, Bytes[] values) {
        this(lo, hi, keys, values, null, null, keys.length, sizeOf(lo, hi, keys, values), null);
    }

    private LeafData(Bytes lo, @Nullable Bytes hi, Bytes @Nullable [] keys, Bytes @Nullable [] values,
            @Nullable PackedSlices packedKeys, @Nullable PackedSlices packedValues, int size, long bytes, long @Nullable [] finder) {
        this.lo = lo;
        this.hi = hi;
        this.keys = keys;
        this.values = values;
        this.packedKeys = packedKeys;
        this.packedValues = packedValues;
        this.size = size;
        this.bytes = bytes;
        this.finder = finder;
    }

    private static long sizeOf(Bytes lo, @Nullable Bytes hi, Bytes[] keys, Bytes[] values) {
        long b = boundsSize(lo, hi);
        for (int i = 0; i < keys.length; i++) {
            b += entrySize(keys[i], values[i]);
        }
        return b;
    }

    private static long boundsSize(Bytes lo, @Nullable Bytes hi) {
        return 96 + lo.length() + (hi == null ? 0 : hi.length());
    }

    private static long entrySize(Bytes key, Bytes value) {
        return key.length() + value.length() + ENTRY_OVERHEAD;
    }

    static LeafData empty(Bytes lo, @Nullable Bytes hi) {
        return new LeafData(lo, hi, NONE, NONE);
    }

    /**
     * A version loaded from its stored image, whose keys and values stay packed. It gets its head-array
     * search at once: it was loaded because someone reads it, and the cache warmer pays for the build
     * off the readers' threads.
     */
    public static LeafData of(LeafImage image) {
        PackedSlices keys = Objects.requireNonNull(image.packedKeys(), "a decoded leaf image has packed keys");
        PackedSlices values = Objects.requireNonNull(image.packedValues(), "a decoded leaf image has packed values");
        int n = keys.size();
        long b = boundsSize(image.lo(), image.hi()) + keys.heapBytes() + values.heapBytes() + (long) HEAD_BYTES * n;
        LeafData d = new LeafData(image.lo(), image.hi(), null, null, keys, values, n, b, null);
        d.finder = KeySearch.of(d, 0, n); // before the version is published
        return d;
    }

    public LeafImage image() {
        if (values == null) {
            return new LeafImage(lo, hi, packedKeys, packedValues);
        }
        return keys.length == size ? new LeafImage(lo, hi, keys, values)
                : new LeafImage(lo, hi, Arrays.copyOf(keys, size), Arrays.copyOf(values, size));
    }

    /**
     * This version with its keys and values as arrays of slices, which the write paths copy and extend:
     * a loaded leaf pays for its entry objects once, when it is first written.
     */
    private LeafData unpacked() {
        Bytes[] k = packedKeys.toArray();
        Bytes[] v = packedValues.toArray();
        return new LeafData(lo, hi, k, v, null, null, size, sizeOf(lo, hi, k, v), finder);
    }

    /** The key of entry {@code i}. */
    @Override
    public Bytes key(int i) {
        Bytes[] k = keys;
        return k != null ? k[i] : packedKeys.get(i);
    }

    /** The value of entry {@code i}. */
    Bytes value(int i) {
        Bytes[] v = values;
        return v != null ? v[i] : packedValues.get(i);
    }

    /** Approximate heap bytes of this version. */
    public long bytes() {
        return bytes;
    }

    public int size() {
        return size;
    }

    /** Whether {@code key} falls in this leaf's bounds. */
    boolean covers(Bytes key) {
        return key.compareTo(lo) >= 0 && isBelowHigh(key);
    }

    /**
     * Whether {@code key} sorts below this leaf's high bound: all a leaf found as the floor of {@code key}
     * by its low key needs checked, since a leaf's low key never changes.
     */
    boolean isBelowHigh(Bytes key) {
        return hi == null || key.compareTo(hi) < 0;
    }

    /** Binary search: the index of {@code key}, or {@code -(insertion point) - 1}. */
    int search(Bytes key) {
        long[] f = (long[]) FINDER.getAcquire(this);
        if (f != null) {
            if (!KeySearch.guessesPrepared(f) && ++slowSearches > 2) {
                f = KeySearch.withGuesses(f);
                FINDER.setRelease(this, f);
            }
            return KeySearch.search(f, this, 0, key);
        }
        if (++slowSearches > 2) {
            FINDER.setRelease(this, KeySearch.of(this, 0, size));
        }
        if (size > 0 && key.compareTo(keys[size - 1]) > 0) {
            return -(size + 1); // an append, as in an ascending fill: one comparison instead of a search
        }
        return Arrays.binarySearch(keys, 0, size, key);
    }

    public @Nullable Bytes get(Bytes key) {
        int i = search(key);
        return i >= 0 ? value(i) : null;
    }

    /** The version with {@code key} set to {@code value}, given the search result {@code idx}. */
    LeafData with(int idx, Bytes key, Bytes value) {
        if (values == null) {
            return unpacked().with(idx, key, value);
        }
        long[] f = (long[]) FINDER.getAcquire(this);
        if (idx >= 0) {
            Bytes[] v = values.clone();
            v[idx] = value;
            return new LeafData(lo, hi, keys, v, null, null, size, bytes - values[idx].length() + value.length(), f);
        }
        int at = -idx - 1;
        long newBytes = bytes + entrySize(key, value);
        if (at == size && f == null) {
            Bytes[] k = keys;
            Bytes[] v = values;
            if (size == keys.length) {
                int capacity = Math.max(8, size + (size >> 1));
                k = Arrays.copyOf(keys, capacity);
                v = Arrays.copyOf(values, capacity);
            }
            k[at] = key;
            v[at] = value;
            return new LeafData(lo, hi, k, v, null, null, size + 1, newBytes, null);
        }
        Bytes[] k = new Bytes[size + 1];
        Bytes[] v = new Bytes[size + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(values, 0, v, 0, at);
        k[at] = key;
        v[at] = value;
        System.arraycopy(keys, at, k, at + 1, size - at);
        System.arraycopy(values, at, v, at + 1, size - at);
        LeafData next = new LeafData(lo, hi, k, v, null, null, size + 1, newBytes, f == null ? null : KeySearch.inserted(f, at, key));
        if (next.finder == null) {
            next.finder = KeySearch.of(next, 0, size + 1); // before the version is published
        }
        return next;
    }

    /** The version without the entry at {@code idx}. */
    LeafData without(int idx) {
        if (values == null) {
            return unpacked().without(idx);
        }
        int n = size;
        Bytes[] k = new Bytes[n - 1];
        Bytes[] v = new Bytes[n - 1];
        System.arraycopy(keys, 0, k, 0, idx);
        System.arraycopy(values, 0, v, 0, idx);
        System.arraycopy(keys, idx + 1, k, idx, n - idx - 1);
        System.arraycopy(values, idx + 1, v, idx, n - idx - 1);
        long[] f = (long[]) FINDER.getAcquire(this);
        return new LeafData(lo, hi, k, v, null, null, n - 1, bytes - entrySize(keys[idx], values[idx]),
                f == null ? null : KeySearch.removed(f, idx));
    }

    /** The left part of a split at entry {@code at}, ending at {@code separator}. */
    LeafData leftOf(int at, Bytes separator) {
        return part(lo, separator, 0, at);
    }

    /** The right part of a split at entry {@code at}, starting at {@code separator}. */
    LeafData rightOf(int at, Bytes separator) {
        return part(separator, hi, at, size);
    }

    /** Entries {@code [from, to)} with the bounds {@code [partLo, partHi)}, and their part of the search array. */
    private LeafData part(Bytes partLo, @Nullable Bytes partHi, int from, int to) {
        Bytes[] k = Arrays.copyOfRange(keyArray(), from, to);
        Bytes[] v = Arrays.copyOfRange(valueArray(), from, to);
        long[] f = (long[]) FINDER.getAcquire(this);
        return new LeafData(partLo, partHi, k, v, null, null, to - from, sizeOf(partLo, partHi, k, v),
                f == null ? null : KeySearch.slice(f, from, to));
    }

    /** This leaf followed by its right neighbour {@code right}. */
    LeafData mergedWith(LeafData right) {
        Bytes[] k = Arrays.copyOf(keyArray(), size + right.size);
        Bytes[] v = Arrays.copyOf(valueArray(), size + right.size);
        System.arraycopy(right.keyArray(), 0, k, size, right.size);
        System.arraycopy(right.valueArray(), 0, v, size, right.size);
        return new LeafData(lo, right.hi, k, v);
    }

    /** The keys, slicing packed ones: for the write paths that copy this version's entries. */
    private Bytes[] keyArray() {
        return keys != null ? keys : packedKeys.toArray();
    }

    /** The values, slicing packed ones: for the write paths that copy this version's entries. */
    private Bytes[] valueArray() {
        return values != null ? values : packedValues.toArray();
    }

    /**
     * The shortest key that sorts after {@code left} and not after {@code right} (suffix truncation),
     * so separators in the index stay short.
     */
    static Bytes separator(Bytes left, Bytes right) {
        int i = left.mismatch(right);
        return right.slice(0, Math.min(right.length(), (i < 0 ? right.length() : i) + 1));
    }
}
