package dev.sled.internal.format;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A checksummed record: {@code [u32 bodyLength][u32 crc32c(body)][body]}. Used for nodes in segment
 * files and for metadata batches, so a torn or flipped record is always detected.
 */
public final class Frame {

    public static final int HEADER = 8;

    private Frame() {
    }

    /** Wraps {@code body} (position to limit) in a frame. */
    public static ByteBuffer wrap(ByteBuffer body) {
        ByteBuffer frame = ByteBuffer.allocate(HEADER + body.remaining());
        frame.putInt(body.remaining()).putInt(crc(body.duplicate())).put(body).flip();
        return frame;
    }

    public static int crc(ByteBuffer body) {
        CRC32C c = new CRC32C();
        c.update(body);
        return (int) c.getValue();
    }

    /**
     * Checks a frame's body against its header.
     *
     * @return the body, or null when the frame is torn or corrupt
     */
    public static ByteBuffer verify(int expectedCrc, ByteBuffer body) {
        return crc(body.duplicate()) == expectedCrc ? body : null;
    }
}
