package dev.sled.spring.boot.autoconfigure.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.sled.Bytes;
import dev.sled.SledDb;
import dev.sled.SledTree;
import dev.sled.spring.boot.autoconfigure.SledAutoConfiguration;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.annotation.Transactional;

/**
 * The retry advisor around {@code @Transactional}: a conflicting commit runs the whole outermost
 * transactional method again, up to {@code sled.transaction.max-attempts} runs.
 */
class SledTransactionRetryTests {

    private static final Bytes KEY = Bytes.of("counter");

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class,
                    SledTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class))
            .withUserConfiguration(Services.class)
            .withPropertyValues("sled.path=" + this.dir, "sled.transaction.backoff.initial=1ms",
                    "sled.transaction.backoff.jitter=0ms");
    }

    @Test
    void conflictingCommitRunsTheWholeOutermostMethodAgain() {
        runner().run((context) -> {
            Outer outer = context.getBean(Outer.class);
            Inner inner = context.getBean(Inner.class);
            inner.conflictOnNextAttempts(1);

            outer.incrementTwice();

            assertThat(outer.attempts()).isEqualTo(2);
            assertThat(inner.attempts()).as("the participant ran once per attempt of its owner").isEqualTo(4);
            assertThat(context.getBean(SledDb.class).get(KEY).toLong()).as("the concurrent write plus two")
                .isEqualTo(1002);
        });
    }

    @Test
    void givesUpAfterMaxAttemptsWithSpringsConcurrencyException() {
        runner().withPropertyValues("sled.transaction.max-attempts=3").run((context) -> {
            Inner inner = context.getBean(Inner.class);
            inner.conflictOnNextAttempts(Integer.MAX_VALUE);

            assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(inner::increment);
            assertThat(inner.attempts()).isEqualTo(3);
        });
    }

    @Test
    void oneAttemptTurnsRetryOff() {
        runner().withPropertyValues("sled.transaction.max-attempts=1").run((context) -> {
            Inner inner = context.getBean(Inner.class);
            inner.conflictOnNextAttempts(1);

            assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(inner::increment);
            assertThat(inner.attempts()).isEqualTo(1);
        });
    }

    @Test
    void qualifiedMethodsAreRetriedNextToAJdbcTransactionManager() {
        runner().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:sled-retry-test")
            .withBean(SledQualifiedInner.class)
            .run((context) -> {
                SledQualifiedInner inner = context.getBean(SledQualifiedInner.class);
                inner.conflictOnNextAttempts(1);

                inner.increment();

                assertThat(inner.attempts()).isEqualTo(2);
            });
    }

    @Test
    void otherFailuresAreNotRetried() {
        runner().run((context) -> {
            Inner inner = context.getBean(Inner.class);

            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(inner::fail);
            assertThat(inner.attempts()).isEqualTo(1);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Services {

        @Bean
        Inner inner(SledTree tree, SledDb db) {
            return new Inner(tree, db);
        }

        @Bean
        Outer outer(Inner inner) {
            return new Outer(inner);
        }
    }

    static class Outer {

        private final AtomicInteger attempts = new AtomicInteger();

        private final Inner inner;

        Outer(Inner inner) {
            this.inner = inner;
        }

        /** Read through a method: the bean is a class proxy whose own fields are unset. */
        public int attempts() {
            return this.attempts.get();
        }

        @Transactional
        public void incrementTwice() {
            this.attempts.incrementAndGet();
            this.inner.increment();
            this.inner.increment();
        }
    }

    static class Inner {

        private final AtomicInteger attempts = new AtomicInteger();

        /** How many of the next attempts see a concurrent write between their read and their commit. */
        private final AtomicInteger conflictingAttempts = new AtomicInteger();

        private final SledTree tree;

        private final SledDb db;

        Inner(SledTree tree, SledDb db) {
            this.tree = tree;
            this.db = db;
        }

        public int attempts() {
            return this.attempts.get();
        }

        public void conflictOnNextAttempts(int attempts) {
            this.conflictingAttempts.set(attempts);
        }

        @Transactional
        public void increment() {
            this.attempts.incrementAndGet();
            Bytes current = this.tree.get(KEY);
            long value = (current != null) ? current.toLong() : 0;
            if (this.conflictingAttempts.getAndDecrement() > 0) {
                // Another thread commits a write to the key this transaction has just read, a new value each
                // time so that the commit conflicts whether the engine validates versions or values.
                long concurrent = 1000L * this.attempts.get();
                CompletableFuture.runAsync(() -> this.db.insert(KEY, Bytes.ofLong(concurrent))).join();
            }
            this.tree.insert(KEY, Bytes.ofLong(value + 1));
        }

        @Transactional
        public void fail() {
            this.attempts.incrementAndGet();
            this.tree.insert(KEY, Bytes.ofLong(42));
            throw new IllegalStateException("the body failed");
        }
    }

    /** Selects sled's manager by name, as an application that also has a JDBC manager must. */
    static class SledQualifiedInner extends Inner {

        SledQualifiedInner(SledTree tree, SledDb db) {
            super(tree, db);
        }

        @Override
        @Transactional("sledTransactionManager")
        public void increment() {
            super.increment();
        }
    }
}
