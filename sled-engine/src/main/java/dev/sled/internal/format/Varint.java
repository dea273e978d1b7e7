package dev.sled.internal.format;

import java.nio.ByteBuffer;

/** LEB128 unsigned varints: small lengths and ids take one byte. */
public final class Varint {

    private Varint() {
    }

    public static void write(ByteBuffer buf, long value) {
        while ((value & ~0x7FL) != 0) {
            buf.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        buf.put((byte) value);
    }

    public static long read(ByteBuffer buf) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buf.get();
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    /** Reads a varint that must fit a non-negative int no larger than {@code max}. */
    public static int readInt(ByteBuffer buf, int max) {
        long v = read(buf);
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("length " + v + " out of range 0.." + max);
        }
        return (int) v;
    }

    public static int size(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            n++;
            value >>>= 7;
        }
        return n;
    }
}
