package dev.sled;

/**
 * A transaction could not commit because a concurrent writer changed what it read, or (on a backend that
 * reads at a snapshot revision) the snapshot it read from is gone. Running the work again is the remedy.
 * Thrown by {@link Transaction#commit()} or a transactional read, and by {@code transaction(...)} once its
 * retry budget is spent.
 */
public class TransactionConflictException extends SledException {
    public TransactionConflictException(String message) {
        super(message);
    }

    public TransactionConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
