package dev.sled.etcd.internal.txn;

import com.google.protobuf.ByteString;
import dev.sled.SledDb;
import dev.sled.SledTree;
import dev.sled.TransactionConflictException;
import dev.sled.TransactionMisuseException;
import dev.sled.TransactionalTree;
import dev.sled.etcd.RevisionCompactedException;
import dev.sled.etcd.internal.db.EtcdDb;
import dev.sled.etcd.internal.db.EtcdTree;
import dev.sled.etcd.internal.kv.Ops;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;

/**
 * A serializable optimistic transaction (etcd's "serializable snapshot" STM, which jetcd lacks):
 * <ol>
 *   <li>The first read pins the response's revision R; every later read asks for revision R, so the
 *       transaction sees one snapshot and its reads repeat.</li>
 *   <li>Writes are buffered per key; reads see them first.</li>
 *   <li>Commit is one etcd {@code Txn}: the compares of the {@link ReadSet} (nothing read changed since R),
 *       one compare per involved tree (it was not dropped), then all writes. A failed compare is a
 *       conflict: nothing is written and {@code transaction(...)} runs the body again.</li>
 * </ol>
 * A transaction without writes commits without a round trip: it is serializable at R. Its size is bounded by
 * etcd's per-request limits; a larger one fails with {@link dev.sled.etcd.RequestTooLargeException}.
 *
 * <p>Escalation ({@link dev.sled.SledDb#beginTransaction(int)}) cannot reach other processes: etcd has no
 * lock that a crashed client would release in time. An escalated transaction holds the write side of its
 * database's {@link EtcdDb#escalation() lock} from begin to end, and every commit takes the read side for
 * its round trip, so no other transaction of this process commits meanwhile (its own thread's may: the lock
 * is reentrant); against other processes it competes by backoff, as before. The write side belongs to the
 * thread that began the transaction, which must end it.
 */
public final class EtcdTransaction implements dev.sled.Transaction {

    private final EtcdDb db;
    private final boolean readOnly;
    private final ReadSet reads = new ReadSet();
    private final WriteSet writes = new WriteSet();
    private final Map<ByteString, @Nullable ByteString> readCache = new HashMap<>();
    private final Map<EtcdTree, TxView> views = new LinkedHashMap<>();
    private long readRevision;
    private State state = State.ACTIVE;
    /** Whether this transaction holds the escalation lock's write side. */
    private boolean escalated;

    /**
     * Begins run number {@code attempt} (from 1) of some work; from {@link SledDb#ESCALATED_ATTEMPT} on the
     * run is escalated, waiting until no other transaction of this process commits.
     */
    public EtcdTransaction(EtcdDb db, boolean readOnly, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        this.db = db;
        this.readOnly = readOnly;
        if (attempt >= SledDb.ESCALATED_ATTEMPT) {
            db.escalation().writeLock().lock();
            escalated = true;
        }
    }

    @Override
    public TransactionalTree tree(SledTree tree) {
        checkActive();
        EtcdTree t = db.own(tree);
        t.checkUsable();
        return views.computeIfAbsent(t, k -> new TxView(this, k));
    }

    @Override
    public long generateId() {
        checkActive();
        return db.generateId();
    }

    /** A no-op: an etcd commit is durable on a majority of members when it returns. */
    @Override
    public void flushOnCommit() {
        checkActive();
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public void commit() {
        checkActive();
        try {
            commitWrites();
        } finally {
            endEscalation();
        }
    }

    private void commitWrites() {
        if (writes.isEmpty()) {
            state = State.COMMITTED;
            db.counters().transactionCommits.increment();
            return;
        }
        TxnRequest.Builder txn = TxnRequest.newBuilder();
        for (EtcdTree t : views.keySet()) {
            txn.addCompare(t.aliveCompare()).addFailure(Ops.get(t.treeKey()));
        }
        if (readRevision != 0) {
            txn.addAllCompare(reads.compares(readRevision));
        }
        txn.addAllSuccess(writes.ops());
        TxnResponse r;
        Lock turn = db.escalation().readLock();
        turn.lock();
        try {
            r = db.connection().txn(txn.build(), "transaction commit", false);
        } catch (RuntimeException e) {
            state = State.ROLLED_BACK;
            throw e;
        } finally {
            turn.unlock();
        }
        if (!r.getSucceeded()) {
            state = State.ROLLED_BACK;
            db.counters().transactionConflicts.increment();
            int i = 0;
            for (EtcdTree t : views.keySet()) {
                if (!t.isAlive(r.getResponses(i++).getResponseRange())) {
                    db.forgetDropped(t);
                }
            }
            throw new TransactionConflictException("transaction conflicted: something it read at revision " + readRevision
                    + " was changed by a concurrent commit; nothing was written");
        }
        state = State.COMMITTED;
        db.counters().transactionCommits.increment();
    }

    /**
     * Always false: every read asks for the revision of the first one, so the work saw one snapshot and a
     * mixed view cannot happen (a failure on it stands; a commit of stale reads conflicts).
     */
    @Override
    public boolean mayHaveSeenMixedView() {
        return false;
    }

    @Override
    public void rollback() {
        if (state == State.ACTIVE) {
            state = State.ROLLED_BACK;
            db.counters().transactionAborts.increment();
            endEscalation();
        }
    }

    private void endEscalation() {
        if (escalated) {
            escalated = false;
            db.escalation().writeLock().unlock();
        }
    }

    @Override
    public void close() {
        rollback();
    }

    void checkActive() {
        db.checkOpen();
        if (state != State.ACTIVE) {
            throw new TransactionMisuseException("transaction already " + state.name().toLowerCase().replace('_', ' '));
        }
    }

    void checkWritable() {
        checkActive();
        if (readOnly) {
            throw new TransactionMisuseException("write in a read-only transaction");
        }
    }

    WriteSet writes() {
        return writes;
    }

    /** The value of {@code key} as this transaction sees it: its own write, else the snapshot. */
    @Nullable ByteString read(ByteString key) {
        checkActive();
        if (writes.contains(key)) {
            return writes.value(key);
        }
        if (readCache.containsKey(key)) {
            return readCache.get(key);
        }
        RangeResponse r = snapshotRange(RangeRequest.newBuilder().setKey(key).build());
        ByteString value = r.getKvsCount() == 0 ? null : r.getKvs(0).getValue();
        reads.point(key, r.getKvsCount() == 0 ? 0 : r.getKvs(0).getModRevision());
        readCache.put(key, value);
        return value;
    }

    /** One page of a scan at the snapshot, recorded for validation. */
    RangeResponse scanPage(RangeRequest request) {
        checkActive();
        RangeResponse r = snapshotRange(request);
        reads.page(request, r);
        return r;
    }

    /**
     * Reads at the snapshot revision. Once etcd compacted that revision away the transaction cannot go on,
     * but running it again at a new snapshot can: that is a conflict, which {@code transaction(...)} and
     * Spring's transaction retry both run again (a {@link RevisionCompactedException} they would not).
     */
    private RangeResponse snapshotRange(RangeRequest request) {
        if (readRevision != 0) {
            try {
                return db.connection().range(request.toBuilder().setRevision(readRevision).build(), "transaction read");
            } catch (RevisionCompactedException e) {
                throw new TransactionConflictException("the transaction's snapshot at revision " + readRevision
                        + " was compacted away by etcd; run the transaction again: " + e.getMessage(), e);
            }
        }
        RangeResponse r = db.connection().range(request, "transaction read");
        readRevision = r.getHeader().getRevision();
        return r;
    }
}
