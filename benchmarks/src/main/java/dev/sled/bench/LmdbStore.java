package dev.sled.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * LMDB through lmdbjava, the way its own benchmarks use it: direct buffers, zero-copy reads, one read
 * transaction per thread that is reset and renewed around each read. Every put is its own write
 * transaction. Commits skip fsync ({@code MDB_NOSYNC}) and {@link #sync()} fsyncs the environment, so
 * a durable put is a commit followed by an fsync. LMDB has no cache of its own: it reads through the
 * OS page cache.
 */
final class LmdbStore implements Store {

    /** The largest size the map may grow to; the file is sparse, so this reserves nothing on disk. */
    private static final long MAP_SIZE = 16L << 30;

    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> dbi;
    private final ThreadLocal<ThreadState> threadState = ThreadLocal.withInitial(this::newThreadState);
    /** Every thread's read transaction, closed before the environment. */
    private final Queue<ThreadState> allThreadStates = new ConcurrentLinkedQueue<>();

    private LmdbStore(Path dir) {
        // MDB_NOTLS lets a thread hold its reset read transaction while it also writes.
        env = Env.create(ByteBufferProxy.PROXY_OPTIMAL)
                .setMapSize(MAP_SIZE)
                .setMaxDbs(1)
                .setMaxReaders(256)
                .open(dir.toFile(), EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC);
        dbi = env.openDbi("data", DbiFlags.MDB_CREATE);
    }

    static Store open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LmdbStore(dir);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        ThreadState ts = threadState.get();
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            dbi.put(txn, ts.key(key), ts.value(value));
            txn.commit();
        }
    }

    @Override
    public int get(byte[] key) {
        ThreadState ts = threadState.get();
        Txn<ByteBuffer> txn = ts.beginRead();
        try {
            ByteBuffer v = dbi.get(txn, ts.key(key));
            return v == null ? -1 : v.remaining();
        } finally {
            txn.reset();
        }
    }

    @Override
    public int scan(byte[] from, int count) {
        ThreadState ts = threadState.get();
        Txn<ByteBuffer> txn = ts.beginRead();
        int bytes = 0;
        try (Cursor<ByteBuffer> c = dbi.openCursor(txn)) {
            boolean found = c.get(ts.key(from), GetOp.MDB_SET_RANGE);
            for (int i = 0; i < count && found; i++, found = c.next()) {
                bytes += c.key().remaining() + c.val().remaining();
            }
        } finally {
            txn.reset();
        }
        return bytes;
    }

    @Override
    public void sync() {
        env.sync(true);
    }

    @Override
    public void close() {
        allThreadStates.forEach(ThreadState::close);
        env.close();
    }

    private ThreadState newThreadState() {
        ThreadState ts = new ThreadState();
        allThreadStates.add(ts);
        return ts;
    }

    /** A thread's reusable direct buffers and read transaction. */
    private final class ThreadState {
        private final ByteBuffer key = ByteBuffer.allocateDirect(env.getMaxKeySize());
        private final ByteBuffer value = ByteBuffer.allocateDirect(Data.VALUE_SIZE);
        private Txn<ByteBuffer> readTxn;

        ByteBuffer key(byte[] k) {
            return key.clear().put(k).flip();
        }

        ByteBuffer value(byte[] v) {
            return value.clear().put(v).flip();
        }

        /** A read transaction on the latest committed state: created once, then renewed. */
        Txn<ByteBuffer> beginRead() {
            if (readTxn == null) {
                readTxn = env.txnRead();
            } else {
                readTxn.renew();
            }
            return readTxn;
        }

        void close() {
            if (readTxn != null) {
                readTxn.close();
            }
        }
    }
}
