package dev.sled;

/**
 * A transaction was used wrongly: a plain tree write inside a transaction body (use the
 * {@link TransactionalTree} instead), a write in a read-only transaction, a tree of another database,
 * or a transaction used after it ended.
 */
public class TransactionMisuseException extends SledException {
    public TransactionMisuseException(String message) {
        super(message);
    }
}
