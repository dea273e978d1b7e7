package dev.sled;

/**
 * An explicit optimistic transaction, from {@link SledDb#beginTransaction()}: for integrations (such as
 * a Spring transaction manager) that need begin, commit and rollback as separate steps. Most code should
 * use {@link SledTree#transaction(TransactionFunction)}, which retries conflicts for you.
 *
 * <p>A transaction belongs to the thread that uses it; it is not thread-safe.
 */
public interface Transaction extends AutoCloseable {

    /** The lifecycle of a transaction. */
    enum State { ACTIVE, COMMITTED, ROLLED_BACK }

    /** This transaction's view of {@code tree}, which must belong to the same database. */
    TransactionalTree tree(SledTree tree);

    /** A fresh ID from the database's generator. */
    long generateId();

    /** Makes {@link #commit()} flush the database to disk before it returns. */
    void flushOnCommit();

    /** Whether this transaction rejects writes. */
    boolean isReadOnly();

    /**
     * Validates everything read and applies every write atomically.
     *
     * @throws TransactionConflictException when a concurrent commit changed something this transaction
     *     read; nothing was written, and the caller may run the work again in a new transaction
     */
    void commit();

    /** Discards every write. Safe to call more than once. */
    void rollback();

    State state();

    /** Rolls back unless committed. */
    @Override
    void close();
}
