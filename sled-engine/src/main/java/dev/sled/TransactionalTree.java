package dev.sled;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A tree as seen inside a transaction: reads see the transaction's own writes, writes are buffered and
 * become visible to others only at commit. Everything read (point reads and scanned ranges) is
 * validated at commit, so the transaction is serializable: a concurrent write to a read key, or an
 * insert or remove inside a scanned range, makes the commit conflict and the body run again.
 *
 * <p>Use {@link #tree(SledTree)} to work on other trees of the same database in the same transaction.
 * Calling the plain {@link SledTree} write methods from inside a transaction body throws
 * {@link TransactionMisuseException}; reads through the plain handle work but are not part of the
 * transaction.
 */
public interface TransactionalTree {

    /** The tree's name. */
    Bytes name();

    @Nullable Bytes get(Bytes key);

    default @Nullable Bytes get(byte[] key) {
        return get(Bytes.of(requireNonNull(key, "key must not be null")));
    }

    default boolean containsKey(Bytes key) {
        return get(key) != null;
    }

    /** Buffers an insert; returns the previous value as this transaction sees it. */
    @Nullable Bytes insert(Bytes key, Bytes value);

    default @Nullable Bytes insert(byte[] key, byte[] value) {
        return insert(Bytes.of(requireNonNull(key, "key must not be null")),
                Bytes.of(requireNonNull(value, "value must not be null")));
    }

    /** Buffers a remove; returns the previous value as this transaction sees it. */
    @Nullable Bytes remove(Bytes key);

    default @Nullable Bytes remove(byte[] key) {
        return remove(Bytes.of(requireNonNull(key, "key must not be null")));
    }

    /** Compare-and-swap inside the transaction, with the semantics of {@link SledTree#compareAndSwap}. */
    CompareAndSwapResult compareAndSwap(Bytes key, @Nullable Bytes expected, @Nullable Bytes newValue);

    /** Buffers every write of {@code batch}. */
    void applyBatch(SledBatch batch);

    /**
     * A serializable scan: the entries of {@code range} merged with this transaction's writes. The part
     * of the range actually read is validated at commit.
     */
    SledIterator range(KeyRange range);

    default SledIterator scanPrefix(Bytes prefix) {
        return range(KeyRange.prefix(prefix));
    }

    /** The view of another tree of the same database in this transaction. */
    TransactionalTree tree(SledTree other);

    /** The transaction this view belongs to. */
    Transaction transaction();

    /** A fresh ID from the database's generator; a re-run body may get a different one. */
    default long generateId() {
        return transaction().generateId();
    }

    /** Makes the commit flush the database to disk before {@code transaction(...)} returns. */
    default void flushOnCommit() {
        transaction().flushOnCommit();
    }
}
