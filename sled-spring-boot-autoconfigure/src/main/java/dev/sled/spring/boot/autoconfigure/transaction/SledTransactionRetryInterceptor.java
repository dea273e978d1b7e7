package dev.sled.spring.boot.autoconfigure.transaction;

import dev.sled.SledDb;
import dev.sled.spring.transaction.SledTransactionAttempt;
import dev.sled.spring.transaction.SledTransactions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Runs a {@code @Transactional} method again when its sled transaction conflicts. It sits outside the
 * {@code TransactionInterceptor} and re-enters the chain through a clone of the invocation, so every run begins
 * a new transaction. Each run goes through {@link SledTransactionAttempt} with its number: after repeated
 * conflicts the database escalates the run so that it finishes, and a run that failed after a mixed view
 * becomes a conflict, retried like one.
 *
 * <p>Only the method that begins the sled transaction retries. A method that joins an enclosing
 * transaction cannot succeed by running again: the conflict dooms the whole transaction, so the
 * exception travels up to its owner, which runs everything again.
 */
final class SledTransactionRetryInterceptor implements MethodInterceptor {

    private final Supplier<SledDb> db;

    private final RetryTemplate retryTemplate;

    SledTransactionRetryInterceptor(Supplier<SledDb> db, RetryPolicy policy) {
        this.db = db;
        this.retryTemplate = new RetryTemplate(policy);
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        SledDb db = this.db.get();
        if (SledTransactions.currentTransaction(db) != null) {
            return invocation.proceed();
        }
        AtomicInteger runs = new AtomicInteger();
        try {
            return this.retryTemplate.execute(
                    () -> SledTransactionAttempt.run(db, runs.incrementAndGet(), () -> proceedAgain(invocation)));
        }
        catch (RetryException ex) {
            throw ex.getCause();
        }
    }

    /** Runs the rest of the chain from a copy of the invocation, which, unlike the original, can run again. */
    private static @Nullable Object proceedAgain(MethodInvocation invocation) throws Throwable {
        return (invocation instanceof ProxyMethodInvocation pmi) ? pmi.invocableClone().proceed() : invocation.proceed();
    }
}
