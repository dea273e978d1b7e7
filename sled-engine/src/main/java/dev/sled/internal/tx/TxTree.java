package dev.sled.internal.tx;

import dev.sled.Bytes;
import dev.sled.CompareAndSwapResult;
import dev.sled.KeyRange;
import dev.sled.SledBatch;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import dev.sled.Transaction;
import dev.sled.TransactionMisuseException;
import dev.sled.TransactionalTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One tree inside an {@link OptimisticTransaction}: buffered writes, and a record of every value read
 * from the tree (first read wins, so reads are repeatable) for validation at commit.
 */
final class TxTree implements TransactionalTree {

    /** Marks "read as absent" in {@link #reads}. */
    static final Bytes ABSENT = Bytes.wrap(new byte[0]);

    final OptimisticTransaction tx;
    final TreeHandle handle;
    final SledTree tree;
    final WriteSet writes = new WriteSet();
    final Map<Bytes, Bytes> reads = new HashMap<>();
    final List<RangeRead> ranges = new ArrayList<>();

    TxTree(OptimisticTransaction tx, TreeHandle handle, SledTree tree) {
        this.tx = tx;
        this.handle = handle;
        this.tree = tree;
    }

    @Override
    public Bytes name() {
        return tree.name();
    }

    @Override
    public @Nullable Bytes get(Bytes key) {
        Objects.requireNonNull(key, "key must not be null");
        tx.checkActive();
        tx.stats().gets.increment();
        Bytes own = writes.entries().get(key);
        if (own != null) {
            return WriteSet.valueOf(own);
        }
        Bytes seen = reads.get(key);
        if (seen != null) {
            return seen == ABSENT ? null : seen;
        }
        Bytes v = handle.btree().get(key);
        reads.put(key, v == null ? ABSENT : v);
        return v;
    }

    @Override
    public @Nullable Bytes insert(Bytes key, Bytes value) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
        Bytes prev = get(key);
        write(key, value);
        tx.stats().inserts.increment();
        return prev;
    }

    @Override
    public @Nullable Bytes remove(Bytes key) {
        Bytes prev = get(key);
        if (prev != null) {
            write(key, null);
        }
        tx.stats().removes.increment();
        return prev;
    }

    @Override
    public CompareAndSwapResult compareAndSwap(Bytes key, @Nullable Bytes expected, @Nullable Bytes newValue) {
        Objects.requireNonNull(key, "key must not be null");
        tx.checkSizes(key, expected);
        tx.checkSizes(key, newValue);
        Bytes current = get(key);
        if (!Objects.equals(current, expected)) {
            return CompareAndSwapResult.failure(current, newValue);
        }
        write(key, newValue);
        return CompareAndSwapResult.success();
    }

    @Override
    public void applyBatch(SledBatch batch) {
        Objects.requireNonNull(batch, "batch must not be null");
        tx.checkActive();
        tx.checkWritable();
        batch.forEach(tx::checkSizes); // all first: a rejected batch leaves nothing buffered
        batch.forEach(this::write);
    }

    private void write(Bytes key, @Nullable Bytes value) {
        tx.checkActive();
        tx.checkWritable();
        tx.checkSizes(key, value);
        writes.put(key, value);
    }

    @Override
    public SledIterator range(KeyRange range) {
        Objects.requireNonNull(range, "range must not be null");
        tx.checkActive();
        RangeRead read = new RangeRead(range.lowerInclusive(), range.upperExclusive());
        ranges.add(read);
        return new TxRangeIterator(handle.btree(), range, writes.entries(), read, tx::checkActive);
    }

    @Override
    public TransactionalTree tree(SledTree other) {
        return tx.tree(other);
    }

    @Override
    public Transaction transaction() {
        return tx;
    }

    boolean hasWork() {
        return !writes.isEmpty() || !reads.isEmpty() || !ranges.isEmpty();
    }

    @Override
    public String toString() {
        return "TransactionalTree[" + tree.name() + ", " + writes.size() + " writes]";
    }

    static void requireWritable(boolean readOnly) {
        if (readOnly) {
            throw new TransactionMisuseException("this transaction is read-only; start a read-write transaction to write");
        }
    }
}
