package dev.sled.spring.boot.autoconfigure.transaction;

import dev.sled.SledDb;
import dev.sled.spring.transaction.SledTransactions;
import java.lang.reflect.Method;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.resilience.retry.AbstractRetryInterceptor;
import org.springframework.resilience.retry.MethodRetrySpec;

/**
 * Runs a {@code @Transactional} method again when its commit conflicts. It sits outside the
 * {@code TransactionInterceptor}, and Spring's {@link AbstractRetryInterceptor} re-enters the chain through
 * a clone of the invocation, so every attempt begins a new transaction.
 *
 * <p>Only the method that begins the sled transaction retries. A method that joins an enclosing
 * transaction cannot succeed by running again: the conflict dooms the whole transaction, so the
 * exception travels up to its owner, which runs everything again.
 */
final class SledTransactionRetryInterceptor extends AbstractRetryInterceptor {

    private final Supplier<SledDb> db;

    private final MethodRetrySpec spec;

    SledTransactionRetryInterceptor(Supplier<SledDb> db, MethodRetrySpec spec) {
        this.db = db;
        this.spec = spec;
    }

    @Override
    protected @Nullable MethodRetrySpec getRetrySpec(Method method, Class<?> targetClass) {
        return SledTransactions.currentTransaction(this.db.get()) == null ? this.spec : null;
    }
}
