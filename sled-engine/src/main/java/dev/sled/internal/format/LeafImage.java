package dev.sled.internal.format;

import dev.sled.Bytes;
import org.jspecify.annotations.Nullable;

/**
 * The content of a leaf node as stored: bounds and sorted entries. The values are either one slice
 * each, or, for a leaf decoded from its stored bytes, {@link PackedValues} left in those bytes.
 */
public final class LeafImage {

    private final Bytes lo;
    private final @Nullable Bytes hi;
    private final Bytes[] keys;
    private final Bytes @Nullable [] values;
    private final @Nullable PackedValues packed;

    public LeafImage(Bytes lo, @Nullable Bytes hi, Bytes[] keys, Bytes[] values) {
        this(lo, hi, keys, values, null);
    }

    public LeafImage(Bytes lo, @Nullable Bytes hi, Bytes[] keys, PackedValues packed) {
        this(lo, hi, keys, null, packed);
    }

    private LeafImage(Bytes lo, @Nullable Bytes hi, Bytes[] keys, Bytes @Nullable [] values, @Nullable PackedValues packed) {
        this.lo = lo;
        this.hi = hi;
        this.keys = keys;
        this.values = values;
        this.packed = packed;
    }

    public Bytes lo() {
        return lo;
    }

    public @Nullable Bytes hi() {
        return hi;
    }

    public Bytes[] keys() {
        return keys;
    }

    /** The value of entry {@code i}. */
    public Bytes value(int i) {
        return values != null ? values[i] : packed.get(i);
    }

    /** The values as an array: for packed values, a new array of slices. */
    public Bytes[] values() {
        return values != null ? values : packed.toArray();
    }

    /** The values left in the decoded bytes, or null when they are an array. */
    public @Nullable PackedValues packedValues() {
        return packed;
    }
}
