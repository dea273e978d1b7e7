package dev.sled.internal.format;

import dev.sled.Bytes;
import java.nio.ByteBuffer;

/** Writing {@link Bytes} into the heap buffers the codecs fill: one array copy, no buffer views. */
final class Buffers {

    private Buffers() {
    }

    static void put(ByteBuffer b, Bytes bytes) {
        bytes.copyTo(b.array(), b.arrayOffset() + b.position());
        b.position(b.position() + bytes.length());
    }

    /** A varint length, then the bytes. */
    static void putLengthPrefixed(ByteBuffer b, Bytes bytes) {
        Varint.write(b, bytes.length());
        put(b, bytes);
    }
}
