package dev.sled.fault;

import dev.sled.spi.FileIo;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Simulates a power cut: writes stay in a volatile "page cache" until the file is fsynced; {@link
 * #powerOff()} loses the unsynced writes as {@link Loss} says, and from then on every call fails, as
 * a dead machine would. Reads see the cache, as the OS would.
 */
public final class PowerLossFileIo implements FileIo {

    /** What happens to the writes no fsync covered when the power goes out. */
    public enum Loss {
        /** All are lost. */
        DROP,
        /** All are lost except half of the last one. */
        TEAR_LAST,
        /**
         * Each 512-byte sector of each write reaches the disk or not, independently: the OS and the
         * drive write back in any order.
         */
        SCRAMBLE,
        /** None is lost: the process was killed, the machine kept running. */
        NONE
    }

    private static final int SECTOR = 512;

    private final FileIo disk;
    private final Loss loss;
    private final Random random;
    private final List<PendingFile> open = new ArrayList<>();
    private volatile boolean off;
    private final List<Closeable> locks = new ArrayList<>();

    public PowerLossFileIo(FileIo disk, Loss loss, long seed) {
        this.disk = disk;
        this.loss = loss;
        this.random = new Random(seed);
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

    private void check() throws IOException {
        if (off) {
            throw new IOException("power is off");
        }
    }

    private record Write(long position, byte[] bytes) {}

    private final class PendingFile implements Handle {
        private final Handle real;
        private final List<Write> pending = new ArrayList<>();

        PendingFile(Handle real) {
            this.real = real;
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
            forceNow();
        }

        private synchronized void forceNow() throws IOException {
            check();
            for (Write w : pending) {
                writeThrough(w, 0, w.bytes().length);
            }
            pending.clear();
            real.force();
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
            for (int i = 0; i < pending.size(); i++) {
                Write w = pending.get(i);
                switch (loss) {
                    case DROP -> { }
                    case TEAR_LAST -> {
                        if (i == pending.size() - 1) {
                            writeThrough(w, 0, Math.max(1, w.bytes().length / 2));
                        }
                    }
                    case SCRAMBLE -> {
                        for (int from = 0; from < w.bytes().length; ) {
                            int to = (int) Math.min(w.bytes().length, (w.position() + from) / SECTOR * SECTOR + SECTOR - w.position());
                            if (random.nextBoolean()) {
                                writeThrough(w, from, to);
                            }
                            from = to;
                        }
                    }
                    case NONE -> writeThrough(w, 0, w.bytes().length);
                }
            }
            pending.clear();
            real.close();
        }

        private void writeThrough(Write w, int from, int to) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(w.bytes(), from, to - from);
            long pos = w.position() + from;
            while (buf.hasRemaining()) {
                pos += real.write(buf, pos);
            }
        }
    }

    @Override
    public synchronized Handle open(Path file, boolean create) throws IOException {
        check();
        PendingFile f = new PendingFile(disk.open(file, create));
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
