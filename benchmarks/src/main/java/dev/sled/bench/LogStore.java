package dev.sled.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a database: the disk's ceiling for W6. A put appends its key and value to one preallocated file; a
 * durable put then waits for a group commit, the cheapest one there is: the first waiter fdatasyncs for
 * every record whose write had finished, the others wait for it, and whoever arrives during the fdatasync
 * syncs next. It keeps no index, so W6 is its only workload. A store's W6 figure divided by this one is its
 * share of what the disk and the cores allow; RocksDB's 8-writer figure times 3 above this one is a target
 * that no store can meet on this machine.
 */
final class LogStore implements Store {

    /**
     * Preallocated and overwritten in place, wrapping around: an fdatasync that grows a file also commits
     * the file system's journal, which no database's steady state pays on every write.
     */
    private static final long FILE_BYTES = 64L << 20;

    private final FileChannel channel;
    private final AtomicLong appended = new AtomicLong();
    /** Per-thread record buffer: no allocation on the timed path. */
    private final ThreadLocal<ByteBuffer> record = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1024));
    /** Records whose write finished, counted under this store's monitor, and the count the last fsync covered. */
    private long arrived;
    private long durable;
    private boolean syncing;

    private LogStore(Path dir) throws IOException {
        Files.createDirectories(dir);
        channel = FileChannel.open(dir.resolve("log"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long at = channel.size(); at < FILE_BYTES; at += zeros.capacity()) {
            zeros.clear();
            while (zeros.hasRemaining()) {
                channel.write(zeros, at + zeros.position());
            }
        }
        channel.force(true);
    }

    static Store open(Path dir) {
        try {
            return new LogStore(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the bare log in " + dir, e);
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        ByteBuffer buf = record.get().clear();
        buf.putShort((short) key.length).put(key).putShort((short) value.length).put(value).flip();
        long at = appended.getAndAdd(buf.remaining()) % (FILE_BYTES - buf.capacity());
        try {
            while (buf.hasRemaining()) {
                channel.write(buf, at + buf.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns once an fdatasync that started after this call's own writes had finished has completed. */
    @Override
    public void sync() {
        long ticket;
        synchronized (this) {
            ticket = ++arrived;
        }
        try {
            while (true) {
                long covers;
                synchronized (this) {
                    while (syncing && durable < ticket) {
                        wait();
                    }
                    if (durable >= ticket) {
                        return;
                    }
                    syncing = true;
                    covers = arrived;
                }
                boolean synced = false;
                try {
                    channel.force(false);
                    synced = true;
                } finally {
                    synchronized (this) {
                        syncing = false;
                        if (synced) {
                            durable = covers;
                        }
                        notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a group commit", e);
        }
    }

    @Override
    public int get(byte[] key) {
        throw new UnsupportedOperationException("the bare log keeps no index: it runs W6 only");
    }

    @Override
    public int scan(byte[] from, int count) {
        throw new UnsupportedOperationException("the bare log keeps no index: it runs W6 only");
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
