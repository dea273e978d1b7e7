package dev.sled;

/**
 * The body of a transaction. It may run more than once: when a commit conflicts with another writer
 * the engine discards its writes and calls it again. Keep it free of side effects outside the
 * transaction. Throwing aborts the transaction, leaves no writes, and the exception reaches the caller
 * unchanged.
 *
 * @param <R> the result
 * @param <E> the exception the body may throw to abort
 */
@FunctionalInterface
public interface TransactionFunction<R, E extends Exception> {
    R apply(TransactionalTree tx) throws E;
}
