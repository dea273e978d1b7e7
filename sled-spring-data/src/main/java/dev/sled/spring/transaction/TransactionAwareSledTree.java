package dev.sled.spring.transaction;

import dev.sled.Bytes;
import dev.sled.CompareAndSwapResult;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.MergeOperator;
import dev.sled.SledBatch;
import dev.sled.SledDb;
import dev.sled.SledException;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import dev.sled.Subscriber;
import dev.sled.Transaction;
import dev.sled.TransactionFunction;
import dev.sled.TransactionalTree;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.Assert;

/**
 * A {@link SledTree} that takes part in Spring-managed sled transactions: while
 * {@link SledTransactionManager} has a transaction bound for the database, every read and write goes
 * through that transaction's view of the target tree (reads see the transaction's own writes, writes stay
 * invisible to others until commit and vanish on rollback). Without a bound transaction every call goes
 * straight to the target. This is the tree applications inject.
 *
 * <p>Inside a bound transaction:
 * <ul>
 * <li>engine failures are thrown as Spring {@link org.springframework.dao.DataAccessException}s (see
 * {@link SledExceptionTranslator}); a write in a read-only transaction throws
 * {@link InvalidDataAccessApiUsageException};
 * <li>{@code updateAndFetch}/{@code fetchAndUpdate} read and write within the transaction (the function
 * runs once; a conflict surfaces at commit), {@code popMin}/{@code popMax}, {@code first}/{@code last},
 * {@code getLt}/{@code getGt}, {@code size}, {@code isEmpty} and {@code clear} are built from
 * transactional scans and writes;
 * <li>{@link #transaction} joins the bound transaction instead of starting its own;
 * <li>{@code flush()} and {@code flushAsync()} ask the commit to flush and return 0, since nothing of
 * this transaction has been written yet;
 * <li>{@link #merge} throws {@link InvalidDataAccessApiUsageException}: engine transactions have no
 * merge, and merging outside the transaction would silently escape it (use {@code updateAndFetch});
 * <li>{@code watchPrefix}, {@code setMergeOperator} and {@code checksum} act on the tree itself:
 * subscribers see a transaction's writes once it commits, and the checksum covers committed data.
 * </ul>
 * Iterators returned inside a transaction belong to it: use and close them before it ends.
 */
public class TransactionAwareSledTree implements SledTree {

    private final SledDb db;
    private final SledTree target;

    public TransactionAwareSledTree(SledDb db, SledTree target) {
        Assert.notNull(db, "'db' must not be null");
        Assert.notNull(target, "'target' must not be null");
        this.db = db;
        this.target = target;
    }

    /** The tree that calls outside a transaction go to. */
    public SledTree getTarget() {
        return target;
    }

    @Override
    public Bytes name() {
        return target.name();
    }

    @Override
    public @Nullable Bytes insert(Bytes key, Bytes value) {
        return call(tx -> tx.insert(key, value), () -> target.insert(key, value));
    }

    @Override
    public @Nullable Bytes get(Bytes key) {
        return call(tx -> tx.get(key), () -> target.get(key));
    }

    @Override
    public @Nullable Bytes remove(Bytes key) {
        return call(tx -> tx.remove(key), () -> target.remove(key));
    }

    @Override
    public boolean containsKey(Bytes key) {
        return call(tx -> tx.containsKey(key), () -> target.containsKey(key));
    }

    @Override
    public CompareAndSwapResult compareAndSwap(Bytes key, @Nullable Bytes expected, @Nullable Bytes newValue) {
        return call(tx -> tx.compareAndSwap(key, expected, newValue), () -> target.compareAndSwap(key, expected, newValue));
    }

    @Override
    public @Nullable Bytes updateAndFetch(Bytes key, UnaryOperator<@Nullable Bytes> fn) {
        return call(tx -> {
            Bytes updated = fn.apply(tx.get(key));
            write(tx, key, updated);
            return updated;
        }, () -> target.updateAndFetch(key, fn));
    }

    @Override
    public @Nullable Bytes fetchAndUpdate(Bytes key, UnaryOperator<@Nullable Bytes> fn) {
        return call(tx -> {
            Bytes previous = tx.get(key);
            write(tx, key, fn.apply(previous));
            return previous;
        }, () -> target.fetchAndUpdate(key, fn));
    }

    @Override
    public @Nullable Bytes merge(Bytes key, Bytes operand) {
        if (SledTransactions.currentTransaction(db) != null) {
            throw new InvalidDataAccessApiUsageException("merge on tree " + target.name()
                    + " is not available inside a Spring-managed sled transaction (engine transactions have no "
                    + "merge operator); use updateAndFetch instead");
        }
        return target.merge(key, operand);
    }

    @Override
    public void setMergeOperator(@Nullable MergeOperator operator) {
        target.setMergeOperator(operator);
    }

    @Override
    public void applyBatch(SledBatch batch) {
        call(tx -> {
            tx.applyBatch(batch);
            return null;
        }, () -> {
            target.applyBatch(batch);
            return null;
        });
    }

    @Override
    public <R, E extends Exception> R transaction(TransactionFunction<R, E> body) throws E {
        return SledTransactions.execute(db, target, body);
    }

    @Override
    public Subscriber watchPrefix(Bytes prefix) {
        return target.watchPrefix(prefix);
    }

    @Override
    public SledIterator range(KeyRange range) {
        return call(tx -> tx.range(range), () -> target.range(range));
    }

    @Override
    public @Nullable KeyValue first() {
        return call(tx -> firstOf(tx.range(KeyRange.all())), target::first);
    }

    @Override
    public @Nullable KeyValue last() {
        return call(tx -> lastOf(tx.range(KeyRange.all())), target::last);
    }

    @Override
    public @Nullable KeyValue getLt(Bytes key) {
        return call(tx -> lastOf(tx.range(KeyRange.lessThan(key))), () -> target.getLt(key));
    }

    @Override
    public @Nullable KeyValue getGt(Bytes key) {
        return call(tx -> firstOf(tx.range(KeyRange.greaterThan(key))), () -> target.getGt(key));
    }

    @Override
    public @Nullable KeyValue popMin() {
        return call(tx -> removed(tx, firstOf(tx.range(KeyRange.all()))), target::popMin);
    }

    @Override
    public @Nullable KeyValue popMax() {
        return call(tx -> removed(tx, lastOf(tx.range(KeyRange.all()))), target::popMax);
    }

    @Override
    public long size() {
        return call(tx -> {
            long count = 0;
            try (SledIterator it = tx.range(KeyRange.all())) {
                for (; it.hasNext(); it.next()) {
                    count++;
                }
            }
            return count;
        }, target::size);
    }

    @Override
    public boolean isEmpty() {
        return call(tx -> firstOf(tx.range(KeyRange.all())) == null, target::isEmpty);
    }

    @Override
    public void clear() {
        call(tx -> {
            SledBatch removals = new SledBatch();
            try (SledIterator it = tx.range(KeyRange.all())) {
                it.keys().forEachRemaining(removals::remove);
            }
            tx.applyBatch(removals);
            return null;
        }, () -> {
            target.clear();
            return null;
        });
    }

    @Override
    public long checksum() {
        return target.checksum();
    }

    @Override
    public long flush() {
        Transaction tx = SledTransactions.currentTransaction(db);
        if (tx == null) {
            return target.flush();
        }
        tx.flushOnCommit();
        return 0;
    }

    @Override
    public CompletableFuture<Long> flushAsync() {
        Transaction tx = SledTransactions.currentTransaction(db);
        if (tx == null) {
            return target.flushAsync();
        }
        tx.flushOnCommit();
        return CompletableFuture.completedFuture(0L);
    }

    /** Runs {@code inTransaction} on the bound transaction's view, translating its failures, or else {@code direct}. */
    private <R> R call(Function<TransactionalTree, R> inTransaction, Supplier<R> direct) {
        Transaction tx = SledTransactions.currentTransaction(db);
        if (tx == null) {
            return direct.get();
        }
        try {
            return inTransaction.apply(tx.tree(target));
        } catch (SledException ex) {
            throw SledExceptionTranslator.INSTANCE.translate(ex, tx);
        }
    }

    private static void write(TransactionalTree tx, Bytes key, @Nullable Bytes value) {
        if (value == null) {
            tx.remove(key);
        } else {
            tx.insert(key, value);
        }
    }

    private static @Nullable KeyValue removed(TransactionalTree tx, @Nullable KeyValue entry) {
        if (entry != null) {
            tx.remove(entry.key());
        }
        return entry;
    }

    private static @Nullable KeyValue firstOf(SledIterator it) {
        try (it) {
            return it.hasNext() ? it.next() : null;
        }
    }

    private static @Nullable KeyValue lastOf(SledIterator it) {
        try (it) {
            return it.hasNextBack() ? it.nextBack() : null;
        }
    }

    @Override
    public String toString() {
        return "TransactionAwareSledTree[" + target.name() + "]";
    }
}
