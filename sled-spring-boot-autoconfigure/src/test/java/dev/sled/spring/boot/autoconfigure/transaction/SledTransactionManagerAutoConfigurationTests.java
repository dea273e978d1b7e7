package dev.sled.spring.boot.autoconfigure.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.SledDb;
import dev.sled.SledTree;
import dev.sled.spring.boot.autoconfigure.SledAutoConfiguration;
import dev.sled.spring.transaction.SledTransactionManager;
import dev.sled.spring.transaction.TransactionAwareSledTree;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.Advisor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class SledTransactionManagerAutoConfigurationTests {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class,
                    SledTransactionManagerAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class,
                    TransactionAutoConfiguration.class))
            .withPropertyValues("sled.path=" + this.dir);
    }

    @Test
    void registersTheManagerUnderItsOwnNameAndTheRetryAdvisor() {
        runner().run((context) -> {
            assertThat(context).hasSingleBean(SledTransactionManager.class)
                .hasBean("sledTransactionManager")
                .hasBean("sledTransactionRetryAdvisor")
                .hasSingleBean(TransactionTemplate.class);
            assertThat(context.getBean(SledTransactionManager.class).getResourceFactory())
                .isSameAs(context.getBean(SledDb.class));
            assertThat(context.getBean("sledTransactionRetryAdvisor")).isInstanceOf(Advisor.class);
        });
    }

    @Test
    void treeBeansJoinSpringTransactions() {
        runner().withPropertyValues("sled.trees=orders")
            .run((context) -> assertThat(context.getBeansOfType(SledTree.class))
                .containsKeys("sledTree", "ordersSledTree")
                .allSatisfy((name, tree) -> {
                    if (!name.equals("sledDb")) {
                        assertThat(tree).isInstanceOf(TransactionAwareSledTree.class);
                    }
                }));
    }

    @Test
    void appliesSpringTransactionProperties() {
        runner().withPropertyValues("spring.transaction.default-timeout=7s")
            .run((context) -> assertThat(context.getBean(SledTransactionManager.class).getDefaultTimeout())
                .isEqualTo(7));
    }

    @Test
    void backsOffForTheApplicationsOwnManager() {
        runner().withUserConfiguration(OwnTransactionManager.class).run((context) -> {
            assertThat(context).hasSingleBean(SledTransactionManager.class).hasBean("myTransactionManager");
            assertThat(context).doesNotHaveBean("sledTransactionManager");
        });
    }

    @Test
    void leavesTheJdbcTransactionManagerAsTheDefault() {
        runner().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:sled-tm-test")
            .run((context) -> {
                assertThat(context.getBean("transactionManager")).isInstanceOf(JdbcTransactionManager.class);
                assertThat(context.getBean("sledTransactionManager")).isInstanceOf(SledTransactionManager.class);
                assertThat(context.getBeansOfType(PlatformTransactionManager.class)).hasSize(2);
            });
    }

    @Test
    void backsOffWhenDisabled() {
        runner().withPropertyValues("sled.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(SledTransactionManager.class)
                .doesNotHaveBean("sledTransactionRetryAdvisor"));
    }

    @Test
    void backsOffWithoutSledSpringData() {
        runner().withClassLoader(new FilteredClassLoader(SledTransactionManager.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(SledDb.class)
                .doesNotHaveBean("sledTransactionManager"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTransactionManager {

        @Bean
        SledTransactionManager myTransactionManager(SledDb db) {
            return new SledTransactionManager(db);
        }
    }
}
