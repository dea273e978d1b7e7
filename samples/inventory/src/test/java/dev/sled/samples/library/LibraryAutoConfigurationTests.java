package dev.sled.samples.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.Sled;
import dev.sled.SledDb;
import dev.sled.SledTree;
import dev.sled.spring.boot.autoconfigure.SledAutoConfiguration;
import dev.sled.spring.boot.autoconfigure.transaction.SledTransactionManagerAutoConfiguration;
import dev.sled.spring.data.boot.DataSledRepositoriesAutoConfiguration;
import dev.sled.spring.transaction.SledTransactionManager;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

/** The library's configuration choices, checked the way Boot users test theirs: with ApplicationContextRunner. */
class LibraryAutoConfigurationTests {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class,
                    SledTransactionManagerAutoConfiguration.class, DataSledRepositoriesAutoConfiguration.class,
                    TransactionAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class))
            .withUserConfiguration(LibraryServices.class)
            .withPropertyValues("sled.path=" + this.dir.resolve("library.sled"), "sled.trees=counters,audit");
    }

    @Test
    void theStarterProvidesTheDatabaseTreesTransactionsAndRepositories() {
        runner().run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(SledDb.class)
                .hasSingleBean(SledTransactionManager.class)
                .hasSingleBean(TransactionTemplate.class)
                .hasSingleBean(BookRepository.class)
                .hasSingleBean(MemberRepository.class)
                .hasSingleBean(LoanRepository.class)
                .hasBean("countersSledTree")
                .hasBean("auditSledTree");
            assertThat(context.getBean(SledTree.class)).isNotSameAs(context.getBean(SledDb.class));
        });
    }

    @Test
    void anApplicationsOwnDatabaseIsUsedByTreesRepositoriesAndTransactions() {
        Path own = this.dir.resolve("own.sled");
        runner().withBean("libraryDb", SledDb.class, () -> Sled.open(own), (definition) -> definition.setDestroyMethodName("close"))
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(SledDb.class).hasBean("libraryDb");
                Book book = context.getBean(BookRepository.class).save(Book.of("Lem", "Solaris", 1961));
                context.getBean(MemberRepository.class).save(new Member("ada", "Ada"));
                context.getBean(Lending.class).lend(book.id(), "ada");
                SledTree counters = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
                        SledTree.class, "counters");
                assertThat(counters.get(Bytes.of("loans"))).isEqualTo(Bytes.ofLong(1));
            });
        try (SledDb reopened = Sled.open(own)) {
            assertThat(reopened.openTree("counters").get(Bytes.of("loans"))).isEqualTo(Bytes.ofLong(1));
            assertThat(reopened.openTree("books").isEmpty()).isFalse();
        }
    }

    @Test
    void sledEnabledFalseTurnsEverythingOff() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class,
                    SledTransactionManagerAutoConfiguration.class, DataSledRepositoriesAutoConfiguration.class))
            .withUserConfiguration(RepositoriesOnly.class)
            .withPropertyValues("sled.enabled=false", "sled.path=" + this.dir, "sled.trees=counters")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(SledDb.class)
                .doesNotHaveBean(SledTree.class)
                .doesNotHaveBean(SledTransactionManager.class)
                .doesNotHaveBean(BookRepository.class));
    }

    @Test
    void repositoriesCanBeSwitchedOff() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class,
                    DataSledRepositoriesAutoConfiguration.class))
            .withUserConfiguration(RepositoriesOnly.class)
            .withPropertyValues("sled.data.repositories.enabled=false", "sled.path=" + this.dir)
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(SledDb.class)
                .doesNotHaveBean(BookRepository.class));
    }

    /** The repositories of the library's package, as @SpringBootApplication would find them. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = LibraryApplication.class)
    static class RepositoriesOnly {

    }

    @Configuration(proxyBeanMethods = false)
    @Import({ RepositoriesOnly.class, Lending.class, Counters.class })
    static class LibraryServices {

    }
}
