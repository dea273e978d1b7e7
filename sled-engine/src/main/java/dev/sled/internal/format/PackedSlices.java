package dev.sled.internal.format;

import dev.sled.Bytes;

/**
 * The keys or the values of a loaded leaf, packed in one array (values stay in the node's decoded bytes;
 * keys, rebuilt from their shared prefix, share one array of their own): byte string {@code i} is sliced
 * on request instead of being kept as an object. A get or a scan then reads no per-entry object when
 * every entry has the same length (a fixed stride), and one pair of ints otherwise; a cached entry costs
 * the heap no object at all.
 */
public final class PackedSlices {

    private static final int[] NO_SPANS = new int[0];

    private final byte[] data;
    private final int count;
    /** Fixed stride: slice {@code i} is {@code length} bytes at {@code start + i * stride}. */
    private final int start;
    private final int stride;
    private final int length;
    /** Otherwise slice {@code i} is {@code spans[2i + 1]} bytes at {@code spans[2i]}. */
    private final int[] spans;

    private PackedSlices(byte[] data, int count, int start, int stride, int length, int[] spans) {
        this.data = data;
        this.count = count;
        this.start = start;
        this.stride = stride;
        this.length = length;
        this.spans = spans;
    }

    /** {@code count} slices of {@code length} bytes, the first at {@code start}, each {@code stride} after the last. */
    static PackedSlices strided(byte[] data, int count, int start, int stride, int length) {
        return new PackedSlices(data, count, start, stride, length, NO_SPANS);
    }

    /** Slices at the (offset, length) pairs of {@code spans}. */
    static PackedSlices spanned(byte[] data, int[] spans) {
        return new PackedSlices(data, spans.length / 2, 0, 0, -1, spans);
    }

    /** The first {@code n} of {@code slices}, copied into one array: a leaf rebuilt from its base and deltas. */
    static PackedSlices copyOf(Bytes[] slices, int n) {
        int total = 0;
        boolean sameLength = true;
        for (int i = 0; i < n; i++) {
            total += slices[i].length();
            sameLength &= slices[i].length() == slices[0].length();
        }
        byte[] data = new byte[total];
        int[] spans = sameLength ? NO_SPANS : new int[2 * n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            slices[i].copyTo(data, at);
            if (!sameLength) {
                spans[2 * i] = at;
                spans[2 * i + 1] = slices[i].length();
            }
            at += slices[i].length();
        }
        if (sameLength) {
            int length = n == 0 ? 0 : slices[0].length();
            return strided(data, n, 0, length, length);
        }
        return spanned(data, spans);
    }

    public int size() {
        return count;
    }

    public Bytes get(int i) {
        if (length >= 0) {
            return TrustedSlices.slice(data, start + i * stride, length);
        }
        return TrustedSlices.slice(data, spans[2 * i], spans[2 * i + 1]);
    }

    /**
     * Heap bytes these slices keep alive: their whole array (for values, the node's decoded bytes, key
     * suffixes and lengths included) and their spans.
     */
    public long heapBytes() {
        return 48 + data.length + 4L * spans.length;
    }

    public int length(int i) {
        return length >= 0 ? length : spans[2 * i + 1];
    }

    /** Every byte string as its own slice, for a leaf about to be written. */
    public Bytes[] toArray() {
        Bytes[] out = new Bytes[count];
        for (int i = 0; i < count; i++) {
            out[i] = get(i);
        }
        return out;
    }
}
