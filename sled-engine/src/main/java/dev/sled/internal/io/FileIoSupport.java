package dev.sled.internal.io;

import dev.sled.spi.FileIo;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Whole-buffer reads and writes over a {@link FileIo.Handle}, which may transfer fewer bytes per call. */
public final class FileIoSupport {

    private FileIoSupport() {
    }

    /** Writes all of {@code src} at {@code position}; a handle that makes no progress is reported as an error. */
    public static void writeFully(FileIo.Handle handle, ByteBuffer src, long position) throws IOException {
        long pos = position;
        while (src.hasRemaining()) {
            int n = handle.write(src, pos);
            if (n <= 0) {
                throw new IOException("write made no progress at offset " + pos + " (" + src.remaining() + " bytes left): disk full?");
            }
            pos += n;
        }
    }

    /** Reads exactly {@code dst.remaining()} bytes at {@code position}, or throws {@link EOFException}. */
    public static void readFully(FileIo.Handle handle, ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = handle.read(dst, pos);
            if (n < 0) {
                throw new EOFException("end of file at offset " + pos + " with " + dst.remaining() + " bytes still expected");
            }
            pos += n;
        }
    }
}
