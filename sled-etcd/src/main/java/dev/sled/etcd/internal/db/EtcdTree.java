package dev.sled.etcd.internal.db;

import com.google.protobuf.ByteString;
import dev.sled.Bytes;
import dev.sled.CompareAndSwapResult;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.MergeOperator;
import dev.sled.SledBatch;
import dev.sled.SledIterator;
import dev.sled.TransactionFunction;
import dev.sled.TreeNotFoundException;
import dev.sled.etcd.EtcdSledTree;
import dev.sled.etcd.EtcdSubscriber;
import dev.sled.etcd.internal.kv.EtcdConnection;
import dev.sled.etcd.internal.kv.KeySpace;
import dev.sled.etcd.internal.kv.Ops;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.ResponseOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A tree stored under its own key prefix. Every write is one etcd {@code Txn} guarded by a compare on the
 * tree's catalog entry, so that a write to a tree another client dropped fails with
 * {@link TreeNotFoundException} instead of landing in an orphaned prefix.
 */
public final class EtcdTree implements EtcdSledTree {

    /**
     * Inserting a value equal to the stored one must be a no-op (no revision, no event), which costs a
     * value compare carrying the value once more. Above this size the compare would eat too much of
     * etcd's request budget, so large values are written unconditionally.
     */
    static final int NO_OP_CHECK_MAX_VALUE = 64 * 1024;

    private final EtcdDb db;
    private final EtcdConnection conn;
    private final Bytes name;
    private final long id;
    private final ByteString treeKey;
    private final ByteString idValue;
    private final ByteString prefix;
    private final ByteString prefixEnd;
    private volatile boolean dropped;
    private volatile @Nullable MergeOperator mergeOperator;

    EtcdTree(EtcdDb db, Bytes name, long id) {
        this.db = db;
        this.conn = db.connection();
        this.name = name;
        this.id = id;
        this.treeKey = db.keySpace().treeKey(name);
        this.idValue = KeySpace.encodeLong(id);
        this.prefix = db.keySpace().dataPrefix(id);
        this.prefixEnd = KeySpace.prefixEnd(prefix);
    }

    public EtcdDb db() {
        return db;
    }

    /** The etcd key of {@code key} in this tree. */
    public ByteString key(Bytes key) {
        return prefix.concat(KeySpace.bytes(Objects.requireNonNull(key, "key must not be null")));
    }

    /** The user key of an etcd key of this tree. */
    public Bytes userKey(ByteString etcdKey) {
        return KeySpace.bytes(etcdKey.substring(prefix.size()));
    }

    /** The compare that holds while this tree exists (it fails once the tree is dropped, even if re-created). */
    public Compare aliveCompare() {
        return Ops.valueEquals(treeKey, idValue);
    }

    public ByteString treeKey() {
        return treeKey;
    }

    /** Whether a catalog read shows this tree still exists. */
    public boolean isAlive(RangeResponse catalogEntry) {
        return catalogEntry.getKvsCount() == 1 && catalogEntry.getKvs(0).getValue().equals(idValue);
    }

    /** {@code [from, to)} of a key range, in etcd keys. */
    public ByteString[] bounds(KeyRange range) {
        Bytes upper = range.upperExclusive();
        return new ByteString[] {key(range.lowerInclusive()), upper == null ? prefixEnd : key(upper)};
    }

    void markDropped() {
        dropped = true;
    }

    /** Throws if this handle's tree was dropped or the database closed. */
    public void checkUsable() {
        db.checkOpen();
        if (dropped) {
            throw new TreeNotFoundException("tree " + name + " was dropped; open it again for a new, empty tree");
        }
    }

    @Override
    public Bytes name() {
        return name;
    }

    @Override
    public @Nullable Bytes insert(Bytes key, Bytes value) {
        checkWrite(key, value);
        db.counters().inserts.increment();
        ByteString k = key(key);
        ByteString v = KeySpace.bytes(value);
        if (value.length() > NO_OP_CHECK_MAX_VALUE) {
            TxnResponse r = guarded("insert", List.of(), List.of(Ops.put(k, v, true)), false);
            return prevOfPut(r.getResponses(0));
        }
        TxnRequest putUnlessEqual = TxnRequest.newBuilder().addCompare(Ops.valueEquals(k, v))
                .addSuccess(Ops.get(k)).addFailure(Ops.put(k, v, true)).build();
        TxnResponse r = guarded("insert", List.of(), List.of(Ops.txn(putUnlessEqual)), false);
        TxnResponse inner = r.getResponses(0).getResponseTxn();
        return inner.getSucceeded() ? value : prevOfPut(inner.getResponses(0));
    }

    @Override
    public @Nullable Bytes get(Bytes key) {
        checkUsable();
        db.counters().gets.increment();
        RangeResponse r = read(RangeRequest.newBuilder().setKey(key(key)).build(), "get");
        return r.getKvsCount() == 0 ? null : KeySpace.bytes(r.getKvs(0).getValue());
    }

    @Override
    public @Nullable Bytes remove(Bytes key) {
        checkWrite(key, Bytes.EMPTY);
        db.counters().removes.increment();
        TxnResponse r = guarded("remove", List.of(), List.of(Ops.delete(key(key), true)), false);
        var deleted = r.getResponses(0).getResponseDeleteRange();
        return deleted.getPrevKvsCount() == 0 ? null : KeySpace.bytes(deleted.getPrevKvs(0).getValue());
    }

    @Override
    public boolean containsKey(Bytes key) {
        checkUsable();
        db.counters().gets.increment();
        return read(RangeRequest.newBuilder().setKey(key(key)).setKeysOnly(true).build(), "containsKey").getKvsCount() > 0;
    }

    @Override
    public CompareAndSwapResult compareAndSwap(Bytes key, @Nullable Bytes expected, @Nullable Bytes newValue) {
        checkWrite(key, newValue == null ? Bytes.EMPTY : newValue);
        db.counters().compareAndSwaps.increment();
        ByteString k = key(key);
        TxnRequest cas = TxnRequest.newBuilder()
                .addCompare(expected == null ? Ops.absent(k) : Ops.valueEquals(k, KeySpace.bytes(expected)))
                .addSuccess(newValue == null ? Ops.delete(k, false) : Ops.put(k, KeySpace.bytes(newValue), false))
                .addFailure(Ops.get(k)).build();
        TxnResponse inner = guarded("compareAndSwap", List.of(), List.of(Ops.txn(cas)), false)
                .getResponses(0).getResponseTxn();
        if (inner.getSucceeded()) {
            return CompareAndSwapResult.success();
        }
        RangeResponse current = inner.getResponses(0).getResponseRange();
        return CompareAndSwapResult.failure(
                current.getKvsCount() == 0 ? null : KeySpace.bytes(current.getKvs(0).getValue()), newValue);
    }

    @Override
    public @Nullable Bytes updateAndFetch(Bytes key, UnaryOperator<@Nullable Bytes> fn) {
        return update(key, fn, "updateAndFetch")[1];
    }

    @Override
    public @Nullable Bytes fetchAndUpdate(Bytes key, UnaryOperator<@Nullable Bytes> fn) {
        return update(key, fn, "fetchAndUpdate")[0];
    }

    @Override
    public @Nullable Bytes merge(Bytes key, Bytes operand) {
        MergeOperator op = mergeOperator;
        if (op == null) {
            throw new IllegalStateException("no merge operator is set on tree " + name + "; call setMergeOperator first");
        }
        db.counters().merges.increment();
        return update(key, old -> op.merge(key, old, operand), "merge")[1];
    }

    /**
     * A client-side compare-and-swap loop on the key's mod revision: read, apply {@code fn}, write only if
     * nobody wrote in between, otherwise run again. Returns {previous, new}.
     */
    private @Nullable Bytes[] update(Bytes key, UnaryOperator<@Nullable Bytes> fn, String operation) {
        checkWrite(key, Bytes.EMPTY);
        ByteString k = key(key);
        while (true) {
            RangeResponse r = conn.range(RangeRequest.newBuilder().setKey(k).build(), operation);
            Bytes old = r.getKvsCount() == 0 ? null : KeySpace.bytes(r.getKvs(0).getValue());
            long modRevision = r.getKvsCount() == 0 ? 0 : r.getKvs(0).getModRevision();
            Bytes updated = fn.apply(old);
            RequestOp write = updated == null ? Ops.delete(k, false) : Ops.put(k, KeySpace.bytes(updated), false);
            if (guarded(operation, List.of(Ops.modRevisionEquals(k, modRevision)), List.of(write), false).getSucceeded()) {
                return new Bytes[] {old, updated};
            }
        }
    }

    @Override
    public void setMergeOperator(@Nullable MergeOperator operator) {
        checkUsable();
        this.mergeOperator = operator;
    }

    @Override
    public void applyBatch(SledBatch batch) {
        checkUsable();
        db.checkNotInTransactionBody("applyBatch");
        db.counters().batches.increment();
        if (batch.isEmpty()) {
            return;
        }
        List<RequestOp> ops = new ArrayList<>(batch.size());
        batch.forEach((k, v) -> ops.add(v == null ? Ops.delete(key(k), false) : Ops.put(key(k), KeySpace.bytes(v), false)));
        // Unconditional puts and deletes: applying the batch twice leaves the same state, so retry freely.
        guarded("applyBatch of " + batch.size() + " writes", List.of(), ops, true);
    }

    @Override
    public <R, E extends Exception> R transaction(TransactionFunction<R, E> body) throws E {
        checkUsable();
        return db.runTransaction(this, body);
    }

    @Override
    public EtcdSubscriber watchPrefix(Bytes prefix) {
        checkUsable();
        return db.watch(this, prefix, db.currentRevision() + 1);
    }

    @Override
    public EtcdSubscriber watchPrefix(Bytes prefix, long fromRevision) {
        checkUsable();
        if (fromRevision < 1) {
            throw new IllegalArgumentException("fromRevision must be at least 1, was " + fromRevision);
        }
        return db.watch(this, prefix, fromRevision);
    }

    @Override
    public SledIterator range(KeyRange range) {
        checkUsable();
        db.counters().scans.increment();
        ByteString[] b = bounds(range);
        PagedScan scan = new PagedScan(req -> read(req, "range " + range), db.etcdConfig().pageSize(), b[0], b[1]);
        return new TreeIterator(scan, prefix.size(), false);
    }

    @Override
    public @Nullable KeyValue first() {
        return single(KeyRange.all(), false);
    }

    @Override
    public @Nullable KeyValue last() {
        return single(KeyRange.all(), true);
    }

    @Override
    public @Nullable KeyValue getLt(Bytes key) {
        return key.isEmpty() ? null : single(KeyRange.lessThan(key), true);
    }

    @Override
    public @Nullable KeyValue getGt(Bytes key) {
        return single(KeyRange.greaterThan(key), false);
    }

    private @Nullable KeyValue single(KeyRange range, boolean last) {
        io.etcd.jetcd.api.KeyValue kv = edge(range, last);
        return kv == null ? null : new KeyValue(userKey(kv.getKey()), KeySpace.bytes(kv.getValue()));
    }

    private io.etcd.jetcd.api.@Nullable KeyValue edge(KeyRange range, boolean last) {
        checkUsable();
        db.counters().gets.increment();
        ByteString[] b = bounds(range);
        PagedScan scan = new PagedScan(req -> read(req, last ? "last" : "first"), 1, b[0], b[1]);
        return last ? scan.peekBack() : scan.peekFront();
    }

    @Override
    public @Nullable KeyValue popMin() {
        return pop(false);
    }

    @Override
    public @Nullable KeyValue popMax() {
        return pop(true);
    }

    /** Reads the edge entry and deletes it only if unchanged, so each entry is popped once under concurrency. */
    private @Nullable KeyValue pop(boolean last) {
        checkWrite(Bytes.EMPTY, Bytes.EMPTY);
        while (true) {
            io.etcd.jetcd.api.KeyValue kv = edge(KeyRange.all(), last);
            if (kv == null) {
                return null;
            }
            List<Compare> unchanged = List.of(Ops.modRevisionEquals(kv.getKey(), kv.getModRevision()));
            if (guarded(last ? "popMax" : "popMin", unchanged, List.of(Ops.delete(kv.getKey(), false)), false).getSucceeded()) {
                db.counters().removes.increment();
                return new KeyValue(userKey(kv.getKey()), KeySpace.bytes(kv.getValue()));
            }
        }
    }

    /** etcd counts the range server-side, which is O(n) there but one round trip here. */
    @Override
    public long size() {
        checkUsable();
        return read(RangeRequest.newBuilder().setKey(prefix).setRangeEnd(prefixEnd).setCountOnly(true).build(), "size")
                .getCount();
    }

    @Override
    public boolean isEmpty() {
        checkUsable();
        return read(RangeRequest.newBuilder().setKey(prefix).setRangeEnd(prefixEnd).setLimit(1).setKeysOnly(true).build(),
                "isEmpty").getKvsCount() == 0;
    }

    /**
     * One range delete: unlike the embedded engine this is atomic, and subscribers still get one remove
     * event per key.
     */
    @Override
    public void clear() {
        checkUsable();
        db.checkNotInTransactionBody("clear");
        guarded("clear", List.of(), List.of(Ops.deleteRange(prefix, prefixEnd)), true);
    }

    /** A no-op: etcd acknowledges a write only after a majority of members has persisted it. */
    @Override
    public long flush() {
        checkUsable();
        return 0;
    }

    @Override
    public CompletableFuture<Long> flushAsync() {
        return CompletableFuture.completedFuture(flush());
    }

    /**
     * Runs a write guarded by this tree's catalog entry. Returns the response; {@code getSucceeded()} is
     * false when one of {@code compares} failed.
     */
    private TxnResponse guarded(String operation, List<Compare> compares, List<RequestOp> then, boolean idempotent) {
        TxnRequest request = TxnRequest.newBuilder().addCompare(aliveCompare()).addAllCompare(compares)
                .addAllSuccess(then).addFailure(Ops.get(treeKey)).build();
        TxnResponse r = conn.txn(request, operation + " on tree " + name, idempotent);
        if (!r.getSucceeded() && !isAlive(r.getResponses(0).getResponseRange())) {
            db.forgetDropped(this);
            checkUsable();
        }
        return r;
    }

    private RangeResponse read(RangeRequest request, String operation) {
        return conn.range(db.etcdConfig().serializableReads() ? request.toBuilder().setSerializable(true).build() : request,
                operation + " on tree " + name);
    }

    private void checkWrite(Bytes key, Bytes value) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
        checkUsable();
        db.checkNotInTransactionBody("a plain write");
    }

    private static @Nullable Bytes prevOfPut(ResponseOp op) {
        var put = op.getResponsePut();
        return put.hasPrevKv() ? KeySpace.bytes(put.getPrevKv().getValue()) : null;
    }

    @Override
    public String toString() {
        return "EtcdTree[" + name + ", id=" + id + "]";
    }
}
