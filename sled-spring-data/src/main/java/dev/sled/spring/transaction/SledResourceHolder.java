package dev.sled.spring.transaction;

import dev.sled.Transaction;
import org.springframework.transaction.support.ResourceHolderSupport;
import org.springframework.util.Assert;

/**
 * The engine transaction that {@link SledTransactionManager} binds to the current thread, keyed by its
 * {@link dev.sled.SledDb}. Timeout and rollback-only bookkeeping come from {@link ResourceHolderSupport}.
 */
public class SledResourceHolder extends ResourceHolderSupport {

    private final Transaction transaction;

    public SledResourceHolder(Transaction transaction) {
        Assert.notNull(transaction, "'transaction' must not be null");
        this.transaction = transaction;
    }

    /** The engine transaction, still active while this holder is bound. */
    public Transaction getTransaction() {
        return transaction;
    }
}
