package dev.sled.spring.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sled.Bytes;
import dev.sled.SledDb;
import dev.sled.SledTree;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.support.TransactionTemplate;

/** Numbered runs of programmatic transactions, as a caller that retries by itself makes them. */
@SpringJUnitConfig(TransactionTestConfiguration.class)
class SledTransactionAttemptTests {

    private static final Bytes KEY = Bytes.of("key");

    private static final Bytes OTHER = Bytes.of("other");

    @Autowired
    SledDb db;

    @Autowired
    TransactionTemplate transactionTemplate;

    @Autowired
    SledTree accounts;

    SledTree raw;

    @BeforeEach
    void clear() {
        raw = db.openTree("accounts");
        raw.clear();
        raw.insert(KEY, Bytes.ofLong(1));
    }

    @Test
    void theFourthRunIsEscalatedAndHoldsOtherCommitsUntilItEnds() throws Throwable {
        CompletableFuture<Void> other = SledTransactionAttempt.run(db, 4, () -> transactionTemplate.execute(status -> {
            accounts.insert(KEY, Bytes.ofLong(2));
            return anotherCommitHeldBack(OTHER, 3);
        }));

        other.get(10, TimeUnit.SECONDS);
        assertThat(raw.get(KEY)).isEqualTo(Bytes.ofLong(2));
        assertThat(raw.get(OTHER)).isEqualTo(Bytes.ofLong(3));
    }

    /** A read-only run conflicts when a commit changes what it read, so its fourth run is escalated as well. */
    @Test
    void aReadOnlyFourthRunIsEscalatedToo() throws Throwable {
        TransactionTemplate readOnly = new TransactionTemplate(transactionTemplate.getTransactionManager());
        readOnly.setReadOnly(true);
        CompletableFuture<Void> other = SledTransactionAttempt.run(db, 4, () -> readOnly.execute(status -> {
            assertThat(accounts.get(KEY)).isEqualTo(Bytes.ofLong(1));
            return anotherCommitHeldBack(KEY, 3);
        }));

        other.get(10, TimeUnit.SECONDS);
        assertThat(raw.get(KEY)).isEqualTo(Bytes.ofLong(3));
    }

    /** Starts another thread's transaction writing {@code key} and checks that its commit is held back. */
    private CompletableFuture<Void> anotherCommitHeldBack(Bytes key, long value) {
        CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> transactionTemplate
            .executeWithoutResult((s) -> accounts.insert(key, Bytes.ofLong(value))));
        assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> commit.get(200, TimeUnit.MILLISECONDS));
        return commit;
    }

    /** An assertion counts as well as an exception: either is the work's verdict on what it read. */
    static Stream<Throwable> failuresOnWhatWasRead() {
        return Stream.of(new IllegalStateException("failed on what it read"), new AssertionError("balances disagree"));
    }

    @ParameterizedTest
    @MethodSource("failuresOnWhatWasRead")
    void aFailureAfterAConcurrentCommitChangedWhatTheRunReadBecomesAConflictCausedByIt(Throwable failure) {
        assertThatExceptionOfType(SledTransactionConflictException.class)
            .isThrownBy(() -> SledTransactionAttempt.run(db, 1, () -> transactionTemplate.execute(status -> {
                accounts.get(KEY);
                raw.insert(KEY, Bytes.ofLong(2));
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failure;
            })))
            .withCause(failure);
    }

    @Test
    void otherFailuresStand() {
        assertThatIllegalStateException().isThrownBy(() -> SledTransactionAttempt.run(db, 1,
                () -> transactionTemplate.execute(status -> {
                    accounts.get(KEY);
                    throw new IllegalStateException("failed on a consistent view");
                })));
        assertThatExceptionOfType(DataIntegrityViolationException.class).as("a data access failure")
            .isThrownBy(() -> SledTransactionAttempt.run(db, 1, () -> transactionTemplate.execute(status -> {
                accounts.get(KEY);
                raw.insert(KEY, Bytes.ofLong(2));
                throw new DataIntegrityViolationException("the data layer's own failure");
            })));
    }
}
