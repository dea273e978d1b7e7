package dev.sled.internal.engine;

import dev.sled.Bytes;
import dev.sled.Mode;
import dev.sled.StorageException;
import dev.sled.internal.format.DeltaCodec;
import dev.sled.internal.format.Frame;
import dev.sled.internal.format.LeafDelta;
import dev.sled.internal.format.LeafCodec;
import dev.sled.internal.format.MetaRecord;
import dev.sled.internal.storage.Location;
import dev.sled.internal.storage.MetaStore;
import dev.sled.internal.storage.SegmentStore;
import dev.sled.internal.tree.Leaf;
import dev.sled.internal.tree.LeafData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Makes writes durable, in flush epochs. A flush takes the gate exclusively for an instant to capture
 * every dirty leaf version and pending catalog change (a consistent cut: writers hold the gate's
 * shared side while they apply a write, batch or commit), then, with writers running again, appends the
 * captured leaves to the segment log, fsyncs it, and commits one metadata batch — the atomic commit
 * point. Concurrent {@code flush()} calls share one flush (group commit). Each flush also relocates
 * the live leaves of a few mostly-dead segments and deletes emptied ones.
 */
final class Flusher {

    /**
     * Relocation per flush is at most twice the flush's own bytes, which keeps pace with the garbage
     * that flush makes; flushes on the background thread may move at least this much, to work off a
     * backlog without adding to the latency of a caller's small, durable flush.
     */
    private static final long MIN_RELOCATE_BUDGET = 64 << 10;
    /**
     * A flush of at most this many frame bytes forces its frames and its catalog batch at the same time
     * (two fsyncs in parallel instead of one after the other); recovery then checks those frames. A
     * larger flush forces its frames first, so recovery never has to read much.
     */
    private static final long FORCE_TOGETHER_BYTES = 1 << 20;
    /** The most a close copies to compact sparse segments (about a second of writing). */
    private static final long CLOSE_RELOCATE_BUDGET = 256L << 20;

    private final EmbeddedDb db;
    private final ReentrantLock mutex = new ReentrantLock();
    private final Object flushEnded = new Object();
    private final ScheduledExecutorService thread;
    /** Forces segment files while the flushing thread forces the catalog. */
    private final ExecutorService syncer;
    private volatile @Nullable Thread backgroundThread;
    private volatile long epoch = 1;
    private volatile long durableEpoch;

    /** A dirty leaf's version to write: whole, or as a delta of {@code changes} when that is non-null. */
    private record Captured(Leaf leaf, LeafData data, long version, @Nullable List<Bytes> changes) {}

    Flusher(EmbeddedDb db) {
        this.db = db;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sled-flusher " + db.config().path());
            t.setDaemon(true);
            backgroundThread = t;
            return t;
        });
        this.syncer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sled-syncer " + db.config().path());
            t.setDaemon(true);
            return t;
        });
        long every = db.config().flushEveryMs();
        if (every > 0) {
            thread.scheduleWithFixedDelay(this::background, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void background() {
        if (db.failure() != null || db.isClosed()) {
            return;
        }
        try {
            flush();
        } catch (RuntimeException e) {
            // recorded as the database's failure; health checks and later writes report it
        }
    }

    /**
     * Makes every write that completed before this call durable; returns the bytes written. While a
     * flush runs, callers wait for it to end rather than queue on its lock, then one of them flushes
     * everything the others wrote meanwhile (group commit): queueing would let the thread that just
     * flushed take the lock again first, and every flush would carry one writer's write.
     */
    long flush() {
        long target = epoch;
        for (;;) {
            if (durableEpoch >= target) {
                return 0;
            }
            boolean waited = true;
            if (mutex.tryLock() || !(waited = awaitFlushEnd(target))) {
                if (!waited) {
                    mutex.lock(); // interrupted while waiting: queue on the lock instead
                }
                try {
                    return durableEpoch >= target ? 0 : flushLocked();
                } finally {
                    unlockMutex();
                }
            }
        }
    }

    /**
     * Waits while another thread holds the flush lock; its release is announced under the same monitor,
     * so it is never missed.
     *
     * @return false when interrupted
     */
    private boolean awaitFlushEnd(long target) {
        synchronized (flushEnded) {
            while (durableEpoch < target && mutex.isLocked()) {
                try {
                    flushEnded.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private void unlockMutex() {
        mutex.unlock();
        synchronized (flushEnded) {
            flushEnded.notifyAll();
        }
    }

    CompletableFuture<Long> flushAsync() {
        return CompletableFuture.supplyAsync(this::flush, thread);
    }

    /** Durably records a new ID reservation bound. */
    void persistIds(long bound) {
        mutex.lock();
        try {
            db.checkHealthy();
            db.meta.commit(List.of(new MetaRecord.Ids(bound)), db.segments);
        } catch (IOException e) {
            throw db.fail("could not reserve IDs", e);
        } finally {
            unlockMutex();
        }
    }

    private long flushLocked() {
        db.checkHealthy();
        long started = System.nanoTime();
        List<Captured> captured = new ArrayList<>();
        List<MetaRecord> records = new ArrayList<>();
        long flushing;
        db.gate.writeLock().lock();
        try {
            flushing = epoch;
            epoch = flushing + 1;
            for (Leaf leaf : db.pager.takeDirty()) {
                LeafData d = leaf.data();
                if (!leaf.isDead() && d != null) {
                    captured.add(new Captured(leaf, d, leaf.version(), leaf.captureChanges()));
                }
            }
            for (MetaRecord r; (r = db.pendingCatalog.poll()) != null; ) {
                records.add(r);
            }
            for (long id : db.pager.takeRemoved()) {
                records.add(new MetaRecord.Free(id));
            }
        } finally {
            db.gate.writeLock().unlock();
        }
        if (captured.isEmpty() && records.isEmpty()) {
            durableEpoch = flushing;
            return 0;
        }
        long bytes = 0;
        List<Integer> victims = db.segments.sparseSegments(db.config().mode() == Mode.LOW_SPACE ? 0.9 : 0.5);
        try {
            Set<Long> rewritten = new HashSet<>();
            for (Captured c : captured) {
                MetaRecord.Leaf written = write(c);
                records.add(written);
                rewritten.add(written.objectId());
                bytes += written.hasDelta() ? written.deltaLength() : written.length();
            }
            long floor = Thread.currentThread() == backgroundThread ? MIN_RELOCATE_BUDGET : 0;
            bytes += relocate(victims, rewritten, records, Math.max(floor, 2 * bytes));
            if (bytes <= FORCE_TOGETHER_BYTES) {
                forceTogether(records);
            } else {
                db.segments.sync();
                db.meta.commit(records, db.segments);
            }
        } catch (IOException | RuntimeException e) {
            db.pager.restoreDirty(captured.stream().map(Captured::leaf).toList());
            throw db.fail("flush failed", e);
        }
        for (Captured c : captured) {
            Leaf leaf = c.leaf();
            leaf.lock();
            try {
                leaf.markStored();
                if (!leaf.markClean(c.version())) {
                    // Written after the capture while still marked dirty, so no writer re-queued it.
                    db.pager.restoreDirty(List.of(leaf));
                }
            } finally {
                leaf.unlock();
            }
        }
        try {
            deleteEmptied(victims);
            if (db.meta.shouldCheckpoint()) {
                db.meta.checkpoint();
            }
        } catch (IOException e) {
            throw db.fail("could not clean up after a flush", e);
        }
        durableEpoch = flushing;
        db.stats.flushes.increment();
        db.stats.bytesFlushed.add(bytes);
        db.stats.flushNanos.add(System.nanoTime() - started);
        db.stats.lastFlushMillis = System.currentTimeMillis();
        db.pager.evictIfNeeded();
        return bytes;
    }

    /**
     * Writes the frames and the catalog batch, marked as forced together, then forces the segment files
     * on the syncer thread while this one forces the catalog. The batch is the commit point once both
     * are durable; if only the batch reached the disk, recovery finds a frame missing and cuts it.
     */
    private void forceTogether(List<MetaRecord> records) throws IOException {
        records.add(new MetaRecord.FramesForcedTogether());
        db.segments.write();
        db.meta.append(records);
        Future<?> frames = syncer.submit(() -> {
            db.segments.sync();
            return null;
        });
        db.meta.force();
        try {
            frames.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forcing segment files", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        db.meta.apply(records, db.segments);
    }

    /**
     * Appends a captured leaf: a delta of its changes next to its stored base when it has one, which
     * keeps a flush of scattered small writes small, or else the whole leaf as a new base.
     */
    private MetaRecord.Leaf write(Captured c) throws IOException {
        Leaf leaf = c.leaf();
        MetaStore.LeafRecord base = c.changes() == null ? null : db.meta.leaf(leaf.id);
        if (base == null) {
            ByteBuffer frame = Frame.wrap(db.compression.encode(LeafCodec.encode(c.data().image())));
            int len = frame.remaining();
            return new MetaRecord.Leaf(leaf.id, leaf.tree.id(), leaf.lo, db.segments.append(frame), len);
        }
        List<Bytes> keys = c.changes();
        Bytes[] values = new Bytes[keys.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = c.data().get(keys.get(i));
        }
        LeafDelta delta = new LeafDelta(keys.toArray(Bytes[]::new), values);
        ByteBuffer frame = Frame.wrap(db.compression.encode(DeltaCodec.encode(delta)));
        int len = frame.remaining();
        return new MetaRecord.Leaf(leaf.id, leaf.tree.id(), leaf.lo, base.location(), base.length(), db.segments.append(frame), len);
    }

    /** Copies the live leaves of mostly-dead segments to the log tail, within the budget. */
    private long relocate(List<Integer> victims, Set<Long> rewritten, List<MetaRecord> records, long budget) throws IOException {
        Set<Long> gone = new HashSet<>();
        Set<Long> droppedTrees = new HashSet<>();
        for (MetaRecord r : records) {
            if (r instanceof MetaRecord.Free f) {
                gone.add(f.objectId());
            } else if (r instanceof MetaRecord.DropTree d) {
                droppedTrees.add(d.treeId());
            }
        }
        long moved = 0;
        if (victims.isEmpty()) {
            return 0;
        }
        Set<Integer> victimSet = new HashSet<>(victims);
        for (long id : db.meta.leavesIn(victims)) {
            MetaStore.LeafRecord rec = db.meta.leaf(id);
            // Skip leaves this batch rewrites, frees or drops with their tree: a relocation record
            // after their Free or DropTree record would resurrect them.
            if (rec == null || rewritten.contains(id) || gone.contains(id) || droppedTrees.contains(rec.treeId())) {
                continue;
            }
            if (moved > budget) {
                break;
            }
            // Only the frames in the victims move: a delta moves without its base, and the other way round.
            long location = rec.location();
            if (victimSet.contains(Location.segment(location))) {
                location = copy(location, rec.length());
                moved += rec.length();
            }
            long deltaLocation = rec.deltaLocation();
            if (rec.hasDelta() && victimSet.contains(Location.segment(deltaLocation))) {
                deltaLocation = copy(deltaLocation, rec.deltaLength());
                moved += rec.deltaLength();
            }
            records.add(new MetaRecord.Leaf(id, rec.treeId(), rec.lo(), location, rec.length(), deltaLocation, rec.deltaLength()));
        }
        return moved;
    }

    /** Deletes the segments among {@code victims} that relocation emptied; their moves are durable. */
    private void deleteEmptied(List<Integer> victims) throws IOException {
        for (int v : victims) {
            if (db.segments.liveBytes(v) <= 0) {
                db.segments.delete(v);
            }
        }
    }

    /**
     * On close, moves the live frames out of every segment that is more than a tenth garbage, sparsest
     * first, within {@link #CLOSE_RELOCATE_BUDGET}: a closed database takes little more space than its
     * data, whatever the write pattern left behind (the flush-time threshold trades space for speed).
     */
    private void compactForClose() throws IOException {
        List<Integer> victims = new ArrayList<>(db.segments.sparseSegments(0.9));
        if (victims.isEmpty()) {
            return;
        }
        victims.sort(Comparator.comparingLong(db.segments::liveBytes));
        List<MetaRecord> records = new ArrayList<>();
        relocate(victims, Set.of(), records, CLOSE_RELOCATE_BUDGET);
        if (!records.isEmpty()) {
            db.segments.sync();
            db.meta.commit(records, db.segments);
        }
        deleteEmptied(victims);
    }

    /** Appends a copy of the frame at {@code location}; returns the copy's location. */
    private long copy(long location, int length) throws IOException {
        return db.segments.append(Frame.wrap(db.segments.read(location, length)));
    }

    /** Final flush and checkpoint on close, then stops the background thread. */
    void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mutex.lock();
        try {
            if (db.failure() == null) {
                flushLocked();
                compactForClose();
                db.meta.checkpoint();
            }
        } catch (IOException e) {
            throw db.fail("could not write the closing checkpoint", e);
        } finally {
            unlockMutex();
            syncer.shutdown();
        }
    }

    static StorageException asStorage(String what, Throwable e) {
        return e instanceof StorageException s ? s : new StorageException(what + ": " + e, e);
    }
}
