package dev.sled.internal.tx;

import dev.sled.SledTree;
import dev.sled.TransactionConflictException;
import dev.sled.TransactionFunction;
import dev.sled.TransactionMisuseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a transaction body until it commits. Conflicts re-run the body after a short randomized pause;
 * from attempt {@link dev.sled.SledDb#ESCALATED_ATTEMPT} on, each attempt holds the escalation lock,
 * which stops other transactions from committing under it, so even dozens of threads fighting over the
 * same keys all finish. Disjoint transactions never touch that lock's write side.
 */
public final class TransactionRunner {

    private static final ThreadLocal<OptimisticTransaction> IN_BODY = new ThreadLocal<>();

    private TransactionRunner() {
    }

    /** Whether the current thread is inside a transaction body (plain writes are refused there). */
    public static boolean inBody() {
        return IN_BODY.get() != null;
    }

    public static <R, E extends Exception> R run(TxContext db, SledTree tree, TransactionFunction<R, E> body) throws E {
        if (inBody()) {
            throw new TransactionMisuseException("transaction(...) called inside a transaction body: "
                    + "use the TransactionalTree you were given, and tx.tree(other) for other trees");
        }
        for (int attempt = 1; ; attempt++) {
            db.checkOpen();
            OptimisticTransaction tx = new OptimisticTransaction(db, false, attempt);
            try {
                R result = runBody(db, tx, tree, body);
                tx.commit();
                return result;
            } catch (StaleReads | TransactionConflictException conflict) {
                if (attempt >= db.maxAttempts()) {
                    throw new TransactionConflictException("transaction gave up after " + attempt
                            + " conflicting attempts (SledConfig.transactionMaxAttempts)");
                }
                db.transactionStats().retries.increment();
                if (!Escalation.appliesTo(attempt + 1)) { // an escalated attempt waits for the lock instead
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000, 20_000L * attempt));
                }
            }
        }
    }

    /** Runs the body; a failure of a body whose reads a concurrent commit changed becomes {@link StaleReads}. */
    private static <R, E extends Exception> R runBody(TxContext db, OptimisticTransaction tx, SledTree tree,
            TransactionFunction<R, E> body) throws E {
        IN_BODY.set(tx);
        try {
            return body.apply(tx.tree(tree));
        } catch (Throwable t) {
            tx.rollback();
            if (!(t instanceof VirtualMachineError) && tx.mayHaveSeenMixedView()) {
                throw new StaleReads();
            }
            db.transactionStats().aborts.increment();
            throw t;
        } finally {
            IN_BODY.remove();
        }
    }

    /** The body failed after reading values that a concurrent commit has changed since: run it again. */
    private static final class StaleReads extends RuntimeException {
        StaleReads() {
            super(null, null, false, false);
        }
    }
}
