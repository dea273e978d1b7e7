package dev.sled.internal.tree;

import dev.sled.Bytes;
import dev.sled.internal.format.LeafImage;
import dev.sled.internal.format.PackedValues;
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
public final class LeafData {

    private static final Bytes[] NONE = new Bytes[0];
    /** Rough heap cost of one entry beyond its bytes: two Bytes objects, two array slots. */
    private static final int ENTRY_OVERHEAD = 56;
    /** The same for a loaded entry, whose value stays packed: one Bytes object, one slot, one span. */
    private static final int PACKED_ENTRY_OVERHEAD = 44;

    final Bytes lo;
    final @Nullable Bytes hi;
    /** The entries' keys are {@code keys[0..size)}. */
    final Bytes[] keys;
    /** Their values are {@code values[0..size)}, or {@link #packed} where this version was loaded and not yet written. */
    private final Bytes @Nullable [] values;
    private final @Nullable PackedValues packed;
    private final int size;
    final long bytes;
    /**
     * The {@link KeySearch} array, built once this version has been searched a few times: a version that
     * a writer replaces right away is searched once and is not worth the copy. Racy on purpose, published
     * with release and read with acquire (plain moves on x86), so a thread sees null or a complete array.
     */
    private long @Nullable [] finder;
    private int plainSearches;

    private static final VarHandle FINDER;

    static {
        try {
            FINDER = MethodHandles.lookup().findVarHandle(LeafData.class, "finder", long[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    LeafData(Bytes lo, @Nullable Bytes hi, Bytes[] keys, Bytes[] values) {
        this(lo, hi, keys, values, null, keys.length, sizeOf(lo, hi, keys, values), null);
    }

    private LeafData(Bytes lo, @Nullable Bytes hi, Bytes[] keys, Bytes @Nullable [] values, @Nullable PackedValues packed,
            int size, long bytes, long @Nullable [] finder) {
        this.lo = lo;
        this.hi = hi;
        this.keys = keys;
        this.values = values;
        this.packed = packed;
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
     * A version loaded from its stored image, whose values stay packed in the decoded bytes. It gets its
     * head-array search at once: it was loaded because someone reads it, and the cache warmer pays for
     * the build off the readers' threads.
     */
    public static LeafData of(LeafImage image) {
        Bytes[] keys = image.keys();
        PackedValues packed = Objects.requireNonNull(image.packedValues(), "a decoded leaf image has packed values");
        long b = boundsSize(image.lo(), image.hi());
        for (int i = 0; i < keys.length; i++) {
            b += keys[i].length() + packed.length(i) + PACKED_ENTRY_OVERHEAD;
        }
        return new LeafData(image.lo(), image.hi(), keys, null, packed, keys.length, b, KeySearch.of(keys, 0));
    }

    public LeafImage image() {
        if (values == null) {
            return new LeafImage(lo, hi, keys, packed);
        }
        return keys.length == size ? new LeafImage(lo, hi, keys, values)
                : new LeafImage(lo, hi, Arrays.copyOf(keys, size), Arrays.copyOf(values, size));
    }

    /**
     * This version with its values as an array of slices, which the write paths copy and extend: a
     * loaded leaf pays for its value objects once, when it is first written.
     */
    private LeafData unpacked() {
        Bytes[] v = packed.toArray();
        return new LeafData(lo, hi, keys, v, null, size, sizeOf(lo, hi, keys, v), finder);
    }

    /** The value of entry {@code i}. */
    Bytes value(int i) {
        Bytes[] v = values;
        return v != null ? v[i] : packed.get(i);
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
        return key.compareTo(lo) >= 0 && (hi == null || key.compareTo(hi) < 0);
    }

    /** Binary search: the index of {@code key}, or {@code -(insertion point) - 1}. */
    int search(Bytes key) {
        long[] f = (long[]) FINDER.getAcquire(this);
        if (f != null) {
            return KeySearch.search(f, keys, 0, key);
        }
        if (++plainSearches > 2) {
            FINDER.setRelease(this, KeySearch.of(keys, 0, size));
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
        if (idx >= 0) {
            Bytes[] v = values.clone();
            v[idx] = value;
            return new LeafData(lo, hi, keys, v, null, size, bytes - values[idx].length() + value.length(), finder);
        }
        int at = -idx - 1;
        long newBytes = bytes + entrySize(key, value);
        if (at == size) {
            Bytes[] k = keys;
            Bytes[] v = values;
            if (size == keys.length) {
                int capacity = Math.max(8, size + (size >> 1));
                k = Arrays.copyOf(keys, capacity);
                v = Arrays.copyOf(values, capacity);
            }
            k[at] = key;
            v[at] = value;
            return new LeafData(lo, hi, k, v, null, size + 1, newBytes, null);
        }
        Bytes[] k = new Bytes[size + 1];
        Bytes[] v = new Bytes[size + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(values, 0, v, 0, at);
        k[at] = key;
        v[at] = value;
        System.arraycopy(keys, at, k, at + 1, size - at);
        System.arraycopy(values, at, v, at + 1, size - at);
        return new LeafData(lo, hi, k, v, null, size + 1, newBytes, null);
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
        return new LeafData(lo, hi, k, v, null, n - 1, bytes - entrySize(keys[idx], values[idx]), null);
    }

    /** The left part of a split at entry {@code at}, ending at {@code separator}. */
    LeafData leftOf(int at, Bytes separator) {
        return new LeafData(lo, separator, Arrays.copyOfRange(keys, 0, at), Arrays.copyOfRange(valueArray(), 0, at));
    }

    /** The right part of a split at entry {@code at}, starting at {@code separator}. */
    LeafData rightOf(int at, Bytes separator) {
        return new LeafData(separator, hi, Arrays.copyOfRange(keys, at, size), Arrays.copyOfRange(valueArray(), at, size));
    }

    /** This leaf followed by its right neighbour {@code right}. */
    LeafData mergedWith(LeafData right) {
        Bytes[] k = Arrays.copyOf(keys, size + right.size);
        Bytes[] v = Arrays.copyOf(valueArray(), size + right.size);
        System.arraycopy(right.keys, 0, k, size, right.size);
        System.arraycopy(right.valueArray(), 0, v, size, right.size);
        return new LeafData(lo, right.hi, k, v);
    }

    /** The values, slicing packed ones: for the write paths that copy this version's entries. */
    private Bytes[] valueArray() {
        return values != null ? values : packed.toArray();
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
