package dev.sled.spring.boot.autoconfigure.transaction;

import dev.sled.SledDb;
import dev.sled.TransactionConflictException;
import dev.sled.spring.boot.autoconfigure.InvalidSledPropertyException;
import dev.sled.spring.boot.autoconfigure.SledAutoConfiguration;
import dev.sled.spring.boot.autoconfigure.SledProperties;
import dev.sled.spring.transaction.SledTransactionConflictException;
import dev.sled.spring.transaction.SledTransactionManager;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration for {@link SledTransactionManager} and for retrying {@code @Transactional} methods whose
 * commit conflicts ({@code sled.transaction.*}).
 *
 * <p>The manager is registered as {@code sledTransactionManager} after the JDBC, JPA and Neo4j
 * auto-configurations, which back off for any existing {@code TransactionManager}: an application that
 * also has one of those keeps it as its default and selects sled's with
 * {@code @Transactional("sledTransactionManager")}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { SledAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class },
        before = TransactionAutoConfiguration.class,
        afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "org.springframework.boot.data.neo4j.autoconfigure.DataNeo4jAutoConfiguration" })
@ConditionalOnClass({ SledTransactionManager.class, PlatformTransactionManager.class,
        TransactionManagerCustomizers.class })
@ConditionalOnSingleCandidate(SledDb.class)
@ConditionalOnBooleanProperty(name = "sled.enabled", matchIfMissing = true)
public final class SledTransactionManagerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SledTransactionManager sledTransactionManager(SledDb db,
            ObjectProvider<TransactionManagerCustomizers> customizers) {
        SledTransactionManager transactionManager = new SledTransactionManager(db);
        customizers.ifAvailable((c) -> c.customize(transactionManager));
        return transactionManager;
    }

    /**
     * Retries conflicting {@code @Transactional} methods. Ordered just ahead of the transaction advisor
     * (which has the lowest precedence by default), so that retry wraps the transaction.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean(name = "sledTransactionRetryAdvisor")
    static Advisor sledTransactionRetryAdvisor(ObjectProvider<SledDb> db, Environment environment) {
        // Advisors are created while bean post-processors are: binding from the environment instead of
        // injecting SledProperties, and looking the database up on first use, keeps other beans out of that
        // early phase.
        SledProperties.Transaction properties = Binder.get(environment)
            .bindOrCreate("sled.transaction", SledProperties.Transaction.class);
        SledTransactionRetryInterceptor interceptor = new SledTransactionRetryInterceptor(
                SingletonSupplier.of(db::getObject), retryPolicy(properties));
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new TransactionalMethodPointcut(), interceptor);
        advisor.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
        return advisor;
    }

    private static RetryPolicy retryPolicy(SledProperties.Transaction transaction) {
        int maxAttempts = transaction.getMaxAttempts();
        if (maxAttempts < 1) {
            throw new InvalidSledPropertyException("sled.transaction.max-attempts", maxAttempts, "must be at least 1");
        }
        SledProperties.Backoff backoff = transaction.getBackoff();
        RetryPolicy.Builder policy = RetryPolicy.builder()
            .includes(SledTransactionConflictException.class, TransactionConflictException.class)
            .maxRetries(maxAttempts - 1L);
        // Spring's retry builder validates each value; it names its own parameter, the exception names ours.
        InvalidSledPropertyException.apply("sled.transaction.backoff.initial", backoff.getInitial(), policy::delay);
        InvalidSledPropertyException.apply("sled.transaction.backoff.multiplier", backoff.getMultiplier(),
                policy::multiplier);
        InvalidSledPropertyException.apply("sled.transaction.backoff.max", backoff.getMax(), policy::maxDelay);
        InvalidSledPropertyException.apply("sled.transaction.backoff.jitter", backoff.getJitter(), policy::jitter);
        return policy.build();
    }
}
