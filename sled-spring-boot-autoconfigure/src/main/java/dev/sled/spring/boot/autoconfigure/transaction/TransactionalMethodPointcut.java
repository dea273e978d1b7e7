package dev.sled.spring.boot.autoconfigure.transaction;

import java.lang.reflect.Method;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttributeSource;

/**
 * Matches the methods that Spring runs in a transaction, by the same rules as the transaction advisor
 * ({@code @Transactional} on the method, its class or an interface, meta-annotations, non-public methods
 * of class proxies).
 */
final class TransactionalMethodPointcut extends StaticMethodMatcherPointcut {

    private final TransactionAttributeSource source = new AnnotationTransactionAttributeSource(false);

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        return this.source.getTransactionAttribute(method, targetClass) != null;
    }
}
