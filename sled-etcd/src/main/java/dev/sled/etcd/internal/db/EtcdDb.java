package dev.sled.etcd.internal.db;

import dev.sled.Bytes;
import dev.sled.CompareAndSwapResult;
import dev.sled.DatabaseClosedException;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.MergeOperator;
import dev.sled.SledBatch;
import dev.sled.SledConfig;
import dev.sled.SledIterator;
import dev.sled.SledStats;
import dev.sled.SledTree;
import dev.sled.Transaction;
import dev.sled.TransactionConflictException;
import dev.sled.TransactionFunction;
import dev.sled.TransactionMisuseException;
import dev.sled.etcd.ClusterStatus;
import dev.sled.etcd.EtcdSledConfig;
import dev.sled.etcd.EtcdSledDb;
import dev.sled.etcd.EtcdSledTree;
import dev.sled.etcd.EtcdSubscriber;
import dev.sled.etcd.internal.kv.EtcdConnection;
import dev.sled.etcd.internal.kv.KeySpace;
import dev.sled.etcd.internal.kv.Ops;
import dev.sled.etcd.internal.txn.EtcdTransaction;
import dev.sled.etcd.internal.watch.Watches;
import dev.sled.spi.Checksums;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.TxnRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * A database in one namespace of an etcd cluster. It is itself its default tree, as in sled. Plain
 * operations are each one round trip (a {@code Range} or a guarded {@code Txn}); transactions are
 * optimistic and validated by one {@code Txn} at commit (see {@link EtcdTransaction}).
 */
public final class EtcdDb implements EtcdSledDb {

    private final EtcdSledConfig config;
    private final EtcdConnection conn;
    private final KeySpace keySpace;
    private final TreeCatalog catalog;
    private final Counters counters = new Counters();
    private final Map<Bytes, EtcdTree> trees = new ConcurrentHashMap<>();
    private final ThreadLocal<@Nullable EtcdTransaction> runningBody = new ThreadLocal<>();
    private final ReadWriteLock escalation = new ReentrantReadWriteLock();
    private final Watches watches;
    private final EtcdTree defaultTree;
    private final boolean recovered;
    private volatile long lastDbSize;
    private volatile boolean closed;

    private EtcdDb(EtcdSledConfig config, EtcdConnection conn) {
        this.config = config;
        this.conn = conn;
        this.keySpace = new KeySpace(config.namespaceBytes());
        this.catalog = new TreeCatalog(conn, keySpace);
        this.watches = new Watches(config);
        Bytes defaultName = Bytes.of(DEFAULT_TREE);
        this.recovered = catalog.lookup(defaultName).isPresent();
        this.defaultTree = new EtcdTree(this, defaultName, catalog.openOrCreate(defaultName));
        trees.put(defaultName, defaultTree);
    }

    public static EtcdDb open(EtcdSledConfig config) {
        EtcdConnection conn = new EtcdConnection(config);
        try {
            return new EtcdDb(config, conn);
        } catch (RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    public EtcdConnection connection() {
        return conn;
    }

    public KeySpace keySpace() {
        return keySpace;
    }

    public Counters counters() {
        return counters;
    }

    /** Escalated transactions hold its write side, commits its read side: see {@link EtcdTransaction}. */
    public ReadWriteLock escalation() {
        return escalation;
    }

    @Override
    public EtcdSledConfig etcdConfig() {
        return config;
    }

    public void checkOpen() {
        if (closed) {
            throw new DatabaseClosedException("the etcd database " + config.namespace() + " at " + config.endpoints() + " is closed");
        }
    }

    /** Plain writes inside a transaction body would escape its atomicity and its retries. */
    public void checkNotInTransactionBody(String what) {
        if (runningBody.get() != null) {
            throw new TransactionMisuseException(what + " on a plain tree inside a transaction body; use the"
                    + " TransactionalTree the body received (tx.tree(other) for other trees)");
        }
    }

    /** Evicts a tree found dropped by another client, so that {@link #openTree} resolves the name again. */
    public void forgetDropped(EtcdTree tree) {
        tree.markDropped();
        trees.remove(tree.name(), tree);
    }

    @Override
    public EtcdSledTree openTree(Bytes name) {
        checkOpen();
        return trees.computeIfAbsent(name, n -> new EtcdTree(this, n, catalog.openOrCreate(n)));
    }

    @Override
    public boolean dropTree(Bytes name) {
        checkOpen();
        if (name.equals(defaultTree.name())) {
            throw new IllegalArgumentException("the default tree " + DEFAULT_TREE + " cannot be dropped");
        }
        boolean dropped = catalog.drop(name, keySpace);
        EtcdTree handle = trees.remove(name);
        if (handle != null) {
            handle.markDropped();
        }
        return dropped;
    }

    @Override
    public List<Bytes> treeNames() {
        checkOpen();
        return catalog.names();
    }

    /** The revision of a write to the id key: unique and increasing across the whole cluster. */
    @Override
    public long generateId() {
        checkOpen();
        return conn.putForRevision(PutRequest.newBuilder().setKey(keySpace.idGeneratorKey()).build(), "generateId");
    }

    @Override
    public long currentRevision() {
        checkOpen();
        return conn.range(RangeRequest.newBuilder().setKey(keySpace.idGeneratorKey()).setKeysOnly(true).build(),
                "currentRevision").getHeader().getRevision();
    }

    @Override
    public ClusterStatus clusterStatus() {
        checkOpen();
        ClusterStatus status = conn.clusterStatus();
        lastDbSize = status.members().stream().mapToLong(ClusterStatus.Member::dbSizeBytes).max().orElse(0);
        return status;
    }

    @Override
    public Transaction beginTransaction(int attempt) {
        checkOpen();
        return new EtcdTransaction(this, false, attempt);
    }

    @Override
    public Transaction beginReadOnlyTransaction(int attempt) {
        checkOpen();
        return new EtcdTransaction(this, true, attempt);
    }

    /**
     * Runs {@code body} until it commits: a conflict (which includes a read revision compacted away under
     * it) runs it again after a short randomized pause. Attempts after repeated conflicts are escalated,
     * which settles contention between this process's threads; between processes, backoff provides progress.
     */
    <R, E extends Exception> R runTransaction(EtcdTree tree, TransactionFunction<R, E> body) throws E {
        if (runningBody.get() != null) {
            throw new TransactionMisuseException("transaction(...) inside a transaction body; use the TransactionalTree"
                    + " the body received");
        }
        for (int attempt = 1; ; attempt++) {
            EtcdTransaction tx = new EtcdTransaction(this, false, attempt);
            try {
                R result;
                runningBody.set(tx);
                try {
                    result = body.apply(tx.tree(tree));
                } finally {
                    runningBody.remove();
                }
                tx.commit();
                return result;
            } catch (TransactionConflictException e) {
                tx.rollback();
                if (attempt >= config.transactionMaxAttempts()) {
                    throw new TransactionConflictException("transaction on tree " + tree.name() + " still conflicted after "
                            + attempt + " attempts (EtcdSledConfig.transactionMaxAttempts): " + e.getMessage());
                }
                counters.transactionRetries.increment();
                backoff(attempt);
            } finally {
                tx.rollback(); // after any other failure too: an escalated attempt must not keep the lock
            }
        }
    }

    private static void backoff(int attempt) {
        long cap = Math.min(50, 1L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransactionConflictException("interrupted while backing off after a conflict");
        }
    }

    public EtcdSubscriber watch(EtcdTree tree, Bytes prefix, long fromRevision) {
        return watches.subscribe(tree, prefix, fromRevision);
    }

    /** etcd's backend size on the largest member (each member holds a full copy). */
    @Override
    public long sizeOnDisk() {
        clusterStatus();
        return lastDbSize;
    }

    @Override
    public boolean wasRecovered() {
        return recovered;
    }

    @Override
    public SledStats stats() {
        // failure stays null: etcd's failures are per request and leave no sticky state; see clusterStatus().
        return new SledStats(counters.gets.sum(), counters.inserts.sum(), counters.removes.sum(),
                counters.compareAndSwaps.sum(), counters.merges.sum(), counters.batches.sum(), counters.scans.sum(),
                0, 0, 0, 0, 0, 0, 0, lastDbSize, trees.size(),
                counters.transactionCommits.sum(), counters.transactionConflicts.sum(),
                counters.transactionRetries.sum(), counters.transactionAborts.sum(),
                watches.open(), recovered, null);
    }

    /**
     * The engine's configuration type describes files; this backend has none. The values that apply to both
     * (subscriber buffer, transaction attempts) are carried over; the path names the cluster.
     */
    @Override
    public SledConfig config() {
        return SledConfig.builder().path(Path.of("etcd", config.namespace()))
                .subscriberBufferSize(config.subscriberBufferSize())
                .transactionMaxAttempts(config.transactionMaxAttempts())
                .flushEveryMs(0);
    }

    @Override
    public Stream<ExportedTree> export() {
        checkOpen();
        List<ExportedTree> all = new ArrayList<>();
        for (Bytes name : treeNames()) {
            all.add(new ExportedTree(name, openTree(name).iterator()));
        }
        return all.stream().onClose(() -> all.forEach(t -> t.entries().close()));
    }

    /** Inserts in transactions of at most {@code maxTxnOps} keys, each failing if any of its keys exists. */
    @Override
    public void importFrom(Stream<ExportedTree> export) {
        checkOpen();
        export.forEach(exported -> {
            EtcdTree tree = (EtcdTree) openTree(exported.name());
            try (SledIterator entries = exported.entries()) {
                TxnRequest.Builder txn = TxnRequest.newBuilder();
                while (entries.hasNext()) {
                    KeyValue kv = entries.next();
                    txn.addCompare(Ops.absent(tree.key(kv.key())))
                            .addSuccess(Ops.put(tree.key(kv.key()), KeySpace.bytes(kv.value()), false));
                    if (txn.getSuccessCount() == config.maxTxnOps() - 1 || !entries.hasNext()) {
                        if (!conn.txn(txn.addCompare(tree.aliveCompare()).build(), "import into tree " + tree.name(), false)
                                .getSucceeded()) {
                            throw new IllegalStateException("import would overwrite existing keys in tree " + tree.name()
                                    + "; import is meant for a fresh database");
                        }
                        txn = TxnRequest.newBuilder();
                    }
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
        if (closed) {
            return;
        }
        closed = true;
        watches.close();
        conn.close();
    }

    // The database is its default tree.

    @Override
    public Bytes name() {
        return defaultTree.name();
    }

    @Override
    public @Nullable Bytes insert(Bytes key, Bytes value) {
        return defaultTree.insert(key, value);
    }

    @Override
    public @Nullable Bytes get(Bytes key) {
        return defaultTree.get(key);
    }

    @Override
    public @Nullable Bytes remove(Bytes key) {
        return defaultTree.remove(key);
    }

    @Override
    public boolean containsKey(Bytes key) {
        return defaultTree.containsKey(key);
    }

    @Override
    public CompareAndSwapResult compareAndSwap(Bytes key, @Nullable Bytes expected, @Nullable Bytes newValue) {
        return defaultTree.compareAndSwap(key, expected, newValue);
    }

    @Override
    public @Nullable Bytes updateAndFetch(Bytes key, UnaryOperator<@Nullable Bytes> fn) {
        return defaultTree.updateAndFetch(key, fn);
    }

    @Override
    public @Nullable Bytes fetchAndUpdate(Bytes key, UnaryOperator<@Nullable Bytes> fn) {
        return defaultTree.fetchAndUpdate(key, fn);
    }

    @Override
    public @Nullable Bytes merge(Bytes key, Bytes operand) {
        return defaultTree.merge(key, operand);
    }

    @Override
    public void setMergeOperator(@Nullable MergeOperator operator) {
        defaultTree.setMergeOperator(operator);
    }

    @Override
    public void applyBatch(SledBatch batch) {
        defaultTree.applyBatch(batch);
    }

    @Override
    public <R, E extends Exception> R transaction(TransactionFunction<R, E> body) throws E {
        return defaultTree.transaction(body);
    }

    @Override
    public EtcdSubscriber watchPrefix(Bytes prefix) {
        return defaultTree.watchPrefix(prefix);
    }

    @Override
    public EtcdSubscriber watchPrefix(Bytes prefix, long fromRevision) {
        return defaultTree.watchPrefix(prefix, fromRevision);
    }

    @Override
    public SledIterator range(KeyRange range) {
        return defaultTree.range(range);
    }

    @Override
    public @Nullable KeyValue first() {
        return defaultTree.first();
    }

    @Override
    public @Nullable KeyValue last() {
        return defaultTree.last();
    }

    @Override
    public @Nullable KeyValue getLt(Bytes key) {
        return defaultTree.getLt(key);
    }

    @Override
    public @Nullable KeyValue getGt(Bytes key) {
        return defaultTree.getGt(key);
    }

    @Override
    public @Nullable KeyValue popMin() {
        return defaultTree.popMin();
    }

    @Override
    public @Nullable KeyValue popMax() {
        return defaultTree.popMax();
    }

    @Override
    public long size() {
        return defaultTree.size();
    }

    @Override
    public boolean isEmpty() {
        return defaultTree.isEmpty();
    }

    @Override
    public void clear() {
        defaultTree.clear();
    }

    /**
     * As {@code SledDb.checksum()} documents: every tree in name order, its name and then each key
     * and value. The trees are those in the catalog, read through handles of their own, so that a checksum
     * never creates a tree that another client dropped meanwhile.
     */
    @Override
    public long checksum() {
        checkOpen();
        CRC32 crc = new CRC32();
        for (Map.Entry<Bytes, Long> t : catalog.ids().entrySet()) {
            Checksums.addTree(crc, t.getKey(), new EtcdTree(this, t.getKey(), t.getValue()).iterator());
        }
        return crc.getValue();
    }

    @Override
    public long flush() {
        return defaultTree.flush();
    }

    @Override
    public CompletableFuture<Long> flushAsync() {
        return defaultTree.flushAsync();
    }

    /** Checks the tree handle belongs to this database, for transactions. */
    public EtcdTree own(SledTree tree) {
        if (tree instanceof EtcdTree t && t.db() == this) {
            return t;
        }
        if (tree == this) {
            return defaultTree;
        }
        throw new TransactionMisuseException("tree " + tree.name() + " belongs to another database; a transaction"
                + " spans the trees of one database only");
    }
}
