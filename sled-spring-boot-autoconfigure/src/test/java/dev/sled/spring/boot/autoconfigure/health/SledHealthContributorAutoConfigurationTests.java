package dev.sled.spring.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Sled;
import dev.sled.SledDb;
import dev.sled.spring.boot.autoconfigure.SledAutoConfiguration;
import dev.sled.spring.boot.health.SledHealthIndicator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class SledHealthContributorAutoConfigurationTests {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class,
                    SledHealthContributorAutoConfiguration.class))
            .withPropertyValues("sled.path=" + this.dir);
    }

    @Test
    void registersTheSledIndicator() {
        runner().run((context) -> {
            assertThat(context).hasBean("sledHealthContributor");
            HealthContributor contributor = context.getBean("sledHealthContributor", HealthContributor.class);
            assertThat(contributor).isInstanceOf(SledHealthIndicator.class);
            assertThat(((HealthIndicator) contributor).health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void backsOffWhenTheIndicatorIsDisabled() {
        runner().withPropertyValues("management.health.sled.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean("sledHealthContributor"));
    }

    @Test
    void backsOffWhenSledIsDisabled() {
        runner().withPropertyValues("sled.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean("sledHealthContributor"));
    }

    @Test
    void backsOffForTheApplicationsOwnIndicator() {
        runner().withUserConfiguration(OwnIndicator.class).run((context) -> {
            assertThat(context).hasBean("sledHealthIndicator").doesNotHaveBean("sledHealthContributor");
        });
    }

    @Test
    void reportsSeveralDatabasesAsAComposite() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class,
                    SledHealthContributorAutoConfiguration.class))
            .withUserConfiguration(TwoDatabases.class)
            .withBean("dir", Path.class, () -> this.dir)
            .run((context) -> {
                HealthContributor contributor = context.getBean("sledHealthContributor", HealthContributor.class);
                assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
                assertThat(((CompositeHealthContributor) contributor).getContributor("ordersDb")).isNotNull();
                assertThat(((CompositeHealthContributor) contributor).getContributor("usersDb")).isNotNull();
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnIndicator {

        @Bean
        HealthIndicator sledHealthIndicator() {
            return () -> Health.up().build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDatabases {

        @Bean(destroyMethod = "close")
        SledDb ordersDb(Path dir) {
            return Sled.open(dir.resolve("orders"));
        }

        @Bean(destroyMethod = "close")
        SledDb usersDb(Path dir) {
            return Sled.open(dir.resolve("users"));
        }
    }
}
