package dev.sled.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.spring.data.repository.Order.Status;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@SpringJUnitConfig(RepositoryTestConfiguration.class)
class TransactionalRepositoryIntegrationTests {

    @Autowired
    OrderRepository orders;

    @Autowired
    AccountRepository accounts;

    @Autowired
    TransactionTemplate transactionTemplate;

    @Autowired
    PlatformTransactionManager transactionManager;

    @BeforeEach
    void clear() {
        orders.deleteAll();
        accounts.deleteAll();
    }

    @Test
    void repositoriesJoinTheSpringTransaction() {
        Long id = transactionTemplate.execute(status -> {
            Order saved = orders.save(Order.of("alice", Status.NEW, 1));
            assertThat(orders.findById(saved.id())).contains(saved);
            assertThat(orders.findByCustomer("alice")).containsExactly(saved);
            assertThat(CompletableFuture.supplyAsync(() -> orders.count()).join()).isZero();
            return saved.id();
        });
        assertThat(orders.findById(id)).isPresent();
    }

    @Test
    void rollbackDiscardsEntitiesAndTheirIndexEntries() {
        transactionTemplate.executeWithoutResult(status -> {
            orders.save(Order.of("alice", Status.NEW, 1));
            accounts.save(new Account("a", "alice", 1));
            status.setRollbackOnly();
        });

        assertThat(orders.count()).isZero();
        assertThat(orders.findByCustomer("alice")).isEmpty();
        assertThat(accounts.findByOwner("alice")).isEmpty();
    }

    @Test
    void readOnlyTransactionsRejectSaves() {
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);

        assertThatThrownBy(() -> readOnly.executeWithoutResult(status -> orders.save(Order.of("alice", Status.NEW, 1))))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("read-only");
        assertThat(orders.count()).isZero();
    }
}
