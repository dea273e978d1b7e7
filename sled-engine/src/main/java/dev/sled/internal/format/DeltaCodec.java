package dev.sled.internal.format;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import java.nio.ByteBuffer;

/**
 * Byte layout of a {@link LeafDelta} (before optional compression):
 * {@code varint n, n x (varint keyLen, key, u8 present [varint valueLen, value])}. Decoded keys and
 * values are zero-copy slices of the read buffer.
 */
public final class DeltaCodec {

    private DeltaCodec() {
    }

    public static ByteBuffer encode(LeafDelta delta) {
        int n = delta.keys().length;
        int size = 5;
        for (int i = 0; i < n; i++) {
            Bytes v = delta.values()[i];
            size += 11 + delta.keys()[i].length() + (v == null ? 0 : v.length());
        }
        ByteBuffer b = Compression.allocate(size);
        Varint.write(b, n);
        for (int i = 0; i < n; i++) {
            Buffers.putLengthPrefixed(b, delta.keys()[i]);
            Bytes v = delta.values()[i];
            b.put((byte) (v == null ? 0 : 1));
            if (v != null) {
                Buffers.putLengthPrefixed(b, v);
            }
        }
        return Compression.finish(b);
    }

    /** Decodes a delta; throws {@link IllegalArgumentException} or a buffer exception on malformed input. */
    public static LeafDelta decode(ByteBuffer b) {
        int n = Varint.readInt(b, b.remaining());
        Bytes[] keys = new Bytes[n];
        Bytes[] values = new Bytes[n];
        for (int i = 0; i < n; i++) {
            keys[i] = get(b, SledConfig.MAX_KEY_SIZE);
            byte present = b.get();
            if (present > 1 || present < 0) {
                throw new IllegalArgumentException("bad presence flag " + present + " in a leaf delta");
            }
            values[i] = present == 1 ? get(b, SledConfig.MAX_VALUE_SIZE) : null;
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException(b.remaining() + " trailing bytes after a leaf delta");
        }
        return new LeafDelta(keys, values);
    }

    private static Bytes get(ByteBuffer b, int max) {
        int len = Varint.readInt(b, max);
        if (len > b.remaining()) {
            throw new IllegalArgumentException("length " + len + " exceeds the delta's remaining " + b.remaining() + " bytes");
        }
        Bytes out = Bytes.wrap(b.array(), b.arrayOffset() + b.position(), len);
        b.position(b.position() + len);
        return out;
    }
}
