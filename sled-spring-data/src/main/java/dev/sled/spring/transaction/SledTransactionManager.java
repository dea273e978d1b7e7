package dev.sled.spring.transaction;

import dev.sled.SledDb;
import dev.sled.SledException;
import dev.sled.Transaction;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * A {@link org.springframework.transaction.PlatformTransactionManager} that runs Spring transactions as
 * optimistic, serializable engine transactions of one {@link SledDb}.
 *
 * <p>Beginning binds a {@link SledResourceHolder} for the database to the thread; data access code
 * joins it through {@link SledTransactions} (as {@link TransactionAwareSledTree} and the repositories
 * do). Writes are buffered in the engine transaction and become visible to others only at commit;
 * rollback discards them. A read-only definition starts a read-only engine transaction, which rejects
 * writes.
 *
 * <p>Propagation {@code REQUIRED}, {@code SUPPORTS}, {@code MANDATORY}, {@code REQUIRES_NEW},
 * {@code NOT_SUPPORTED} and {@code NEVER} are supported. {@code NESTED} is not (the engine has no
 * savepoints), and since every engine transaction is serializable the only accepted isolation levels
 * are {@code DEFAULT} and {@code SERIALIZABLE}.
 *
 * <p>A commit that conflicts with a concurrent commit throws {@link SledTransactionConflictException},
 * an {@link org.springframework.dao.OptimisticLockingFailureException}, unwrapped, so that retry
 * policies for {@link org.springframework.dao.ConcurrencyFailureException} can run the whole
 * transaction again. I/O failures become
 * {@link org.springframework.dao.DataAccessResourceFailureException}. A retrying caller that runs each
 * attempt through {@link SledTransactionAttempt} gets the engine's progress guarantees: escalation after
 * repeated conflicts, and a retry when the work failed on a mixed view.
 */
public class SledTransactionManager extends AbstractPlatformTransactionManager implements ResourceTransactionManager {

    private final SledDb db;

    public SledTransactionManager(SledDb db) {
        Assert.notNull(db, "'db' must not be null");
        this.db = db;
        // NESTED must reach doBegin, which rejects it with a sled-specific message instead of Spring's
        // advice to enable a property that could not help.
        setNestedTransactionAllowed(true);
    }

    public SledDb getDb() {
        return db;
    }

    @Override
    public SledDb getResourceFactory() {
        return db;
    }

    @Override
    protected Object doGetTransaction() {
        return new SledTransactionObject((SledResourceHolder) TransactionSynchronizationManager.getResource(db));
    }

    @Override
    protected boolean isExistingTransaction(Object transaction) {
        return ((SledTransactionObject) transaction).holder != null;
    }

    @Override
    protected boolean useSavepointForNestedTransaction() {
        return false;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        checkSupported(definition);
        SledResourceHolder holder = new SledResourceHolder(begin(definition.isReadOnly()));
        int timeout = determineTimeout(definition);
        if (timeout != TransactionDefinition.TIMEOUT_DEFAULT) {
            holder.setTimeoutInSeconds(timeout);
        }
        holder.setSynchronizedWithTransaction(true);
        TransactionSynchronizationManager.bindResource(db, holder);
        ((SledTransactionObject) transaction).holder = holder;
    }

    private static void checkSupported(TransactionDefinition definition) {
        if (definition.getPropagationBehavior() == TransactionDefinition.PROPAGATION_NESTED) {
            throw new NestedTransactionNotSupportedException("sled transactions have no savepoints, so propagation "
                    + "NESTED is not supported (transaction '" + definition.getName()
                    + "'); use REQUIRED to join the current transaction or REQUIRES_NEW for an independent one");
        }
        int isolation = definition.getIsolationLevel();
        if (isolation != TransactionDefinition.ISOLATION_DEFAULT && isolation != TransactionDefinition.ISOLATION_SERIALIZABLE) {
            throw new InvalidIsolationLevelException("sled transactions are always serializable; isolation level "
                    + isolation + " of transaction '" + definition.getName()
                    + "' is not supported (use ISOLATION_DEFAULT or ISOLATION_SERIALIZABLE)");
        }
    }

    private Transaction begin(boolean readOnly) {
        try {
            return SledTransactionAttempt.begin(db, readOnly);
        } catch (SledException ex) {
            throw new CannotCreateTransactionException("could not begin a sled transaction: " + ex.getMessage(),
                    SledExceptionTranslator.INSTANCE.translate(ex));
        }
    }

    @Override
    protected Object doSuspend(Object transaction) {
        ((SledTransactionObject) transaction).holder = null;
        return TransactionSynchronizationManager.unbindResource(db);
    }

    @Override
    protected void doResume(@Nullable Object transaction, Object suspendedResources) {
        TransactionSynchronizationManager.bindResource(db, suspendedResources);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        Transaction tx = holderOf(status).getTransaction();
        try {
            tx.commit();
        } catch (SledException ex) {
            // Thrown as is: AbstractPlatformTransactionManager rolls back and rethrows runtime exceptions
            // from doCommit unchanged, so retry predicates see an OptimisticLockingFailureException.
            throw SledExceptionTranslator.INSTANCE.translate(ex, tx);
        }
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        try {
            holderOf(status).getTransaction().rollback();
        } catch (SledException ex) {
            throw SledExceptionTranslator.INSTANCE.translate(ex);
        }
    }

    @Override
    protected void doSetRollbackOnly(DefaultTransactionStatus status) {
        holderOf(status).setRollbackOnly();
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        SledTransactionObject txObject = (SledTransactionObject) transaction;
        TransactionSynchronizationManager.unbindResource(db);
        SledResourceHolder holder = txObject.holder;
        txObject.holder = null;
        if (holder != null) {
            holder.getTransaction().close();
            holder.clear();
        }
    }

    private static SledResourceHolder holderOf(DefaultTransactionStatus status) {
        SledResourceHolder holder = ((SledTransactionObject) status.getTransaction()).holder;
        Assert.state(holder != null, "no sled transaction is bound to this transaction status");
        return holder;
    }

    @Override
    public String toString() {
        return "SledTransactionManager[" + db.config().path() + "]";
    }

    /** Spring's per-call view of the bound holder; null before begin or while suspended. */
    private static final class SledTransactionObject implements SmartTransactionObject {

        @Nullable SledResourceHolder holder;

        SledTransactionObject(@Nullable SledResourceHolder holder) {
            this.holder = holder;
        }

        @Override
        public boolean isRollbackOnly() {
            return holder != null && holder.isRollbackOnly();
        }

        @Override
        public void flush() {
            // Writes are buffered in the engine transaction until commit; there is nothing to push early.
        }
    }
}
