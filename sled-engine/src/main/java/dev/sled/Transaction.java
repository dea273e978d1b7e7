package dev.sled;

/**
 * An explicit optimistic transaction, from {@link SledDb#beginTransaction()}: for integrations (such as
 * a Spring transaction manager) that need begin, commit and rollback as separate steps. Most code should
 * use {@link SledTree#transaction(TransactionFunction)}, which retries conflicts for you. An integration
 * that runs work again itself makes the same progress with {@link SledDb#beginTransaction(int)} and
 * {@link #mayHaveSeenMixedView()}.
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

    /**
     * Whether the work done in this transaction may have seen a <em>mixed view</em>: part of a concurrent
     * commit and not the rest. Reads are optimistic, not a snapshot, so work can read one key before a
     * concurrent commit and another after it. Work that then fails on what it saw (an invariant check that
     * throws, say) failed on a state that never existed, and should run again as after a conflict. When this
     * returns false, everything the transaction read still holds: the work saw one consistent state, and its
     * failure stands.
     *
     * <p>What was read is checked against the current data, so ask as soon as the work has failed: a commit
     * that changed something this transaction read makes it true, whether or not the work saw both sides. It
     * answers while the transaction is active and after {@link #rollback()}, so an integration can roll back
     * first and decide afterwards. Backends whose transactions read at one snapshot never see a mixed view
     * and return false.
     */
    boolean mayHaveSeenMixedView();

    /** Discards every write. Safe to call more than once. */
    void rollback();

    State state();

    /** Rolls back unless committed. */
    @Override
    void close();
}
