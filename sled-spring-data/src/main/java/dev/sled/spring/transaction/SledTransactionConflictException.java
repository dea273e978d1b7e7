package dev.sled.spring.transaction;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * A sled transaction could not commit because a concurrent commit changed data it read, or it failed after
 * such a change and may have seen a mixed view. Nothing was written. The failure is transient: running the
 * whole transaction again may succeed, which is what a retry on
 * {@link org.springframework.dao.ConcurrencyFailureException} does.
 */
public class SledTransactionConflictException extends OptimisticLockingFailureException {

    /**
     * @param cause the engine's {@link dev.sled.TransactionConflictException}, or the failure of a
     *     transaction that may have seen a mixed view (see {@link SledTransactionAttempt})
     */
    public SledTransactionConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
