package dev.sled.internal.engine;

import dev.sled.Bytes;
import dev.sled.Mode;
import dev.sled.StorageException;
import dev.sled.internal.format.DeltaCodec;
import dev.sled.internal.format.Frame;
import dev.sled.internal.format.LeafDelta;
import dev.sled.internal.format.LeafCodec;
import dev.sled.internal.format.MetaCodec;
import dev.sled.internal.format.MetaRecord;
import dev.sled.internal.format.NodeFrames;
import dev.sled.internal.storage.Location;
import dev.sled.internal.storage.MetaStore;
import dev.sled.internal.storage.SegmentStore;
import dev.sled.internal.tree.Leaf;
import dev.sled.internal.tree.LeafData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Makes writes durable, in flush epochs. A flush takes the gate exclusively for an instant to capture
 * every dirty leaf version and pending catalog change (a consistent cut: writers hold the gate's
 * shared side while they apply a write, batch or commit), then, with writers running again, appends the
 * captured leaves to the segment log followed by one metadata batch in a commit frame, and fsyncs the
 * log: that one fsync is the atomic commit point. The catalog gets a copy of the batch, forced every
 * {@link #CATALOG_FORCE_BYTES} of log, which bounds what recovery scans. Concurrent {@code flush()}
 * calls share one flush (group commit). Flushes also relocate the live leaves of mostly-dead segments
 * (the background thread's, a step at a time, unless there is none) and delete emptied ones.
 */
final class Flusher {

    /**
     * Each flush earns relocation credit of twice its own bytes, which keeps pace with the garbage it
     * makes. The background thread spends it, at least {@link #MIN_RELOCATE_BUDGET} per flush to work off
     * a backlog; when callers have flushed since its last run, in steps of at most
     * {@link #BACKGROUND_STEP} with the lock released between them (without callers, one batch costs one
     * fsync instead of one per step). Callers' flushes leave it to that thread, so a durable write does
     * not wait for copying, unless the credit reaches {@link #CALLER_RELOCATE_FLOOR} (the thread has
     * fallen behind). Without a background thread, a caller's flush spends the credit once it reaches
     * {@link #RELOCATE_BATCH}, so that most small durable flushes still write (and fsync) just their own
     * frames.
     */
    private static final long RELOCATE_BATCH = 256 << 10;
    private static final long MIN_RELOCATE_BUDGET = 64 << 10;
    private static final long BACKGROUND_STEP = 1 << 20;
    private static final long CALLER_RELOCATE_FLOOR = 32L << 20;
    /** The longest a flush waits for the callers of its group to arrive: a fraction of an fsync. */
    private static final long GATHER_NANOS = 100_000;
    /**
     * The catalog is forced once the segment log has grown this much since it last was, so that recovery
     * scans at most about this much of the log (plus a flush that a crash interrupted).
     */
    private static final long CATALOG_FORCE_BYTES = 4 << 20;
    /** The most a close copies to compact sparse segments (about a second of writing). */
    private static final long CLOSE_RELOCATE_BUDGET = 256L << 20;

    private final EmbeddedDb db;
    private final ReentrantLock mutex = new ReentrantLock();
    /** Callers waiting for the running flush to end, each woken on its own (see {@link #awaitFlushEnd}). */
    private final Queue<Thread> waiting = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService thread;
    private volatile @Nullable Thread backgroundThread;
    /** Whether a caller has called {@link #flush()} since the background thread's last run. */
    private volatile boolean callersFlushed;
    /** Whether the background thread's current run relocates in steps (read and written by that thread). */
    private boolean stepwise;
    /** The segment log's appended bytes when the catalog was last forced. */
    private long catalogForcedAt;
    /** Relocation bytes earned and not yet spent (guarded by the mutex). */
    private long relocationCredit;
    /** The segments relocation is emptying, a batch per flush (guarded by the mutex). */
    private List<Integer> relocating = List.of();
    /**
     * The leaves found in {@link #relocating} and not yet moved (guarded by the mutex): one scan of the
     * catalog serves every batch until they are gone, where a scan per batch cost a millisecond each.
     */
    private final Deque<Long> toMove = new ArrayDeque<>();
    /** Threads inside {@link #flush()}, waiting or flushing. */
    private final AtomicInteger callers = new AtomicInteger();
    /** Calls of {@link #flush()} since the last capture: writes the next flush will carry. */
    private final AtomicInteger arrivals = new AtomicInteger();
    /** How many callers a flush expects to serve: the most seen in {@link #flush()} at once, lately. */
    private volatile int expectedGroup = 1;
    private volatile long epoch = 1;
    private volatile long durableEpoch;

    /** A dirty leaf's version to write: whole, or as {@code delta} when that is non-null. */
    private record Captured(Leaf leaf, LeafData data, long version, Leaf.@Nullable Delta delta) {}

    Flusher(EmbeddedDb db) {
        this.db = db;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sled-flusher " + db.config().path());
            t.setDaemon(true);
            backgroundThread = t;
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
        stepwise = callersFlushed;
        callersFlushed = false;
        try {
            flush();
            relocateInSteps();
        } catch (RuntimeException e) {
            // recorded as the database's failure; health checks and later writes report it
        }
    }

    /**
     * Spends the relocation credit that the run's flush left (callers' flushes leave all of theirs), a step
     * per flush, releasing the lock between steps so that callers' flushes interleave. It also runs when
     * nothing is dirty, so that the credit of the last writes before a pause is spent; it stops below
     * {@link #MIN_RELOCATE_BUDGET} of credit or when a step moves nothing (the rest waits for the next run).
     */
    private void relocateInSteps() {
        for (;;) {
            mutex.lock();
            try {
                long credit = relocationCredit;
                if (credit < MIN_RELOCATE_BUDGET || db.isClosed()) {
                    return;
                }
                flushLocked(true);
                if (relocationCredit >= credit) {
                    return;
                }
            } finally {
                unlockMutex();
            }
        }
    }

    /**
     * Makes every write that completed before this call durable; returns the bytes written. While a
     * flush runs, callers wait for it to end rather than queue on its lock, then one of them flushes
     * everything the others wrote meanwhile (group commit): queueing would let the thread that just
     * flushed take the lock again first, and every flush would carry one writer's write.
     */
    long flush() {
        // Read before written: eight durable writers would otherwise move this line between cores per write.
        if (!callersFlushed && Thread.currentThread() != backgroundThread) {
            callersFlushed = true;
        }
        long target = epoch;
        arrivals.incrementAndGet();
        int inside = callers.incrementAndGet();
        if (inside > expectedGroup) {
            expectedGroup = inside; // a racy maximum is good enough for a hint
        }
        try {
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
                        if (durableEpoch >= target) {
                            return 0;
                        }
                        gather();
                        return flushLocked(false);
                    } finally {
                        unlockMutex();
                    }
                }
            }
        } finally {
            callers.decrementAndGet();
        }
    }

    /**
     * Before a caller's flush captures, waits briefly (yielding) until as many callers have arrived since
     * the last capture as were lately seen in {@link #flush()} at once. Without it, writers split into two
     * alternating halves: those that a flush just released write again and arrive while the next flush,
     * started at once by the others, is already running. With one writer nobody waits; after a wait that
     * times out, the expected group shrinks to what arrived.
     */
    private void gather() {
        int expected = expectedGroup;
        int now = arrivals.get();
        if (expected > now && Thread.currentThread() != backgroundThread) {
            long deadline = System.nanoTime() + GATHER_NANOS;
            while ((now = arrivals.get()) < expected && System.nanoTime() < deadline) {
                Thread.yield();
            }
            if (now < expected) {
                expectedGroup = Math.max(1, now);
            }
        }
    }

    /**
     * Waits while another thread holds the flush lock. The waiter is listed before it checks, and the
     * flush unparks every listed waiter after it releases the lock, so no release is missed; waking each
     * thread on its own lets them return at once, where a shared monitor made them queue to reacquire it.
     *
     * @return false when interrupted (the interrupt stays set)
     */
    private boolean awaitFlushEnd(long target) {
        Thread me = Thread.currentThread();
        waiting.add(me);
        try {
            while (durableEpoch < target && mutex.isLocked()) {
                LockSupport.park(this);
                if (me.isInterrupted()) {
                    return false;
                }
            }
        } finally {
            waiting.remove(me);
        }
        return true;
    }

    private void unlockMutex() {
        mutex.unlock();
        for (Thread t : waiting) {
            LockSupport.unpark(t);
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
            commit(List.of(new MetaRecord.Ids(bound)));
        } catch (IOException e) {
            throw db.fail("could not reserve IDs", e);
        } finally {
            unlockMutex();
        }
    }

    /**
     * Flushes what is dirty; with {@code relocationStep}, spends relocation credit even when nothing is
     * dirty.
     */
    private long flushLocked(boolean relocationStep) {
        db.checkHealthy();
        long started = System.nanoTime();
        List<Captured> captured = new ArrayList<>();
        List<MetaRecord> records = new ArrayList<>();
        long flushing;
        db.gate.writeLock().lock();
        try {
            flushing = epoch;
            epoch = flushing + 1;
            arrivals.set(0);
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
        if (captured.isEmpty() && records.isEmpty() && !relocationStep) {
            durableEpoch = flushing;
            return 0;
        }
        long bytes = 0;
        List<Integer> victims = List.of();
        try {
            Set<Long> rewritten = new HashSet<>();
            for (Captured c : captured) {
                MetaRecord.Leaf written = write(c);
                records.add(written);
                rewritten.add(written.objectId());
                bytes += written.frames().newestLength();
            }
            relocationCredit += 2 * bytes;
            long budget = relocationBudget();
            if (budget > 0) {
                if (toMove.isEmpty()) {
                    double threshold = db.config().mode() == Mode.LOW_SPACE ? 0.9 : 0.5;
                    // Only when the log as a whole has more garbage than the mode allows: the segments that
                    // just took new writes are always sparse, and moving their survivors mixes them with the
                    // next writes, so that they move again and again (twice the written bytes per flush).
                    relocating = db.segments.sparseOverall(threshold)
                            ? sparsestWithin(db.segments.sparseSegments(threshold), budget) : List.of();
                    toMove.addAll(db.meta.leavesIn(relocating));
                }
                long moved = relocate(relocating, toMove, rewritten, records, budget);
                // Without sparse segments there is no backlog to save up for.
                relocationCredit = relocating.isEmpty() ? 0 : Math.max(0, relocationCredit - moved);
                bytes += moved;
            }
            if (!records.isEmpty()) { // a relocation step may find nothing to move
                commit(records);
            }
            Set<Integer> deletable = new LinkedHashSet<>();
            if (budget > 0 && toMove.isEmpty()) {
                deletable.addAll(relocating);
                relocating = List.of();
            }
            // Segments that this commit (a dropped tree, deletes, rewrites) or earlier ones left without a
            // live frame cost no copying, only the catalog's fsync before they are deleted. The catalog must
            // agree that no node has a frame there: the count alone never decides a deletion.
            List<Integer> empty = db.segments.emptySegments();
            if (!empty.isEmpty() && db.meta.leavesIn(empty).isEmpty()) {
                deletable.addAll(empty);
            }
            victims = List.copyOf(deletable);
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
            retireNearlyDeadTail();
            if (db.meta.shouldCheckpoint()) {
                db.meta.checkpoint();
                catalogForcedAt = db.segments.appendedBytes();
            }
        } catch (IOException e) {
            throw db.fail("could not clean up after a flush", e);
        }
        durableEpoch = flushing;
        db.stats.flushes.increment();
        db.stats.bytesFlushed.add(bytes);
        db.stats.flushNanos.add(System.nanoTime() - started);
        db.stats.lastFlushMillis = System.currentTimeMillis();
        db.pager.evictFlushed();
        return bytes;
    }

    /** What this flush spends on relocation (see {@link #RELOCATE_BATCH}). */
    private long relocationBudget() {
        if (Thread.currentThread() == backgroundThread) {
            return Math.max(MIN_RELOCATE_BUDGET, stepwise ? Math.min(relocationCredit, BACKGROUND_STEP) : relocationCredit);
        }
        if (db.config().flushEveryMs() > 0) {
            return relocationCredit >= CALLER_RELOCATE_FLOOR ? BACKGROUND_STEP : 0;
        }
        return relocationCredit >= RELOCATE_BATCH ? relocationCredit : 0;
    }

    /**
     * Appends {@code records} as the next commit frame after the frames already appended and forces the
     * segment log, the commit point; then copies the batch to the catalog and applies it.
     */
    private void commit(List<MetaRecord> records) throws IOException {
        List<MetaRecord> batch = new ArrayList<>(records.size() + 1);
        batch.addAll(records);
        batch.add(new MetaRecord.Commit(db.meta.nextSequence()));
        ByteBuffer frame = Frame.wrapCommit(MetaCodec.encode(batch));
        int length = frame.remaining();
        long at = db.segments.append(frame);
        db.segments.sync();
        db.meta.committed(batch, Location.of(Location.segment(at), Location.offset(at) + length), db.segments);
        if (db.segments.appendedBytes() - catalogForcedAt > CATALOG_FORCE_BYTES) {
            forceCatalog();
        }
    }

    private void forceCatalog() throws IOException {
        db.meta.force();
        catalogForcedAt = db.segments.appendedBytes();
    }

    /**
     * Appends a captured leaf: a delta of its changes over its stored copy when it has one, which keeps a
     * flush of scattered small writes small, or else the whole leaf as a new base.
     */
    private MetaRecord.Leaf write(Captured c) throws IOException {
        Leaf leaf = c.leaf();
        Leaf.Delta delta = c.delta();
        MetaStore.LeafRecord stored = delta == null ? null : db.meta.leaf(leaf.id);
        if (stored == null) {
            ByteBuffer frame = db.compression.frame(LeafCodec.encode(c.data().image()));
            int len = frame.remaining();
            return new MetaRecord.Leaf(leaf.id, leaf.tree.id(), leaf.lo, NodeFrames.whole(db.segments.append(frame), len));
        }
        // In key order, so that a load merges the delta into its base in one pass.
        Bytes[] keys = delta.sortedKeys();
        Bytes[] values = new Bytes[keys.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = c.data().get(keys[i]);
        }
        ByteBuffer frame = db.compression.frame(DeltaCodec.encode(new LeafDelta(keys, values)));
        int len = frame.remaining();
        long at = db.segments.append(frame);
        NodeFrames frames = delta.second() ? stored.frames().withSecondDelta(at, len) : stored.frames().withFirstDelta(at, len);
        return new MetaRecord.Leaf(leaf.id, leaf.tree.id(), leaf.lo, frames);
    }

    /**
     * The sparsest of {@code candidates} whose live bytes fit in {@code budget} together (at least one):
     * emptying the emptiest segments first frees the most space per byte copied, and a batch that empties
     * its victims lets them be deleted now instead of leaving many segments partly copied.
     */
    private List<Integer> sparsestWithin(List<Integer> candidates, long budget) {
        List<Integer> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingLong(db.segments::liveBytes));
        long live = 0;
        int n = 0;
        while (n < sorted.size() && (n == 0 || live + db.segments.liveBytes(sorted.get(n)) <= budget)) {
            live += db.segments.liveBytes(sorted.get(n++));
        }
        return sorted.subList(0, n);
    }

    /**
     * Copies the frames that the leaves taken from {@code queue} keep in {@code victims} to the log tail,
     * within the budget (at least one leaf's). A leaf this batch rewrites stays queued for a later batch:
     * its older frames there still count.
     */
    private long relocate(List<Integer> victims, Deque<Long> queue, Set<Long> rewritten, List<MetaRecord> records, long budget)
            throws IOException {
        Set<Long> gone = new HashSet<>();
        Set<Long> droppedTrees = new HashSet<>();
        for (MetaRecord r : records) {
            if (r instanceof MetaRecord.Free f) {
                gone.add(f.objectId());
            } else if (r instanceof MetaRecord.DropTree d) {
                droppedTrees.add(d.treeId());
            }
        }
        Set<Integer> victimSet = new HashSet<>(victims);
        List<Long> deferred = new ArrayList<>();
        long moved = 0;
        for (Long id; (id = queue.peek()) != null; ) {
            MetaStore.LeafRecord rec = db.meta.leaf(id);
            // Skip leaves this batch frees or drops with their tree: a relocation record after their Free
            // or DropTree record would resurrect them.
            if (rec == null || gone.contains(id) || droppedTrees.contains(rec.treeId())) {
                queue.poll();
                continue;
            }
            // Only the frames in the victims move: a delta moves without its base, and the other way round.
            NodeFrames frames = rec.frames();
            long size = 0;
            for (int i = 0; i < frames.count(); i++) {
                size += victimSet.contains(Location.segment(frames.location(i))) ? frames.length(i) : 0;
            }
            if (size == 0) {
                queue.poll(); // rewritten elsewhere since the scan
                continue;
            }
            if (rewritten.contains(id)) {
                deferred.add(queue.poll());
                continue;
            }
            if (moved > 0 && moved + size > budget) {
                break;
            }
            queue.poll();
            NodeFrames now = frames;
            for (int i = 0; i < frames.count(); i++) {
                if (victimSet.contains(Location.segment(frames.location(i)))) {
                    now = now.moved(i, copy(frames.location(i), frames.length(i)));
                }
            }
            moved += size;
            records.add(new MetaRecord.Leaf(id, rec.treeId(), rec.lo(), now));
        }
        deferred.forEach(queue::addFirst);
        return moved;
    }

    /**
     * Deletes the segments among {@code victims} that relocation emptied; their moves are durable. The
     * catalog is forced first, so that recovery never has to scan the log from a deleted segment.
     */
    private void deleteEmptied(List<Integer> victims) throws IOException {
        List<Integer> empty = victims.stream().filter(v -> db.segments.liveBytes(v) <= 0).toList();
        if (!empty.isEmpty()) {
            forceCatalog();
        }
        for (int v : empty) {
            db.segments.delete(v);
        }
    }

    /**
     * Ends the segment being appended to once deletes and overwrites have left it nearly empty, and moves
     * its few live frames out: as the log's tail it is never a compaction candidate, so a database whose
     * data was deleted would keep up to a segment of disk until new writes filled it. It takes an eighth
     * of a segment of frames, at most a sixteenth of them live, so the copy stays small and rare.
     */
    private void retireNearlyDeadTail() throws IOException {
        long written = db.segments.tailWritten();
        if (written >= db.config().segmentSize() / 8 && db.segments.tailLive() <= written / 16) {
            compact(List.of(db.segments.roll()), written);
        }
    }

    /** Moves the live frames out of {@code victims}, within {@code budget}, and deletes those it empties. */
    private void compact(List<Integer> victims, long budget) throws IOException {
        List<MetaRecord> records = new ArrayList<>();
        relocate(victims, new ArrayDeque<>(db.meta.leavesIn(victims)), Set.of(), records, budget);
        if (!records.isEmpty()) {
            commit(records);
        }
        deleteEmptied(victims);
    }

    /**
     * On close, moves the live frames out of every segment that is more than a tenth garbage, sparsest
     * first, within {@link #CLOSE_RELOCATE_BUDGET}: a closed database takes little more space than its
     * data, whatever the write pattern left behind (the flush-time threshold trades space for speed).
     */
    private void compactForClose() throws IOException {
        List<Integer> victims = sparsestWithin(db.segments.sparseSegments(0.9), CLOSE_RELOCATE_BUDGET);
        if (!victims.isEmpty()) {
            compact(victims, CLOSE_RELOCATE_BUDGET);
        }
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
                flushLocked(false);
                compactForClose();
                db.meta.checkpoint();
                db.segments.trimZeros();
            }
        } catch (IOException e) {
            throw db.fail("could not write the closing checkpoint", e);
        } finally {
            unlockMutex();
        }
    }

    static StorageException asStorage(String what, Throwable e) {
        return e instanceof StorageException s ? s : new StorageException(what + ": " + e, e);
    }
}
