package dev.sled.fault;

import dev.sled.spi.FileIo;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulates a power cut: writes stay in a volatile "page cache" until the file is fsynced; {@link
 * #powerOff()} throws the unsynced writes away (in the torn mode the last one is half written), and
 * from then on every call fails, as a dead machine would. Reads see the cache, as the OS would.
 */
public final class PowerLossFileIo implements FileIo {

    private final FileIo disk;
    private final boolean tearLastWrite;
    private final List<PendingFile> open = new ArrayList<>();
    private volatile boolean off;
    private final List<Closeable> locks = new ArrayList<>();
    /** Forces of files whose name starts with this wait for the power cut (and then fail); null: none. */
    private volatile String stalledPrefix;
    private final AtomicInteger completedForces = new AtomicInteger();

    public PowerLossFileIo(FileIo disk, boolean tearLastWrite) {
        this.disk = disk;
        this.tearLastWrite = tearLastWrite;
    }

    /** Cuts the power: unsynced writes are lost (or torn), locks released, every later call fails. */
    public synchronized void powerOff() throws IOException {
        off = true;
        for (PendingFile f : open) {
            f.lose();
        }
        for (Closeable l : locks) {
            l.close();
        }
    }

    /**
     * From now on, forcing a file whose name starts with {@code fileNamePrefix} waits for {@link
     * #powerOff()} and then fails: the power goes out while those files are being forced.
     */
    public void stallForces(String fileNamePrefix) {
        stalledPrefix = fileNamePrefix;
    }

    /** How many file forces have completed, to wait for one. */
    public int completedForces() {
        return completedForces.get();
    }

    private void check() throws IOException {
        if (off) {
            throw new IOException("power is off");
        }
    }

    private record Write(long position, byte[] bytes) {}

    private final class PendingFile implements Handle {
        private final Handle real;
        private final String name;
        private final List<Write> pending = new ArrayList<>();

        PendingFile(Handle real, Path file) {
            this.real = real;
            this.name = file.getFileName().toString();
        }

        @Override
        public synchronized int read(ByteBuffer dst, long position) throws IOException {
            check();
            int start = dst.position();
            int n = real.read(dst, position);
            long end = Math.max(real.size(), pendingEnd());
            if (n < dst.limit() - start && position + (n < 0 ? 0 : n) < end) {
                while (dst.hasRemaining() && position + (dst.position() - start) < end) {
                    dst.put((byte) 0);
                }
                n = dst.position() - start;
            }
            for (Write w : pending) {
                overlay(dst, start, position, w);
            }
            return n;
        }

        private long pendingEnd() {
            long end = 0;
            for (Write w : pending) {
                end = Math.max(end, w.position() + w.bytes().length);
            }
            return end;
        }

        private void overlay(ByteBuffer dst, int start, long position, Write w) {
            long from = Math.max(position, w.position());
            long to = Math.min(position + (dst.position() - start), w.position() + w.bytes().length);
            for (long p = from; p < to; p++) {
                dst.put(start + (int) (p - position), w.bytes()[(int) (p - w.position())]);
            }
        }

        @Override
        public synchronized int write(ByteBuffer src, long position) throws IOException {
            check();
            byte[] b = new byte[src.remaining()];
            src.get(b);
            pending.add(new Write(position, b));
            return b.length;
        }

        @Override
        public void force() throws IOException {
            String stalled = stalledPrefix;
            while (stalled != null && name.startsWith(stalled) && !off) {
                Thread.onSpinWait();
            }
            forceNow();
        }

        private synchronized void forceNow() throws IOException {
            check();
            for (Write w : pending) {
                ByteBuffer buf = ByteBuffer.wrap(w.bytes());
                long pos = w.position();
                while (buf.hasRemaining()) {
                    pos += real.write(buf, pos);
                }
            }
            pending.clear();
            real.force();
            completedForces.incrementAndGet();
        }

        @Override
        public synchronized long size() throws IOException {
            check();
            return Math.max(real.size(), pendingEnd());
        }

        @Override
        public synchronized void truncate(long size) throws IOException {
            check();
            forceNow();
            real.truncate(size);
        }

        @Override
        public synchronized void close() throws IOException {
            if (!off) {
                forceNow();
            }
            real.close();
        }

        synchronized void lose() throws IOException {
            if (tearLastWrite && !pending.isEmpty()) {
                Write last = pending.get(pending.size() - 1);
                ByteBuffer half = ByteBuffer.wrap(last.bytes(), 0, Math.max(1, last.bytes().length / 2));
                real.write(half, last.position());
            }
            pending.clear();
            real.close();
        }
    }

    @Override
    public synchronized Handle open(Path file, boolean create) throws IOException {
        check();
        PendingFile f = new PendingFile(disk.open(file, create), file);
        open.add(f);
        return f;
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        check();
        disk.createDirectories(dir);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        check();
        return disk.list(dir);
    }

    @Override
    public boolean exists(Path path) {
        return disk.exists(path);
    }

    @Override
    public void delete(Path file) throws IOException {
        check();
        disk.delete(file);
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        check();
        disk.rename(source, target);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        check();
        disk.syncDirectory(dir);
    }

    @Override
    public synchronized Closeable tryLock(Path file) throws IOException {
        check();
        Closeable l = disk.tryLock(file);
        if (l != null) {
            locks.add(l);
        }
        return l;
    }
}
