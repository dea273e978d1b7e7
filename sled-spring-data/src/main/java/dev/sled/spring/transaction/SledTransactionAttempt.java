package dev.sled.spring.transaction;

import dev.sled.SledDb;
import dev.sled.SledException;
import dev.sled.Transaction;
import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.Retryable;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.util.Assert;

/**
 * One run of work that owns its sled transaction, numbered by a caller that runs the work again after a
 * conflict (the Spring Boot starter's retry advisor around {@code @Transactional}). It gives such retries
 * the progress of the engine's own {@link dev.sled.SledTree#transaction transaction(...)}:
 * <ul>
 * <li>the first sled transaction that {@link SledTransactionManager} begins in the run is begun for the run's
 * number ({@link SledDb#beginTransaction(int)}), so that work that conflicted repeatedly is escalated and
 * finishes;
 * <li>a run that fails after its transaction {@linkplain Transaction#mayHaveSeenMixedView() may have seen a
 * mixed view} fails with a {@link SledTransactionConflictException} caused by the original failure, which
 * the caller retries like any conflict.
 * </ul>
 * Transactions begun later in the run (a {@code REQUIRES_NEW} method) or outside any run are first runs.
 */
public final class SledTransactionAttempt {

    private static final ThreadLocal<@Nullable SledTransactionAttempt> CURRENT = new ThreadLocal<>();

    private final SledDb db;

    private final int number;

    private @Nullable Transaction transaction;

    private SledTransactionAttempt(SledDb db, int number) {
        this.db = db;
        this.number = number;
    }

    /**
     * Runs {@code work} as run number {@code number} (1 for the first) of work on {@code db}.
     *
     * @throws SledTransactionConflictException when {@code work} failed after the run's transaction, rolled
     *     back, may have seen a mixed view; its cause is the failure. Failures of sled itself and of Spring's data
     *     access and transaction infrastructure are thrown as they are: they are not the work's verdict on
     *     what it read.
     */
    public static <T extends @Nullable Object> T run(SledDb db, int number, Retryable<T> work) throws Throwable {
        Assert.notNull(db, "'db' must not be null");
        Assert.isTrue(number >= 1, "'number' must be at least 1");
        SledTransactionAttempt outer = CURRENT.get();
        SledTransactionAttempt attempt = new SledTransactionAttempt(db, number);
        CURRENT.set(attempt);
        try {
            return work.execute();
        } catch (Throwable ex) {
            // An Error counts too: an assertion in the work is its verdict on what it read, as in the engine's runner.
            if (!(ex instanceof VirtualMachineError) && attempt.failedOnMixedView(ex)) {
                throw new SledTransactionConflictException("sled transaction failed after a concurrent commit changed "
                        + "data it had read, so it may have seen a mixed view; run it again", ex);
            }
            throw ex;
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * Begins a transaction on {@code db}: for the current run's number if it is the run's first, otherwise as
     * a first run.
     */
    static Transaction begin(SledDb db, boolean readOnly) {
        SledTransactionAttempt run = CURRENT.get();
        boolean first = run != null && run.db == db && run.transaction == null;
        int number = first ? run.number : 1;
        Transaction transaction = readOnly ? db.beginReadOnlyTransaction(number) : db.beginTransaction(number);
        if (first) {
            run.transaction = transaction;
        }
        return transaction;
    }

    private boolean failedOnMixedView(Throwable failure) {
        return transaction != null && transaction.state() == Transaction.State.ROLLED_BACK
                && !(failure instanceof DataAccessException || failure instanceof TransactionException
                        || failure instanceof SledException)
                && transaction.mayHaveSeenMixedView();
    }
}
