package dev.sled.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(RepositoryTestConfiguration.class)
class VersioningIntegrationTests {

    @Autowired
    AccountRepository accounts;

    @BeforeEach
    void clear() {
        accounts.deleteAll();
    }

    @Test
    void versionStartsAtZeroAndIncrementsOnEverySave() {
        Account account = accounts.save(new Account("a", "alice", 10));
        assertThat(account.getVersion()).isZero();

        account.setBalance(20);
        assertThat(accounts.save(account).getVersion()).isEqualTo(1);
        assertThat(accounts.findById("a").orElseThrow().getVersion()).isEqualTo(1);
    }

    @Test
    void staleSaveFailsAndWritesNothing() {
        Account mine = accounts.save(new Account("a", "alice", 10));
        Account theirs = mine.copy();
        mine.setBalance(20);
        accounts.save(mine);

        theirs.setOwner("mallory");
        assertThatThrownBy(() -> accounts.save(theirs))
                .isInstanceOf(OptimisticLockingFailureException.class)
                .hasMessageContaining("version 0").hasMessageContaining("stored version is 1");
        assertThat(theirs.getVersion()).isZero();
        assertThat(accounts.findByOwner("mallory")).isEmpty();
        assertThat(accounts.findById("a").orElseThrow().getBalance()).isEqualTo(20);
    }

    @Test
    void newEntityMustNotOverwriteAnExistingOne() {
        accounts.save(new Account("a", "alice", 10));

        Account duplicate = new Account("a", "bob", 99);
        assertThatThrownBy(() -> accounts.save(duplicate)).isInstanceOf(OptimisticLockingFailureException.class)
                .hasMessageContaining("exists");
        assertThat(duplicate.getVersion()).isNull();
        assertThat(accounts.findByOwner("bob")).isEmpty();
    }

    @Test
    void staleDeleteFails() {
        Account mine = accounts.save(new Account("a", "alice", 10));
        Account stale = mine.copy();
        accounts.save(mine);

        assertThatThrownBy(() -> accounts.delete(stale)).isInstanceOf(OptimisticLockingFailureException.class);
        accounts.delete(accounts.findById("a").orElseThrow());
        assertThat(accounts.existsById("a")).isFalse();
    }

    @Test
    void savingADeletedEntityFails() {
        Account account = accounts.save(new Account("a", "alice", 10));
        accounts.deleteById("a");

        assertThatThrownBy(() -> accounts.save(account)).isInstanceOf(OptimisticLockingFailureException.class)
                .hasMessageContaining("deleted");
    }
}
