package dev.sled.fault;

import dev.sled.spi.FileIo;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link FileIo} that forwards to another and injects one kind of failure, armed to strike after a
 * number of matching calls. Public so other modules' tests (health checks) can use it.
 */
public final class FaultInjectingFileIo implements FileIo {

    /** The failure to inject. */
    public enum Fault { NONE, WRITE_ERROR, FSYNC_ERROR, READ_ERROR, SHORT_WRITE, DISK_FULL }

    private final FileIo delegate;
    private volatile Fault fault = Fault.NONE;
    private final AtomicInteger countdown = new AtomicInteger();
    private final AtomicLong injected = new AtomicLong();

    public FaultInjectingFileIo(FileIo delegate) {
        this.delegate = delegate;
    }

    /** Injects faults into the real file system. */
    public FaultInjectingFileIo() {
        this(dev.sled.internal.io.SystemFileIo.INSTANCE);
    }

    /** Injects {@code fault} on every matching call after the next {@code after} ones. */
    public void arm(Fault fault, int after) {
        countdown.set(after);
        this.fault = fault;
    }

    public void disarm() {
        fault = Fault.NONE;
    }

    /** How many faults were injected so far. */
    public long injected() {
        return injected.get();
    }

    private boolean strike(Fault... kinds) {
        Fault f = fault;
        for (Fault k : kinds) {
            if (f == k && countdown.getAndDecrement() <= 0) {
                injected.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    @Override
    public Handle open(Path file, boolean create) throws IOException {
        Handle h = delegate.open(file, create);
        return new Handle() {
            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                if (strike(Fault.READ_ERROR)) {
                    throw new IOException("injected read error on " + file);
                }
                return h.read(dst, position);
            }

            @Override
            public int write(ByteBuffer src, long position) throws IOException {
                if (strike(Fault.WRITE_ERROR)) {
                    throw new IOException("injected write error on " + file);
                }
                if (strike(Fault.DISK_FULL)) {
                    throw new IOException("No space left on device (injected) writing " + file);
                }
                if (src.remaining() > 1 && strike(Fault.SHORT_WRITE)) {
                    ByteBuffer half = src.duplicate().limit(src.position() + src.remaining() / 2);
                    int n = h.write(half, position);
                    src.position(src.position() + n);
                    return n;
                }
                return h.write(src, position);
            }

            @Override
            public void force() throws IOException {
                if (strike(Fault.FSYNC_ERROR)) {
                    throw new IOException("injected fsync error on " + file);
                }
                h.force();
            }

            @Override
            public long size() throws IOException {
                return h.size();
            }

            @Override
            public void truncate(long size) throws IOException {
                h.truncate(size);
            }

            @Override
            public void close() throws IOException {
                h.close();
            }
        };
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        delegate.createDirectories(dir);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        return delegate.list(dir);
    }

    @Override
    public boolean exists(Path path) {
        return delegate.exists(path);
    }

    @Override
    public void delete(Path file) throws IOException {
        delegate.delete(file);
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        delegate.rename(source, target);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        if (strike(Fault.FSYNC_ERROR)) {
            throw new IOException("injected directory fsync error on " + dir);
        }
        delegate.syncDirectory(dir);
    }

    @Override
    public Closeable tryLock(Path file) throws IOException {
        return delegate.tryLock(file);
    }
}
