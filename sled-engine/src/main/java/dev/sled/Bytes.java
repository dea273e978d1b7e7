package dev.sled;

import dev.sled.internal.format.TrustedSlices;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable slice of bytes: the key and value type of the engine (sled's {@code IVec}).
 *
 * <p>Values read from a tree are returned without copying; {@link #slice} shares the backing array.
 * Ordering is unsigned lexicographic ({@code [] < [0] < [255] < [255, 0]}), the order of every tree.
 * Store integers with {@link #ofLong(long)} (big-endian) so that they sort numerically.
 *
 * <pre>{@code
 * Bytes key = Bytes.of("user:42");
 * tree.insert(key, Bytes.ofLong(7));
 * long n = tree.get(key).toLong();
 * }</pre>
 */
public final class Bytes implements Comparable<Bytes> {

    /** The empty byte string, the smallest key. */
    public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;
    private int hash;

    static {
        TrustedSlices.install(Bytes::new);
    }

    private Bytes(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code bytes}: later changes to the array do not affect the result. */
    public static Bytes of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone(), 0, bytes.length);
    }

    /** A copy of {@code length} bytes of {@code bytes} starting at {@code offset}. */
    public static Bytes of(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new Bytes(Arrays.copyOfRange(bytes, offset, offset + length), 0, length);
    }

    /** The UTF-8 encoding of {@code text}. */
    public static Bytes of(String text) {
        Objects.requireNonNull(text, "text must not be null");
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return new Bytes(utf8, 0, utf8.length);
    }

    /**
     * Wraps {@code bytes} without copying. The caller must never modify the array afterwards: the engine
     * keeps a reference to it, and a later change would silently change stored data.
     */
    public static Bytes wrap(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        return new Bytes(bytes, 0, bytes.length);
    }

    /** Wraps a range of {@code bytes} without copying; the same rule as {@link #wrap(byte[])} applies. */
    public static Bytes wrap(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new Bytes(bytes, offset, length);
    }

    /** The 8-byte big-endian encoding of {@code value}; non-negative values sort numerically. */
    public static Bytes ofLong(long value) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) value;
            value >>>= 8;
        }
        return new Bytes(b, 0, 8);
    }

    /** Reads this 8-byte big-endian value, the inverse of {@link #ofLong(long)}. */
    public long toLong() {
        if (length != 8) {
            throw new IllegalStateException("toLong() needs exactly 8 bytes, this value has " + length);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (array[offset + i] & 0xFF);
        }
        return v;
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** The byte at {@code index}, as a signed Java byte. */
    public byte byteAt(int index) {
        Objects.checkIndex(index, length);
        return array[offset + index];
    }

    /** A zero-copy view of bytes {@code [from, to)}. */
    public Bytes slice(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        if (from == 0 && to == length) {
            return this;
        }
        return new Bytes(array, offset + from, to - from);
    }

    /** Whether this byte string begins with {@code prefix}. */
    public boolean startsWith(Bytes prefix) {
        Objects.requireNonNull(prefix, "prefix must not be null");
        return prefix.length <= length
                && Arrays.equals(array, offset, offset + prefix.length, prefix.array, prefix.offset, prefix.offset + prefix.length);
    }

    /**
     * The index of the first byte that differs from {@code other}, the shorter length when one is a
     * prefix of the other, or -1 when both are equal (as {@link Arrays#mismatch(byte[], byte[])}).
     */
    public int mismatch(Bytes other) {
        Objects.requireNonNull(other, "other must not be null");
        return Arrays.mismatch(array, offset, offset + length, other.array, other.offset, other.offset + other.length);
    }

    /** A new array holding a copy of these bytes. */
    public byte[] toArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** A read-only buffer over these bytes, without copying. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer();
    }

    /** Decodes these bytes as UTF-8. */
    public String toUtf8String() {
        return new String(array, offset, length, StandardCharsets.UTF_8);
    }

    /** Copies these bytes into {@code target} at {@code targetOffset}. */
    public void copyTo(byte[] target, int targetOffset) {
        Objects.requireNonNull(target, "target must not be null");
        Objects.checkFromIndexSize(targetOffset, length, target.length);
        System.arraycopy(array, offset, target, targetOffset, length);
    }

    @Override
    public int compareTo(Bytes other) {
        Objects.requireNonNull(other, "other must not be null");
        return Arrays.compareUnsigned(array, offset, offset + length, other.array, other.offset, other.offset + other.length);
    }

    /** Unsigned lexicographic comparison of two arrays, the order of every tree. */
    public static int compare(byte[] a, byte[] b) {
        Objects.requireNonNull(a, "a must not be null");
        Objects.requireNonNull(b, "b must not be null");
        return Arrays.compareUnsigned(a, b);
    }

    /** Whether this byte string holds exactly the bytes of {@code bytes}. */
    public boolean contentEquals(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        return Arrays.equals(array, offset, offset + length, bytes, 0, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Bytes other) || other.length != length) {
            return false;
        }
        return Arrays.equals(array, offset, offset + length, other.array, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && length > 0) {
            h = 1;
            for (int i = offset, end = offset + length; i < end; i++) {
                h = 31 * h + array[i];
            }
            hash = h;
        }
        return h;
    }

    /** Printable form: ASCII text as is, other bytes as {@code \xNN}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(length + 2).append('"');
        for (int i = offset, end = offset + length; i < end; i++) {
            int b = array[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
            }
        }
        return sb.append('"').toString();
    }
}
