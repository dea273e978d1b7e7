package dev.sled.internal.engine;

import dev.sled.Bytes;
import dev.sled.ConfigMismatchException;
import dev.sled.CorruptionException;
import dev.sled.DatabaseClosedException;
import dev.sled.DatabaseLockedException;
import dev.sled.FormatVersionException;
import dev.sled.KeyValue;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.SledException;
import dev.sled.SledIterator;
import dev.sled.SledStats;
import dev.sled.SledTree;
import dev.sled.StorageException;
import dev.sled.Transaction;
import dev.sled.TransactionMisuseException;
import dev.sled.internal.format.Compression;
import dev.sled.internal.format.MetaRecord;
import dev.sled.internal.io.SystemFileIo;
import dev.sled.internal.storage.Location;
import dev.sled.internal.storage.LogTail;
import dev.sled.internal.storage.MetaStore;
import dev.sled.internal.storage.SegmentStore;
import dev.sled.internal.tree.BTree;
import dev.sled.internal.tree.Leaf;
import dev.sled.internal.cache.Pager;
import dev.sled.internal.tx.Escalation;
import dev.sled.internal.tx.OptimisticTransaction;
import dev.sled.internal.tx.TransactionRunner;
import dev.sled.internal.tx.TransactionStats;
import dev.sled.internal.tx.TreeHandle;
import dev.sled.internal.tx.TxContext;
import dev.sled.spi.Checksums;
import dev.sled.spi.FileIo;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The embedded database: opens and recovers the files, owns the trees, the pager, the flusher and the
 * ID generator, and is itself the default tree. See docs/ARCHITECTURE.md for the design.
 *
 * <p>Lock order (never wait against it): the flush gate's shared side, then leaf locks in object-id
 * order. Nothing waits for anything else while holding the gate's shared side, so the flusher's brief
 * exclusive capture always gets through.
 */
public final class EmbeddedDb extends DelegatingTree implements SledDb, TxContext {

    private static final String LOCK_FILE = "LOCK";

    private final SledConfig config;
    private final Path dir;
    private final FileIo io;
    private final Closeable fileLock;
    final MetaStore meta;
    final SegmentStore segments;
    final Pager pager;
    final Compression compression;
    final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Escalation escalation = new Escalation();
    private final Map<Bytes, EmbeddedTree> trees = new ConcurrentHashMap<>();
    private final AtomicLong nextTreeId;
    final ConcurrentLinkedQueue<MetaRecord> pendingCatalog = new ConcurrentLinkedQueue<>();
    final EngineStats stats = new EngineStats();
    private final TransactionStats txStats = new TransactionStats();
    private final Flusher flusher;
    private final IdGenerator ids;
    private final boolean recovered;
    private volatile boolean closed;
    private volatile @Nullable String failure;

    private EmbeddedDb(SledConfig config, FileIo io, Closeable fileLock, MetaStore meta, SegmentStore segments,
            boolean recovered) {
        this.config = config;
        this.dir = config.path();
        this.io = io;
        this.fileLock = fileLock;
        this.meta = meta;
        this.segments = segments;
        this.recovered = recovered;
        this.compression = meta.compression() ? Compression.zstd(config.compressionLevel()) : Compression.none();
        Map<Long, MetaStore.TreeLeaves> byTree = meta.leavesByTree();
        long maxLeafId = 0;
        for (MetaStore.TreeLeaves leaves : byTree.values()) {
            for (long id : leaves.objectIds()) {
                maxLeafId = Math.max(maxLeafId, id);
            }
        }
        this.pager = new Pager(segments, meta, config.cacheCapacity(), maxLeafId + 1);
        long maxTreeId = 0;
        for (Map.Entry<Long, Bytes> t : meta.trees().entrySet()) {
            maxTreeId = Math.max(maxTreeId, t.getKey());
            BTree btree = newBTree(t.getKey(), t.getValue());
            MetaStore.TreeLeaves leaves = byTree.getOrDefault(t.getKey(), new MetaStore.TreeLeaves(new long[0], new Bytes[0]));
            if (!Arrays.asList(leaves.los()).contains(Bytes.EMPTY)) {
                throw new CorruptionException(dir.resolve("meta"), 0, "tree " + t.getValue() + " has no first node");
            }
            try {
                btree.addStored(leaves.objectIds(), leaves.los());
            } catch (IllegalStateException e) {
                throw new CorruptionException(dir.resolve("meta"), 0, e.getMessage());
            }
            trees.put(t.getValue(), new EmbeddedTree(this, btree, t.getValue()));
        }
        this.nextTreeId = new AtomicLong(maxTreeId + 1);
        if (config.warmCache()) {
            pager.warmAfterFirstMiss(this::isClosed);
        }
        this.ids = new IdGenerator(meta.idsReserved(), config.idReservation(), this::persistIds);
        this.flusher = new Flusher(this);
        Bytes defaultName = Bytes.of(DEFAULT_TREE);
        EmbeddedTree def = trees.get(defaultName);
        if (def == null) {
            def = createTree(0, defaultName);
        }
        setDelegate(def);
    }

    /** Opens or creates the database described by {@code requested}. */
    public static EmbeddedDb open(SledConfig requested) {
        SledConfig config = withOwnTemporaryPath(requested);
        FileIo io = config.fileIo() != null ? config.fileIo() : SystemFileIo.INSTANCE;
        Path dir = config.path();
        if (Files.isRegularFile(dir)) {
            throw new SledException("cannot open database at " + dir + ": the path is a file, not a directory");
        }
        try {
            io.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create database directory " + dir + ": " + e, e);
        }
        Closeable lock;
        try {
            lock = io.tryLock(dir.resolve(LOCK_FILE));
        } catch (IOException e) {
            throw new StorageException("cannot lock " + dir.resolve(LOCK_FILE) + " (is the directory writable?): " + e, e);
        }
        if (lock == null) {
            throw new DatabaseLockedException("the database at " + dir + " is already open in this or another process; "
                    + "share one SledDb per path");
        }
        MetaStore meta = null;
        SegmentStore segments = null;
        try {
            boolean exists = MetaStore.exists(dir, io);
            if (exists && config.createNew()) {
                throw new SledException("createNew is set but a database already exists at " + dir);
            }
            if (!exists && config.compression()) {
                Compression.zstd(config.compressionLevel());
            }
            List<Integer> files = SegmentStore.segmentIds(io, dir);
            SledConfig inUse = config;
            if (exists) {
                meta = MetaStore.recover(dir, io);
                inUse = withStoredParameters(config, meta);
                recoverTail(dir, io, files, meta);
            } else {
                if (!files.isEmpty()) {
                    throw new FormatVersionException(dir.resolve(SegmentStore.fileName(files.get(0))) + " is a segment file but "
                            + dir + " has no metadata snapshot (meta-*.snap): the files belong to another program or their "
                            + "metadata was deleted; not creating a new database over them");
                }
                meta = MetaStore.create(dir, io, config.segmentSize(), config.compression());
            }
            segments = new SegmentStore(dir, io, meta.segmentSize());
            Map<Integer, Long> live = meta.liveBytesBySegment();
            segments.continueAfter(files, Location.segment(meta.logEnd()));
            for (int id : files) {
                if (!live.containsKey(id)) {
                    segments.deleteUnreferenced(id);
                }
            }
            segments.openExisting(live.keySet());
            segments.countLive(live);
            return new EmbeddedDb(inUse, io, lock, meta, segments, exists);
        } catch (IOException | RuntimeException e) {
            closeQuietly(segments);
            closeQuietly(meta);
            closeQuietly(lock);
            if (e instanceof SledException s) {
                throw s;
            }
            if (e instanceof IOException) {
                throw new StorageException("cannot open the database at " + dir + ": " + e, e);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * As sled: a temporary database left at the default path gets a directory of its own, so that it
     * never shares, or deletes on close, ./default.sled.
     */
    private static SledConfig withOwnTemporaryPath(SledConfig config) {
        if (!config.temporary() || !config.path().equals(SledConfig.DEFAULT_PATH)) {
            return config;
        }
        String name = "sled.tmp." + Long.toHexString(ThreadLocalRandom.current().nextLong());
        return config.copy().path(Path.of(System.getProperty("java.io.tmpdir"), name));
    }

    /**
     * The configuration with the parameters fixed at creation as stored, so that {@link #config()} reports
     * the values in use. One the caller set to another value fails the open, as in sled: silently using
     * the stored one would leave the caller believing the database has what it asked for.
     */
    private static SledConfig withStoredParameters(SledConfig config, MetaStore meta) {
        Path dir = config.path();
        if (config.segmentSizeSet() && config.segmentSize() != meta.segmentSize()) {
            throw mismatch(dir, "segmentSize", meta.segmentSize(), config.segmentSize());
        }
        if (config.compressionSet() && config.compression() != meta.compression()) {
            throw mismatch(dir, "compression", meta.compression(), config.compression());
        }
        return config.copy().segmentSize(meta.segmentSize()).compression(meta.compression());
    }

    private static ConfigMismatchException mismatch(Path dir, String parameter, Object stored, Object requested) {
        return new ConfigMismatchException(parameter, "the database at " + dir + " was created with " + parameter + " "
                + stored + " but the configuration asks for " + requested + "; " + parameter + " is fixed at creation: "
                + "leave it unset to use the stored value, or export() the database and importFrom() into a new one "
                + "created with " + parameter + " " + requested);
    }

    /**
     * Recovers the commits that only the segment log holds. The last of those is checked: its frames and
     * its commit frame were forced by one fsync, and after a power cut the commit frame may be on disk
     * without all of its frames; then that flush never returned, and the state before it is the right
     * one. Earlier commits were complete before the next one was written.
     */
    private static void recoverTail(Path dir, FileIo io, List<Integer> segmentFiles, MetaStore meta) throws IOException {
        LogTail tail = LogTail.read(dir, io, segmentFiles, meta.logEnd(), meta.commitSequence());
        List<LogTail.Commit> commits = tail.commits();
        if (!commits.isEmpty()) {
            String missing = missingFrame(dir, io, meta.segmentSize(), commits.get(commits.size() - 1).leaves());
            if (missing != null) {
                System.getLogger(EmbeddedDb.class.getName()).log(System.Logger.Level.WARNING,
                        "sled at {0}: the last flush before the crash did not complete ({1}); recovering the state before it",
                        dir, missing);
                commits = commits.subList(0, commits.size() - 1);
            }
        }
        meta.adoptTail(commits, tail.sawBytes(), tail.nextSegment());
    }

    /** Why one of the frames of {@code nodes} is unreadable, or null when all are intact. */
    private static @Nullable String missingFrame(Path dir, FileIo io, int segmentSize, List<MetaRecord.Leaf> nodes) throws IOException {
        Set<Integer> ids = new HashSet<>();
        for (MetaRecord.Leaf n : nodes) {
            Location.addSegments(n.frames(), ids);
        }
        try (SegmentStore frames = new SegmentStore(dir, io, segmentSize)) {
            frames.openExisting(ids);
            for (MetaRecord.Leaf n : nodes) {
                for (int i = 0; i < n.frames().count(); i++) {
                    frames.read(n.frames().location(i), n.frames().length(i));
                }
            }
            return null;
        } catch (CorruptionException e) {
            return e.getMessage();
        }
    }

    private static void closeQuietly(@Nullable AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing; the original error is reported
            }
        }
    }

    private BTree newBTree(long id, Bytes name) {
        return new BTree(id, name.toString(), pager, config.nodeMaxEntries(), config.nodeMaxBytes());
    }

    private EmbeddedTree createTree(long id, Bytes name) {
        Lock shared = gate.readLock();
        shared.lock();
        try {
            BTree btree = newBTree(id, name);
            btree.initEmpty();
            pendingCatalog.add(new MetaRecord.Tree(id, name));
            EmbeddedTree t = new EmbeddedTree(this, btree, name);
            trees.put(name, t);
            return t;
        } finally {
            shared.unlock();
        }
    }

    // ---- SledDb ----

    @Override
    public SledTree openTree(Bytes name) {
        checkOpen();
        Objects.requireNonNull(name, "tree name must not be null");
        if (name.length() > SledConfig.MAX_KEY_SIZE) {
            throw new IllegalArgumentException("tree name of " + name.length() + " bytes exceeds the limit of " + SledConfig.MAX_KEY_SIZE);
        }
        EmbeddedTree t = trees.get(name);
        if (t != null) {
            return t;
        }
        checkNotInsideWrite("openTree() of a new tree");
        synchronized (trees) {
            t = trees.get(name);
            if (t == null) {
                checkHealthy();
                t = createTree(nextTreeId.getAndIncrement(), name);
            }
            return t;
        }
    }

    @Override
    public boolean dropTree(Bytes name) {
        checkOpen();
        Objects.requireNonNull(name, "tree name must not be null");
        if (name.equals(Bytes.of(DEFAULT_TREE))) {
            throw new IllegalArgumentException("the default tree " + DEFAULT_TREE + " cannot be dropped; clear() it instead");
        }
        checkNotInsideWrite("dropTree()");
        synchronized (trees) {
            EmbeddedTree t = trees.get(name);
            if (t == null) {
                return false;
            }
            checkHealthy();
            Lock shared = gate.readLock();
            shared.lock();
            try {
                List<Leaf> leaves = t.btree().drop();
                pager.dropped(leaves);
                pendingCatalog.add(new MetaRecord.DropTree(t.btree().id()));
                trees.remove(name);
            } finally {
                shared.unlock();
            }
            t.subscriptions().closeAll();
            return true;
        }
    }

    @Override
    public List<Bytes> treeNames() {
        checkOpen();
        return new ArrayList<>(trees.keySet());
    }

    @Override
    public long generateId() {
        checkOpen();
        return ids.next();
    }

    private void persistIds(long bound) {
        // Only here, where a reservation waits for the flush lock, and not on generateId()'s fast path.
        checkNotInsideWrite("generateId() when it must reserve the next range of IDs");
        flusher.persistIds(bound);
    }

    @Override
    public long checksum() {
        checkOpen();
        CRC32 crc = new CRC32();
        for (EmbeddedTree t : treesByName()) {
            Checksums.addTree(crc, t.name(), t.iterator());
        }
        return crc.getValue();
    }

    /** Every tree in name order: the order of {@link #checksum()}, and a stable one for {@link #export()}. */
    private List<EmbeddedTree> treesByName() {
        List<EmbeddedTree> sorted = new ArrayList<>(trees.values());
        sorted.sort(Comparator.comparing(EmbeddedTree::name));
        return sorted;
    }

    @Override
    public Transaction beginTransaction(int attempt) {
        checkOpen();
        return new OptimisticTransaction(this, false, attempt);
    }

    @Override
    public Transaction beginReadOnlyTransaction(int attempt) {
        checkOpen();
        return new OptimisticTransaction(this, true, attempt);
    }

    @Override
    public long sizeOnDisk() {
        checkOpen();
        return segments.diskBytes() + meta.diskBytes();
    }

    @Override
    public boolean wasRecovered() {
        return recovered;
    }

    @Override
    public SledStats stats() {
        int subscribers = 0;
        for (EmbeddedTree t : trees.values()) {
            subscribers += t.subscriptions().count();
        }
        EngineStats s = stats;
        TransactionStats t = txStats;
        return new SledStats(s.gets.sum() + t.gets.sum(), s.inserts.sum() + t.inserts.sum(), s.removes.sum() + t.removes.sum(),
                s.compareAndSwaps.sum(), s.merges.sum(),
                s.batches.sum(), s.scans.sum(), s.flushes.sum(), s.flushNanos.sum(), s.bytesFlushed.sum(), s.lastFlushMillis,
                pager.residentBytes(), pager.hits(), pager.misses(), closed ? 0 : segments.diskBytes() + meta.diskBytes(),
                trees.size(), txStats.commits.sum(), txStats.conflicts.sum(), txStats.retries.sum(), txStats.aborts.sum(),
                subscribers, recovered, failure);
    }

    @Override
    public SledConfig config() {
        return config;
    }

    @Override
    public Stream<ExportedTree> export() {
        checkOpen();
        List<ExportedTree> out = new ArrayList<>();
        for (EmbeddedTree t : treesByName()) {
            out.add(new ExportedTree(t.name(), t.iterator()));
        }
        return out.stream().onClose(() -> out.forEach(e -> e.entries().close()));
    }

    @Override
    public void importFrom(Stream<ExportedTree> export) {
        Objects.requireNonNull(export, "export must not be null");
        checkOpen();
        export.forEach(tree -> {
            Objects.requireNonNull(tree, "export must not hold a null tree");
            SledTree target = openTree(tree.name());
            try (SledIterator it = tree.entries()) {
                while (it.hasNext()) {
                    KeyValue kv = it.next();
                    if (target.containsKey(kv.key())) {
                        throw new IllegalStateException("import is overwriting existing data: tree " + tree.name()
                                + " already has key " + kv.key() + "; import into a fresh database");
                    }
                    target.insert(kv.key(), kv.value());
                }
            }
        });
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        checkNotInsideWrite("close()");
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // Wait for writers already inside the gate; later ones see `closed`.
        gate.writeLock().lock();
        gate.writeLock().unlock();
        RuntimeException error = null;
        try {
            flusher.close();
        } catch (RuntimeException e) {
            error = e;
        }
        for (EmbeddedTree t : trees.values()) {
            t.subscriptions().closeAll();
        }
        closeQuietly(segments);
        closeQuietly(meta);
        closeQuietly(fileLock);
        if (config.temporary()) {
            deleteRecursively(dir);
        }
        if (error != null) {
            throw error;
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort for a temporary database
        }
    }

    // ---- engine internals used by trees, transactions and the flusher ----

    long flushNow() {
        checkOpen();
        checkNotInsideWrite("flush()");
        return flusher.flush();
    }

    /**
     * Refuses {@code call} from a merge operator, the one user code that runs while its thread holds the
     * gate's shared side and a leaf's lock. A flush takes the gate exclusively, so it would wait for the
     * merge forever; a write would take the same leaf's lock again (and could write into a leaf that its
     * own split had narrowed, or be overwritten by the merge) or other leaves' locks out of order.
     */
    @Override
    public void checkNotInsideWrite(String call) {
        if (gate.getReadHoldCount() > 0) {
            throw new IllegalStateException(call + " cannot be called from a merge operator: the merge holds its"
                    + " key's leaf and holds off every flush until its operator returns, so the call could wait"
                    + " for the merge itself or for another one; compute the merged value from its arguments only");
        }
    }

    CompletableFuture<Long> flushAsyncNow() {
        checkOpen();
        return flusher.flushAsync();
    }

    @Override
    public void checkOpen() {
        if (closed) {
            throw new DatabaseClosedException("the database at " + dir + " is closed");
        }
    }

    /** Throws if the database refuses writes after an I/O failure. */
    void checkHealthy() {
        String f = failure;
        if (f != null) {
            throw new StorageException("the database at " + dir + " is read-only after an I/O failure (" + f
                    + "); reopen it to recover every acknowledged write");
        }
    }

    @Override
    public void checkWritable() {
        checkOpen();
        checkHealthy();
    }

    /** Records a fatal storage failure: from now on writes and flushes are refused. */
    StorageException fail(String what, Throwable cause) {
        StorageException e = Flusher.asStorage(what, cause);
        if (failure == null) {
            failure = what + ": " + cause;
        }
        return e;
    }

    @Nullable String failure() {
        return failure;
    }

    /** Before a write: refuse it when closed or failed, and help flush when dirty data overflows the cache. */
    void beforeWrite() {
        checkWritable();
        if (TransactionRunner.inBody()) {
            throw new TransactionMisuseException("plain tree writes are not allowed inside a transaction body: "
                    + "write through the TransactionalTree (tx.insert, tx.tree(other).insert)");
        }
        checkNotInsideWrite("a write");
        if (pager.farOverBudget()) {
            pager.evictIfNeeded();
            if (pager.farOverBudget()) {
                flusher.flush();
            }
        }
    }

    void afterWrite() {
        if (pager.overBudget()) {
            pager.evictIfNeeded();
        }
    }

    @Override
    public Lock writeGate() {
        return gate.readLock();
    }

    @Override
    public Escalation escalation() {
        return escalation;
    }

    @Override
    public int maxAttempts() {
        return config.transactionMaxAttempts();
    }

    @Override
    public long flush() {
        return flushNow();
    }

    @Override
    public TreeHandle handleOf(SledTree tree) {
        SledTree t = tree instanceof EmbeddedDb db ? db.delegate() : tree;
        if (!(t instanceof EmbeddedTree et) || et.db() != this) {
            throw new TransactionMisuseException("tree " + tree.name() + " belongs to another database; "
                    + "a transaction spans trees of one database");
        }
        et.btree().checkNotDropped();
        return et;
    }

    @Override
    public TransactionStats transactionStats() {
        return txStats;
    }

    @Override
    public void checkSizes(Bytes key, @Nullable Bytes value) {
        EmbeddedTree.checkSizes(key, value);
    }

    @Override
    public String toString() {
        return "SledDb[" + dir + (closed ? ", closed" : "") + "]";
    }
}
