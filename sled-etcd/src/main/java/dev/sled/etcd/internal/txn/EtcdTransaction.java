package dev.sled.etcd.internal.txn;

import com.google.protobuf.ByteString;
import dev.sled.SledTree;
import dev.sled.TransactionConflictException;
import dev.sled.TransactionMisuseException;
import dev.sled.TransactionalTree;
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

    public EtcdTransaction(EtcdDb db, boolean readOnly) {
        this.db = db;
        this.readOnly = readOnly;
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
        try {
            r = db.connection().txn(txn.build(), "transaction commit", false);
        } catch (RuntimeException e) {
            state = State.ROLLED_BACK;
            throw e;
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

    @Override
    public void rollback() {
        if (state == State.ACTIVE) {
            state = State.ROLLED_BACK;
            db.counters().transactionAborts.increment();
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

    private RangeResponse snapshotRange(RangeRequest request) {
        if (readRevision != 0) {
            return db.connection().range(request.toBuilder().setRevision(readRevision).build(), "transaction read");
        }
        RangeResponse r = db.connection().range(request, "transaction read");
        readRevision = r.getHeader().getRevision();
        return r;
    }
}
