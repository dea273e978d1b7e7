package dev.sled.internal.format;

import dev.sled.CompressionUnavailableException;
import java.nio.ByteBuffer;

/**
 * Node compression. Bodies start with a flag byte: 0 plain, 1 zstd followed by the raw length. zstd-jni
 * is an optional dependency, touched only when compression is on or a compressed node is read.
 */
public final class Compression {

    private static final byte PLAIN = 0;
    private static final byte ZSTD = 1;

    private final int level;

    private Compression(int level) {
        this.level = level;
    }

    /** No compression. */
    public static Compression none() {
        return new Compression(0);
    }

    /** zstd at {@code level}; fails fast when zstd-jni is missing. */
    public static Compression zstd(int level) {
        ZstdBridge.check();
        return new Compression(level);
    }

    public boolean enabled() {
        return level > 0;
    }

    /**
     * Bytes an encoder leaves free in front of its output (see {@link #frame}): the frame header and
     * the compression flag then fit without copying the node.
     */
    public static final int HEADROOM = Frame.HEADER + 1;

    /**
     * Turns an encoded node into a checksummed frame: flag byte, then the raw bytes or their zstd form.
     * {@code raw} must start {@link #HEADROOM} bytes into its heap array, as the codecs leave it; an
     * uncompressed node is then framed in place.
     */
    public ByteBuffer frame(ByteBuffer raw) {
        if (!raw.hasArray() || raw.arrayOffset() != 0 || raw.position() != HEADROOM) {
            throw new IllegalArgumentException("an encoded node must start after " + HEADROOM + " free bytes of its array");
        }
        if (level == 0) {
            raw.put(HEADROOM - 1, PLAIN);
            return Frame.wrapInPlace(raw.position(HEADROOM - 1));
        }
        byte[] src = new byte[raw.remaining()];
        raw.get(src);
        byte[] packed = ZstdBridge.compress(src, level);
        ByteBuffer out = ByteBuffer.allocate(1 + Varint.size(src.length) + packed.length);
        out.put(ZSTD);
        Varint.write(out, src.length);
        return Frame.wrap(out.put(packed).flip());
    }

    /** A heap buffer for an encoder's output of at most {@code size} bytes, positioned after the headroom. */
    public static ByteBuffer allocate(int size) {
        return ByteBuffer.allocate(HEADROOM + size).position(HEADROOM);
    }

    /** Ends an encoder's output written into a buffer from {@link #allocate}: ready for {@link #frame}. */
    public static ByteBuffer finish(ByteBuffer b) {
        return b.flip().position(HEADROOM);
    }

    /** Decodes a body into the raw node bytes (a heap buffer). */
    public static ByteBuffer decode(ByteBuffer body, int maxRawLength) {
        byte flag = body.get();
        if (flag == PLAIN) {
            return body.slice();
        }
        if (flag != ZSTD) {
            throw new IllegalArgumentException("unknown compression flag " + flag);
        }
        int rawLength = Varint.readInt(body, maxRawLength);
        byte[] packed = new byte[body.remaining()];
        body.get(packed);
        return ByteBuffer.wrap(ZstdBridge.decompress(packed, rawLength));
    }

    /** The only class that names zstd-jni, so the engine loads without it. */
    private static final class ZstdBridge {
        static void check() {
            try {
                Class.forName("com.github.luben.zstd.Zstd");
                com.github.luben.zstd.Zstd.compressBound(1);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new CompressionUnavailableException("this database uses zstd compression but zstd-jni is not available: "
                        + "add com.github.luben:zstd-jni to the class path (it is an optional dependency of sled-engine)", e);
            }
        }

        static byte[] compress(byte[] src, int level) {
            return com.github.luben.zstd.Zstd.compress(src, level);
        }

        static byte[] decompress(byte[] packed, int rawLength) {
            check();
            byte[] out = new byte[rawLength];
            long n = com.github.luben.zstd.Zstd.decompress(out, packed);
            if (com.github.luben.zstd.Zstd.isError(n) || n != rawLength) {
                throw new IllegalArgumentException("zstd: expected " + rawLength + " bytes, got " + n);
            }
            return out;
        }
    }
}
