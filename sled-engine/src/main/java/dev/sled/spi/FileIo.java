package dev.sled.spi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * The narrow file layer every byte of storage goes through. The default uses {@link java.nio.channels.FileChannel};
 * tests wrap it to inject I/O errors, short writes, full disks and power loss.
 */
public interface FileIo {

    /** Opens (creating if {@code create}) a file for reading and writing. */
    Handle open(Path file, boolean create) throws IOException;

    /** Creates {@code dir} and its parents if missing. */
    void createDirectories(Path dir) throws IOException;

    /** The names of the entries of {@code dir}. */
    List<String> list(Path dir) throws IOException;

    boolean exists(Path path);

    void delete(Path file) throws IOException;

    /** Atomically replaces {@code target} with {@code source}. */
    void rename(Path source, Path target) throws IOException;

    /** Makes the entries of {@code dir} (created, renamed, deleted files) durable. */
    void syncDirectory(Path dir) throws IOException;

    /**
     * Takes an exclusive lock on {@code file}, held until the returned handle is closed.
     *
     * @return null when another process or handle holds it
     */
    Closeable tryLock(Path file) throws IOException;

    /** An open file. */
    interface Handle extends Closeable {
        /** Reads up to {@code dst.remaining()} bytes at {@code position}; returns -1 at end of file. */
        int read(ByteBuffer dst, long position) throws IOException;

        /** Writes {@code src.remaining()} bytes at {@code position}; may write fewer (returns the count). */
        int write(ByteBuffer src, long position) throws IOException;

        /** Makes every written byte durable (fdatasync/fsync). */
        void force() throws IOException;

        long size() throws IOException;

        void truncate(long size) throws IOException;
    }
}
