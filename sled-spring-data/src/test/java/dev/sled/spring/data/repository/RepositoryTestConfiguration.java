package dev.sled.spring.data.repository;

import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.spring.data.repository.config.EnableSledRepositories;
import dev.sled.spring.transaction.SledTransactionManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A temporary database with every test repository and a transaction manager. */
@Configuration(proxyBeanMethods = false)
@EnableSledRepositories
class RepositoryTestConfiguration {

    @Bean
    SledDb sledDb() {
        try {
            return SledConfig.builder().path(Files.createTempDirectory("sled-repo-test")).temporary(true).open();
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
}
