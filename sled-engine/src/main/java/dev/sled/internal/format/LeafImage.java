package dev.sled.internal.format;

import dev.sled.Bytes;
import org.jspecify.annotations.Nullable;

/**
 * The content of a leaf node as stored: bounds and sorted entries. The keys and values are either one
 * slice each, or, for a leaf decoded from its stored bytes (or rebuilt from them and its deltas),
 * {@link PackedSlices} in one array each.
 */
public final class LeafImage {

    private final Bytes lo;
    private final @Nullable Bytes hi;
    private final Bytes @Nullable [] keys;
    private final Bytes @Nullable [] values;
    private final @Nullable PackedSlices packedKeys;
    private final @Nullable PackedSlices packedValues;

    public LeafImage(Bytes lo, @Nullable Bytes hi, Bytes[] keys, Bytes[] values) {
        this(lo, hi, keys, values, null, null);
    }

    public LeafImage(Bytes lo, @Nullable Bytes hi, PackedSlices keys, PackedSlices values) {
        this(lo, hi, null, null, keys, values);
    }

    private LeafImage(Bytes lo, @Nullable Bytes hi, Bytes @Nullable [] keys, Bytes @Nullable [] values,
            @Nullable PackedSlices packedKeys, @Nullable PackedSlices packedValues) {
        this.lo = lo;
        this.hi = hi;
        this.keys = keys;
        this.values = values;
        this.packedKeys = packedKeys;
        this.packedValues = packedValues;
    }

    public Bytes lo() {
        return lo;
    }

    public @Nullable Bytes hi() {
        return hi;
    }

    public int size() {
        return keys != null ? keys.length : packedKeys.size();
    }

    /** The key of entry {@code i}. */
    public Bytes key(int i) {
        return keys != null ? keys[i] : packedKeys.get(i);
    }

    /** The value of entry {@code i}. */
    public Bytes value(int i) {
        return values != null ? values[i] : packedValues.get(i);
    }

    /** The keys as an array: for packed keys, a new array of slices. */
    public Bytes[] keys() {
        return keys != null ? keys : packedKeys.toArray();
    }

    /** The values as an array: for packed values, a new array of slices. */
    public Bytes[] values() {
        return values != null ? values : packedValues.toArray();
    }

    /** The keys packed in one array, or null when they are an array of slices. */
    public @Nullable PackedSlices packedKeys() {
        return packedKeys;
    }

    /** The values packed in one array, or null when they are an array of slices. */
    public @Nullable PackedSlices packedValues() {
        return packedValues;
    }
}
