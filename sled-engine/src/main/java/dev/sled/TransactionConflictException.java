package dev.sled;

/**
 * A transaction could not commit because a concurrent writer changed what it read. Thrown by
 * {@link Transaction#commit()}, and by {@code transaction(...)} once its retry budget is spent.
 */
public class TransactionConflictException extends SledException {
    public TransactionConflictException(String message) {
        super(message);
    }
}
