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

    /** Encodes {@code raw} into a body with its flag byte. */
    public ByteBuffer encode(ByteBuffer raw) {
        if (level == 0) {
            ByteBuffer out = ByteBuffer.allocate(1 + raw.remaining());
            return out.put(PLAIN).put(raw).flip();
        }
        byte[] src = new byte[raw.remaining()];
        raw.get(src);
        byte[] packed = ZstdBridge.compress(src, level);
        ByteBuffer out = ByteBuffer.allocate(1 + Varint.size(src.length) + packed.length);
        out.put(ZSTD);
        Varint.write(out, src.length);
        return out.put(packed).flip();
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
