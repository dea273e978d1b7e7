package dev.sled.internal.format;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A checksummed record: {@code [u32 bodyLength][u32 crc32c(body)][body]}. Used for nodes in segment
 * files and for metadata batches, so a torn or flipped record is always detected. A metadata batch
 * committed in the segment log sets the length's top bit ({@link #COMMIT_FLAG}), so that a log scan can
 * tell it from a node and a node read can never take it for one.
 */
public final class Frame {

    public static final int HEADER = 8;
    public static final int COMMIT_FLAG = 0x8000_0000;

    private Frame() {
    }

    /** Wraps {@code body} (position to limit) in a frame. */
    public static ByteBuffer wrap(ByteBuffer body) {
        return wrap(body, 0);
    }

    /** Wraps a metadata batch body in a commit frame. */
    public static ByteBuffer wrapCommit(ByteBuffer body) {
        return wrap(body, COMMIT_FLAG);
    }

    /** Frames {@code body} in place: the {@link #HEADER} bytes before its position become the header. */
    static ByteBuffer wrapInPlace(ByteBuffer body) {
        int start = body.position() - HEADER;
        body.putInt(start, body.remaining()).putInt(start + 4, crc(body.duplicate()));
        return body.position(start);
    }

    private static ByteBuffer wrap(ByteBuffer body, int flags) {
        ByteBuffer frame = ByteBuffer.allocate(HEADER + body.remaining());
        frame.putInt(body.remaining() | flags).putInt(crc(body.duplicate())).put(body).flip();
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
