package dev.sled.spring.transaction;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.SledTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** A temporary database, its transaction manager, a transaction-aware tree and a {@code @Transactional} service. */
@Configuration(proxyBeanMethods = false)
@EnableTransactionManagement
class TransactionTestConfiguration {

    @Bean
    SledDb sledDb() {
        try {
            return SledConfig.builder().path(Files.createTempDirectory("sled-tx-test")).temporary(true).open();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Bean
    SledTransactionManager sledTransactionManager(SledDb db) {
        return new SledTransactionManager(db);
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    SledTree accounts(SledDb db) {
        return new TransactionAwareSledTree(db, db.openTree("accounts"));
    }

    @Bean
    AccountService accountService(SledTree accounts) {
        return new AccountService(accounts);
    }

    /** Writes through the injected tree inside {@code @Transactional} methods. */
    static class AccountService {

        private final SledTree accounts;

        AccountService(SledTree accounts) {
            this.accounts = accounts;
        }

        @Transactional
        public void open(String name, long balance) {
            accounts.insert(Bytes.of(name), Bytes.ofLong(balance));
        }

        @Transactional
        public void openThenFail(String name) {
            accounts.insert(Bytes.of(name), Bytes.ofLong(0));
            throw new IllegalStateException("failing after the write to " + name);
        }

        @Transactional(readOnly = true)
        public long balance(String name) {
            Bytes value = accounts.get(Bytes.of(name));
            return value == null ? -1 : value.toLong();
        }

        @Transactional(readOnly = true)
        public void writeInReadOnly(String name) {
            accounts.insert(Bytes.of(name), Bytes.ofLong(1));
        }

        @Transactional(propagation = Propagation.REQUIRES_NEW)
        public void openIndependently(String name, long balance) {
            accounts.insert(Bytes.of(name), Bytes.ofLong(balance));
        }

        @Transactional(propagation = Propagation.MANDATORY)
        public void openInCallersTransaction(String name) {
            accounts.insert(Bytes.of(name), Bytes.ofLong(0));
        }
    }
}
