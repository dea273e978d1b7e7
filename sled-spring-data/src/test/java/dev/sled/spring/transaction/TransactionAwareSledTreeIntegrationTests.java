package dev.sled.spring.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.KeyValue;
import dev.sled.SledDb;
import dev.sled.SledTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

@SpringJUnitConfig(TransactionTestConfiguration.class)
class TransactionAwareSledTreeIntegrationTests {

    @Autowired
    SledDb db;

    @Autowired
    TransactionTemplate transactionTemplate;

    @Autowired
    SledTree accounts;

    SledTree raw;

    @BeforeEach
    void fill() {
        raw = db.openTree("accounts");
        raw.clear();
        raw.insert(Bytes.of("b"), Bytes.ofLong(2));
        raw.insert(Bytes.of("c"), Bytes.ofLong(3));
    }

    @Test
    void delegatesOutsideTransactions() {
        assertThat(accounts.insert(Bytes.of("a"), Bytes.ofLong(1))).isNull();
        assertThat(raw.get(Bytes.of("a"))).isEqualTo(Bytes.ofLong(1));
        assertThat(accounts.size()).isEqualTo(3);
        assertThat(accounts.name()).isEqualTo(raw.name());
    }

    @Test
    void orderedReadsSeeTheTransactionsOwnWrites() {
        transactionTemplate.executeWithoutResult(status -> {
            accounts.insert(Bytes.of("a"), Bytes.ofLong(1));
            accounts.remove(Bytes.of("c"));
            accounts.insert(Bytes.of("d"), Bytes.ofLong(4));

            assertThat(accounts.first().key()).isEqualTo(Bytes.of("a"));
            assertThat(accounts.last().key()).isEqualTo(Bytes.of("d"));
            assertThat(accounts.getGt(Bytes.of("b")).key()).isEqualTo(Bytes.of("d"));
            assertThat(accounts.getLt(Bytes.of("b")).key()).isEqualTo(Bytes.of("a"));
            assertThat(accounts.size()).isEqualTo(3);
            assertThat(accounts.containsKey(Bytes.of("c"))).isFalse();
            status.setRollbackOnly();
        });
        assertThat(raw.size()).isEqualTo(2);
    }

    @Test
    void updateAndPopRunInsideTheTransaction() {
        transactionTemplate.executeWithoutResult(status -> {
            Bytes updated = accounts.updateAndFetch(Bytes.of("b"), old -> Bytes.ofLong(old.toLong() * 10));
            assertThat(updated).isEqualTo(Bytes.ofLong(20));
            assertThat(accounts.fetchAndUpdate(Bytes.of("c"), old -> null)).isEqualTo(Bytes.ofLong(3));
            KeyValue min = accounts.popMin();
            assertThat(min.key()).isEqualTo(Bytes.of("b"));
            assertThat(accounts.isEmpty()).isTrue();
            status.setRollbackOnly();
        });
        assertThat(raw.get(Bytes.of("b"))).isEqualTo(Bytes.ofLong(2));

        transactionTemplate.executeWithoutResult(status -> accounts.updateAndFetch(Bytes.of("b"), old -> Bytes.ofLong(7)));
        assertThat(raw.get(Bytes.of("b"))).isEqualTo(Bytes.ofLong(7));
    }

    @Test
    void clearInsideATransactionIsAtomic() {
        transactionTemplate.executeWithoutResult(status -> {
            accounts.clear();
            assertThat(accounts.isEmpty()).isTrue();
            assertThat(raw.size()).isEqualTo(2);
        });
        assertThat(raw.isEmpty()).isTrue();
    }

    @Test
    void mergeIsRefusedInsideATransaction() {
        assertThatThrownBy(() -> transactionTemplate.executeWithoutResult(
                status -> accounts.merge(Bytes.of("b"), Bytes.ofLong(1))))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("updateAndFetch");
    }

    @Test
    void failingTreeTransactionBodyMarksTheSpringTransactionRollbackOnly() {
        assertThatThrownBy(() -> transactionTemplate.executeWithoutResult(status -> {
            assertThatThrownBy(() -> accounts.transaction(tx -> {
                tx.insert(Bytes.of("z"), Bytes.ofLong(26));
                throw new IllegalArgumentException("abort");
            })).isInstanceOf(IllegalArgumentException.class);
            assertThat(status.isRollbackOnly()).isTrue();
        })).isInstanceOf(UnexpectedRollbackException.class);
        assertThat(raw.get(Bytes.of("z"))).isNull();
    }
}
