package dev.sled.internal.io;

import dev.sled.spi.FileIo;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@link FileIo} over {@link FileChannel}: the production file layer. */
public final class SystemFileIo implements FileIo {

    public static final SystemFileIo INSTANCE = new SystemFileIo();

    private SystemFileIo() {
    }

    @Override
    public Handle open(Path file, boolean create) throws IOException {
        FileChannel ch = create
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new ChannelHandle(file, ch);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path);
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        // Opening a directory for reading and forcing it is how the JDK exposes fsync(dir) on Linux.
        try {
            Uninterrupted.call(() -> {
                try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                    ch.force(true);
                }
                return null;
            }, () -> { });
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    @Override
    public Closeable tryLock(Path file) throws IOException {
        return Uninterrupted.call(() -> lock(file), () -> { });
    }

    private static Closeable lock(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            return null;
        }
        FileLock held = lock;
        return () -> {
            try {
                held.release();
            } finally {
                ch.close();
            }
        };
    }

    /**
     * A file channel that an interrupt cannot close. A {@link FileChannel} closes itself, for every
     * thread, when a thread using it is interrupted (or starts an operation with its interrupt set), and
     * a database shared by a whole application must not lose its files because one request was
     * cancelled. Each operation runs with the caller's interrupt cleared and set again afterwards; when
     * the channel was closed under it anyway, by an interrupt that arrived during it or during another
     * thread's operation, the file is opened again and the operation repeated. Positional reads and
     * writes and fsync can be repeated safely: fsync covers every write to the file, through any channel.
     */
    private static final class ChannelHandle implements Handle {
        private final Path file;
        private volatile FileChannel channel;
        private volatile boolean closed;

        ChannelHandle(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        private <T> T run(ChannelCall<T> call) throws IOException {
            FileChannel[] used = new FileChannel[1];
            return Uninterrupted.call(() -> call.on(used[0] = channel), () -> reopen(used[0]));
        }

        private synchronized void reopen(FileChannel broken) throws IOException {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (channel == broken) {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
        }

        // A call can move the buffer and still fail (an interrupt reported after the transfer), so each
        // attempt starts from the buffer's original position.

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            int start = dst.position();
            return run(ch -> ch.read(dst.position(start), position));
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            int start = src.position();
            return run(ch -> ch.write(src.position(start), position));
        }

        @Override
        public void force() throws IOException {
            run(ch -> {
                ch.force(false);
                return null;
            });
        }

        @Override
        public long size() throws IOException {
            return run(FileChannel::size);
        }

        @Override
        public void truncate(long size) throws IOException {
            run(ch -> ch.truncate(size));
        }

        @Override
        public synchronized void close() throws IOException {
            closed = true;
            channel.close();
        }
    }

    @FunctionalInterface
    private interface ChannelCall<T> {
        T on(FileChannel channel) throws IOException;
    }
}
