package dev.sled.spring.transaction;

import dev.sled.SledDb;
import dev.sled.SledTree;
import dev.sled.Transaction;
import dev.sled.TransactionFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Finds the engine transaction that {@link SledTransactionManager} bound to the current thread, the way
 * {@code DataSourceUtils} finds a JDBC connection. Data access code uses it to join a Spring-managed
 * transaction when there is one.
 */
public final class SledTransactions {

    private SledTransactions() {
    }

    /**
     * The engine transaction bound to this thread for {@code db}, or null outside a Spring-managed sled
     * transaction (also inside {@code SUPPORTS}, {@code NOT_SUPPORTED} and {@code NEVER} scopes that run
     * without one).
     *
     * @throws org.springframework.transaction.TransactionTimedOutException when the bound transaction's
     *     timeout has passed
     */
    public static @Nullable Transaction currentTransaction(SledDb db) {
        SledResourceHolder holder = currentHolder(db);
        return holder == null ? null : holder.getTransaction();
    }

    /**
     * Runs {@code body} in the Spring-managed transaction bound for {@code db} if there is one, otherwise
     * as the engine's own transaction on {@code tree}, which retries conflicts.
     *
     * <p>When the body joins a bound transaction and throws, the transaction is marked rollback-only, so
     * none of the body's writes is committed; this keeps the engine's rule that a failed body writes
     * nothing. Conflicts are then reported when the Spring transaction commits, and retrying is the job of
     * whoever owns that transaction.
     */
    public static <R, E extends Exception> R execute(SledDb db, SledTree tree, TransactionFunction<R, E> body) throws E {
        SledResourceHolder holder = currentHolder(db);
        if (holder == null) {
            return tree.transaction(body);
        }
        try {
            return body.apply(holder.getTransaction().tree(tree));
        } catch (Exception | Error ex) {
            holder.setRollbackOnly();
            throw ex;
        }
    }

    static @Nullable SledResourceHolder currentHolder(SledDb db) {
        if (!(TransactionSynchronizationManager.getResource(db) instanceof SledResourceHolder holder)) {
            return null;
        }
        if (holder.hasTimeout()) {
            holder.getTimeToLiveInMillis(); // throws TransactionTimedOutException once the deadline has passed
        }
        return holder;
    }
}
