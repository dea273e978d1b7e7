package dev.sled.spring.transaction;

import dev.sled.TransactionConflictException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * A sled transaction could not commit because a concurrent commit changed data it read. Nothing was
 * written. The failure is transient: running the whole transaction again may succeed, which is what a
 * retry on {@link org.springframework.dao.ConcurrencyFailureException} does.
 */
public class SledTransactionConflictException extends OptimisticLockingFailureException {

    public SledTransactionConflictException(String message, TransactionConflictException cause) {
        super(message, cause);
    }
}
