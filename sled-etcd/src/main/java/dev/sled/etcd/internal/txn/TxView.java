package dev.sled.etcd.internal.txn;

import com.google.protobuf.ByteString;
import dev.sled.Bytes;
import dev.sled.CompareAndSwapResult;
import dev.sled.KeyRange;
import dev.sled.SledBatch;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import dev.sled.Transaction;
import dev.sled.TransactionalTree;
import dev.sled.etcd.internal.db.EtcdTree;
import dev.sled.etcd.internal.db.PagedScan;
import dev.sled.etcd.internal.kv.KeySpace;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One tree as a transaction sees it. {@code insert}, {@code remove} and {@code compareAndSwap} return or
 * test the previous value, so they read the key (and validate that read at commit); for blind writes use
 * {@link #applyBatch}, which reads nothing.
 */
final class TxView implements TransactionalTree {

    private final EtcdTransaction tx;
    private final EtcdTree tree;

    TxView(EtcdTransaction tx, EtcdTree tree) {
        this.tx = tx;
        this.tree = tree;
    }

    EtcdTree tree() {
        return tree;
    }

    @Override
    public Bytes name() {
        return tree.name();
    }

    @Override
    public @Nullable Bytes get(Bytes key) {
        ByteString v = tx.read(tree.key(Objects.requireNonNull(key, "key must not be null")));
        return v == null ? null : KeySpace.bytes(v);
    }

    @Override
    public @Nullable Bytes insert(Bytes key, Bytes value) {
        Objects.requireNonNull(value, "value must not be null");
        tx.checkWritable();
        Bytes previous = get(key);
        tx.writes().put(tree.key(key), KeySpace.bytes(value));
        return previous;
    }

    @Override
    public @Nullable Bytes remove(Bytes key) {
        tx.checkWritable();
        Bytes previous = get(key);
        tx.writes().delete(tree.key(key));
        return previous;
    }

    @Override
    public CompareAndSwapResult compareAndSwap(Bytes key, @Nullable Bytes expected, @Nullable Bytes newValue) {
        tx.checkWritable();
        Bytes current = get(key);
        if (!Objects.equals(current, expected)) {
            return CompareAndSwapResult.failure(current, newValue);
        }
        if (newValue == null) {
            tx.writes().delete(tree.key(key));
        } else {
            tx.writes().put(tree.key(key), KeySpace.bytes(newValue));
        }
        return CompareAndSwapResult.success();
    }

    @Override
    public void applyBatch(SledBatch batch) {
        tx.checkWritable();
        batch.forEach((k, v) -> {
            if (v == null) {
                tx.writes().delete(tree.key(k));
            } else {
                tx.writes().put(tree.key(k), KeySpace.bytes(v));
            }
        });
    }

    @Override
    public SledIterator range(KeyRange range) {
        tx.checkActive();
        ByteString[] b = tree.bounds(range);
        PagedScan scan = new PagedScan(tx::scanPage, tree.db().etcdConfig().pageSize(), b[0], b[1]);
        return new MergedIterator(scan, tx.writes().copyOf(b[0], b[1]), tree, false);
    }

    @Override
    public TransactionalTree tree(SledTree other) {
        return tx.tree(other);
    }

    @Override
    public Transaction transaction() {
        return tx;
    }
}
