package dev.sled.spring.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.SledDb;
import dev.sled.SledTree;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.support.TransactionTemplate;

@SpringJUnitConfig(TransactionTestConfiguration.class)
class SledTransactionManagerIntegrationTests {

    @Autowired
    SledDb db;

    @Autowired
    SledTransactionManager transactionManager;

    @Autowired
    TransactionTemplate transactionTemplate;

    @Autowired
    SledTree accounts;

    @Autowired
    TransactionTestConfiguration.AccountService service;

    SledTree raw;

    @BeforeEach
    void clear() {
        raw = db.openTree("accounts");
        raw.clear();
    }

    @Test
    void commitMakesWritesVisibleOnlyAfterwards() {
        transactionTemplate.executeWithoutResult(status -> {
            accounts.insert(Bytes.of("alice"), Bytes.ofLong(10));
            assertThat(accounts.get(Bytes.of("alice"))).isEqualTo(Bytes.ofLong(10));
            assertThat(committedOnOtherThread("alice")).isNull();
        });
        assertThat(raw.get(Bytes.of("alice"))).isEqualTo(Bytes.ofLong(10));
    }

    @Test
    void rollbackDiscardsWrites() {
        transactionTemplate.executeWithoutResult(status -> {
            accounts.insert(Bytes.of("bob"), Bytes.ofLong(5));
            status.setRollbackOnly();
        });
        assertThat(raw.get(Bytes.of("bob"))).isNull();
    }

    @Test
    void transactionalServiceCommitsAndRollsBackOnException() {
        service.open("carol", 7);
        assertThat(raw.get(Bytes.of("carol"))).isEqualTo(Bytes.ofLong(7));

        assertThatThrownBy(() -> service.openThenFail("dave")).isInstanceOf(IllegalStateException.class);
        assertThat(raw.get(Bytes.of("dave"))).isNull();
    }

    @Test
    void commitConflictSurfacesAsOptimisticLockingFailure() {
        raw.insert(Bytes.of("erin"), Bytes.ofLong(1));

        assertThatThrownBy(() -> transactionTemplate.executeWithoutResult(status -> {
            Bytes balance = accounts.get(Bytes.of("erin"));
            CompletableFuture.runAsync(() -> raw.insert(Bytes.of("erin"), Bytes.ofLong(100))).join();
            accounts.insert(Bytes.of("erin"), Bytes.ofLong(balance.toLong() + 1));
        })).isInstanceOf(SledTransactionConflictException.class)
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(raw.get(Bytes.of("erin"))).isEqualTo(Bytes.ofLong(100));
    }

    @Test
    void requiresNewSuspendsTheOuterTransaction() {
        TransactionTemplate requiresNew = template(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        transactionTemplate.executeWithoutResult(status -> {
            accounts.insert(Bytes.of("outer"), Bytes.ofLong(1));
            requiresNew.executeWithoutResult(inner -> {
                assertThat(accounts.get(Bytes.of("outer"))).isNull();
                accounts.insert(Bytes.of("inner"), Bytes.ofLong(2));
            });
            service.openIndependently("service", 3);
            assertThat(raw.get(Bytes.of("inner"))).isEqualTo(Bytes.ofLong(2));
            assertThat(raw.get(Bytes.of("service"))).isEqualTo(Bytes.ofLong(3));
            assertThat(accounts.get(Bytes.of("outer"))).isEqualTo(Bytes.ofLong(1));
            status.setRollbackOnly();
        });
        assertThat(raw.get(Bytes.of("outer"))).isNull();
        assertThat(raw.get(Bytes.of("inner"))).isEqualTo(Bytes.ofLong(2));
    }

    @Test
    void readOnlyTransactionReadsButRejectsWrites() {
        raw.insert(Bytes.of("frank"), Bytes.ofLong(3));
        assertThat(service.balance("frank")).isEqualTo(3);

        assertThatThrownBy(() -> service.writeInReadOnly("frank"))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("read-only");
        assertThat(raw.get(Bytes.of("frank"))).isEqualTo(Bytes.ofLong(3));
    }

    @Test
    void mandatoryJoinsAnExistingTransactionAndFailsWithoutOne() {
        assertThatThrownBy(() -> service.openInCallersTransaction("gina"))
                .isInstanceOf(IllegalTransactionStateException.class);

        transactionTemplate.executeWithoutResult(status -> {
            service.openInCallersTransaction("gina");
            status.setRollbackOnly();
        });
        assertThat(raw.get(Bytes.of("gina"))).isNull();
    }

    @Test
    void supportsAndNotSupportedRunWithoutAnEngineTransaction() {
        TransactionTemplate supports = template(TransactionDefinition.PROPAGATION_SUPPORTS);
        supports.executeWithoutResult(status -> {
            assertThat(SledTransactions.currentTransaction(db)).isNull();
            accounts.insert(Bytes.of("hank"), Bytes.ofLong(1));
            assertThat(committedOnOtherThread("hank")).isEqualTo(Bytes.ofLong(1));
        });

        TransactionTemplate notSupported = template(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        transactionTemplate.executeWithoutResult(outer -> {
            notSupported.executeWithoutResult(inner -> {
                assertThat(SledTransactions.currentTransaction(db)).isNull();
                accounts.insert(Bytes.of("ivy"), Bytes.ofLong(1));
            });
            assertThat(SledTransactions.currentTransaction(db)).isNotNull();
            outer.setRollbackOnly();
        });
        assertThat(raw.get(Bytes.of("ivy"))).isEqualTo(Bytes.ofLong(1));
    }

    @Test
    void neverFailsInsideATransaction() {
        TransactionTemplate never = template(TransactionDefinition.PROPAGATION_NEVER);
        assertThatThrownBy(() -> transactionTemplate.executeWithoutResult(status -> never.executeWithoutResult(s -> { })))
                .isInstanceOf(IllegalTransactionStateException.class);
        never.executeWithoutResult(status -> assertThat(SledTransactions.currentTransaction(db)).isNull());
    }

    @Test
    void nestedIsRejectedWithAClearMessage() {
        TransactionTemplate nested = template(TransactionDefinition.PROPAGATION_NESTED);
        assertThatThrownBy(() -> nested.executeWithoutResult(status -> { }))
                .isInstanceOf(NestedTransactionNotSupportedException.class)
                .hasMessageContaining("NESTED is not supported");
        assertThatThrownBy(() -> transactionTemplate.executeWithoutResult(status -> nested.executeWithoutResult(s -> { })))
                .isInstanceOf(NestedTransactionNotSupportedException.class)
                .hasMessageContaining("savepoints");
    }

    @Test
    void isolationLevelsOtherThanSerializableAreRejected() {
        TransactionTemplate readCommitted = new TransactionTemplate(transactionManager);
        readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        assertThatThrownBy(() -> readCommitted.executeWithoutResult(status -> { }))
                .isInstanceOf(InvalidIsolationLevelException.class)
                .hasMessageContaining("serializable");

        TransactionTemplate serializable = new TransactionTemplate(transactionManager);
        serializable.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
        serializable.executeWithoutResult(status -> accounts.insert(Bytes.of("jack"), Bytes.ofLong(1)));
        assertThat(raw.get(Bytes.of("jack"))).isEqualTo(Bytes.ofLong(1));
    }

    @Test
    void timeoutIsCheckedOnAccess() {
        TransactionTemplate shortLived = new TransactionTemplate(transactionManager);
        shortLived.setTimeout(1);
        assertThatThrownBy(() -> shortLived.executeWithoutResult(status -> {
            try {
                Thread.sleep(1100);
            } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
            accounts.insert(Bytes.of("late"), Bytes.ofLong(1));
        })).isInstanceOf(TransactionTimedOutException.class);
        assertThat(raw.get(Bytes.of("late"))).isNull();
    }

    @Test
    void resourceFactoryIsTheDatabase() {
        assertThat(transactionManager.getResourceFactory()).isSameAs(db);
    }

    @Test
    void treeTransactionJoinsTheBoundTransaction() {
        transactionTemplate.executeWithoutResult(status -> {
            accounts.transaction(tx -> tx.insert(Bytes.of("kim"), Bytes.ofLong(1)));
            assertThat(committedOnOtherThread("kim")).isNull();
            status.setRollbackOnly();
        });
        assertThat(raw.get(Bytes.of("kim"))).isNull();
    }

    @Test
    void translatesStorageFailures() {
        assertThat(SledExceptionTranslator.INSTANCE.translate(new dev.sled.StorageException("disk full")))
                .isInstanceOf(DataAccessResourceFailureException.class)
                .hasMessageContaining("disk full");
    }

    private TransactionTemplate template(int propagation) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setPropagationBehavior(propagation);
        return template;
    }

    private Bytes committedOnOtherThread(String key) {
        return CompletableFuture.supplyAsync(() -> raw.get(Bytes.of(key))).join();
    }
}
