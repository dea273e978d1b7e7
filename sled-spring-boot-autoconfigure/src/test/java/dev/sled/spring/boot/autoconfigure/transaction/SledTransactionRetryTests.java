package dev.sled.spring.boot.autoconfigure.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sled.Bytes;
import dev.sled.SledDb;
import dev.sled.SledTree;
import dev.sled.spring.boot.autoconfigure.SledAutoConfiguration;
import dev.sled.spring.transaction.SledTransactionConflictException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
 * The retry advisor around {@code @Transactional}: a conflicting commit, or a failure after a mixed view, runs
 * the whole outermost transactional method again, up to {@code sled.transaction.max-attempts} runs, escalated
 * after repeated conflicts.
 */
class SledTransactionRetryTests {

    private static final Bytes KEY = Bytes.of("counter");

    private static final Bytes X = Bytes.of("x");

    private static final Bytes Y = Bytes.of("y");

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return runnerWithDefaultRetry().withPropertyValues("sled.transaction.backoff.initial=1ms",
                "sled.transaction.backoff.jitter=0ms");
    }

    private ApplicationContextRunner runnerWithDefaultRetry() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class,
                    SledTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class))
            .withUserConfiguration(Services.class)
            .withPropertyValues("sled.path=" + this.dir);
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

    @Test
    void dozensOfThreadsIncrementingTheSameTwoKeysAllCommit() {
        runnerWithDefaultRetry().run((context) -> {
            SledDb db = context.getBean(SledDb.class);
            Counters counters = context.getBean(Counters.class);
            db.insert(X, Bytes.ofLong(0));
            db.insert(Y, Bytes.ofLong(0));
            int threads = 32;
            int perThread = 50;

            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(executor.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            counters.incrementBoth();
                        }
                    }));
                }
                for (Future<?> result : results) {
                    result.get(2, TimeUnit.MINUTES);
                }
            }
            finally {
                executor.shutdown();
            }

            assertThat(db.get(X).toLong()).isEqualTo(threads * perThread);
            assertThat(db.get(Y).toLong()).isEqualTo(threads * perThread);
        });
    }

    @Test
    void aMethodThatFailsOnAMixedViewRunsAgain() {
        runner().run((context) -> {
            SledDb db = context.getBean(SledDb.class);
            PairReader reader = context.getBean(PairReader.class);
            db.insert(X, Bytes.ofLong(1));
            db.insert(Y, Bytes.ofLong(1));

            long seen = reader.readEqualPair(commitBetweenTheFirstRunsReads(db));

            assertThat(seen).isEqualTo(2);
            assertThat(reader.runs()).isEqualTo(2);
        });
    }

    @Test
    void aMixedViewIsReportedAsAConflictCausedByTheMethodsFailure() {
        runner().withPropertyValues("sled.transaction.max-attempts=1").run((context) -> {
            SledDb db = context.getBean(SledDb.class);
            PairReader reader = context.getBean(PairReader.class);
            db.insert(X, Bytes.ofLong(1));
            db.insert(Y, Bytes.ofLong(1));

            assertThatExceptionOfType(SledTransactionConflictException.class)
                .isThrownBy(() -> reader.readEqualPair(commitBetweenTheFirstRunsReads(db)))
                .withCauseInstanceOf(IllegalStateException.class);
            assertThat(reader.runs()).isEqualTo(1);
        });
    }

    @Test
    void aMethodThatFailsOnAConsistentViewFailsWithoutRetry() {
        runner().run((context) -> {
            SledDb db = context.getBean(SledDb.class);
            PairReader reader = context.getBean(PairReader.class);
            db.insert(X, Bytes.ofLong(1));
            db.insert(Y, Bytes.ofLong(2));

            assertThatIllegalStateException().isThrownBy(() -> reader.readEqualPair(() -> {
            })).withMessage("saw 1 and 2");
            assertThat(reader.runs()).isEqualTo(1);
        });
    }

    /**
     * Between the first run's two reads, another thread commits a change of both keys: that run reads the old
     * value of one key and the new value of the other.
     */
    private static Runnable commitBetweenTheFirstRunsReads(SledDb db) {
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            awaitQuietly(firstRead);
            db.transaction((tx) -> {
                tx.insert(X, Bytes.ofLong(2));
                return tx.insert(Y, Bytes.ofLong(2));
            });
            committed.countDown();
        });
        writer.start();
        return () -> {
            if (firstRead.getCount() > 0) {
                firstRead.countDown();
                awaitQuietly(committed);
            }
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
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

        @Bean
        Counters counters(SledTree tree) {
            return new Counters(tree);
        }

        @Bean
        PairReader pairReader(SledTree tree) {
            return new PairReader(tree);
        }
    }

    static class Counters {

        private final SledTree tree;

        Counters(SledTree tree) {
            this.tree = tree;
        }

        @Transactional
        public void incrementBoth() {
            long x = this.tree.get(X).toLong();
            long y = this.tree.get(Y).toLong();
            // Widen the window between read and commit so that the threads really conflict.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            this.tree.insert(X, Bytes.ofLong(x + 1));
            this.tree.insert(Y, Bytes.ofLong(y + 1));
        }
    }

    /** Reads two keys that every commit keeps equal, and fails when it sees them differ. */
    static class PairReader {

        private final AtomicInteger runs = new AtomicInteger();

        private final SledTree tree;

        PairReader(SledTree tree) {
            this.tree = tree;
        }

        public int runs() {
            return this.runs.get();
        }

        @Transactional
        public long readEqualPair(Runnable betweenReads) {
            this.runs.incrementAndGet();
            long x = this.tree.get(X).toLong();
            betweenReads.run();
            long y = this.tree.get(Y).toLong();
            if (x != y) {
                throw new IllegalStateException("saw " + x + " and " + y);
            }
            return x;
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
