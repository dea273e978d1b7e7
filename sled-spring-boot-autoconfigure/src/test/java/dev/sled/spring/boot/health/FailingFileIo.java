package dev.sled.spring.boot.health;

import dev.sled.spi.FileIo;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A {@link FileIo} on the real file system whose writes and fsyncs start throwing once {@link #fail()} is
 * called, as a disk that fills up or goes away would.
 */
public final class FailingFileIo implements FileIo {

    private final AtomicBoolean failing = new AtomicBoolean();

    public void fail() {
        this.failing.set(true);
    }

    @Override
    public Handle open(Path file, boolean create) throws IOException {
        FileChannel channel = create
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new FailingHandle(channel);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map((entry) -> entry.getFileName().toString()).toList();
        }
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
        checkFailing();
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        checkFailing();
    }

    @Override
    public Closeable tryLock(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        }
        catch (OverlappingFileLockException ex) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        return channel;
    }

    private void checkFailing() throws IOException {
        if (this.failing.get()) {
            throw new IOException("injected I/O failure: no space left on device");
        }
    }

    private final class FailingHandle implements Handle {

        private final FileChannel channel;

        FailingHandle(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return this.channel.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            checkFailing();
            return this.channel.write(src, position);
        }

        @Override
        public void force() throws IOException {
            checkFailing();
            this.channel.force(false);
        }

        @Override
        public long size() throws IOException {
            return this.channel.size();
        }

        @Override
        public void truncate(long size) throws IOException {
            this.channel.truncate(size);
        }

        @Override
        public void close() throws IOException {
            this.channel.close();
        }
    }
}
