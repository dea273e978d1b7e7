package dev.sled.spring.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.Sled;
import dev.sled.SledDb;
import dev.sled.spring.boot.autoconfigure.SledAutoConfiguration;
import dev.sled.spring.boot.metrics.SledMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class SledMetricsAutoConfigurationTests {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class, SledMetricsAutoConfiguration.class))
            .withPropertyValues("sled.path=" + this.dir);
    }

    @Test
    void bindsTheMetersToTheRegistry() {
        runner().withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class))
            .run((context) -> {
                assertThat(context).hasSingleBean(SledMetrics.class);
                context.getBean(SledDb.class).get(Bytes.of("k"));
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("sled.operations").tag("op", "get").functionCounter().count()).isEqualTo(1);
            });
    }

    @Test
    void backsOffWithoutARegistry() {
        runner().run((context) -> assertThat(context).doesNotHaveBean(SledMetrics.class));
    }

    @Test
    void backsOffWhenSledIsDisabled() {
        runner().withBean(SimpleMeterRegistry.class)
            .withPropertyValues("sled.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(SledMetrics.class));
    }

    @Test
    void backsOffForTheApplicationsOwnBinder() {
        runner().withBean(SimpleMeterRegistry.class)
            .withUserConfiguration(OwnMetrics.class)
            .run((context) -> assertThat(context).hasSingleBean(SledMetrics.class).hasBean("myMetrics"));
    }

    @Test
    void bindsEachOfSeveralDatabasesTaggedWithItsBeanName() {
        runner().withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class))
            .withUserConfiguration(TwoDatabases.class)
            .withBean("dir", Path.class, () -> this.dir)
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(SledMetrics.class).hasBean("sledDatabasesMetrics");
                context.getBean("secondDb", SledDb.class).insert(Bytes.of("k"), Bytes.of("v"));
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("sled.operations").tag("op", "insert").tag("name", "secondDb").functionCounter().count())
                    .isEqualTo(1);
                assertThat(registry.get("sled.operations").tag("op", "insert").tag("name", "firstDb").functionCounter().count())
                    .isZero();
                assertThat(registry.find("sled.trees").gauges()).hasSize(2);
            });
    }

    @Test
    void severalDatabasesBackOffForTheApplicationsOwnBinder() {
        runner().withBean(SimpleMeterRegistry.class)
            .withUserConfiguration(TwoDatabases.class, OwnMetricsOfTheFirst.class)
            .withBean("dir", Path.class, () -> this.dir)
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(SledMetrics.class)
                .doesNotHaveBean("sledDatabasesMetrics"));
    }

    @Test
    void aPrimaryDatabaseAmongSeveralIsTaggedLikeTheOthers() {
        runner().withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class))
            .withUserConfiguration(TwoDatabases.class)
            .withBean("dir", Path.class, () -> this.dir)
            .withBean("primaryDb", SledDb.class, () -> Sled.open(this.dir.resolve("primary")),
                    (definition) -> definition.setPrimary(true))
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(SledMetrics.class).hasBean("sledDatabasesMetrics");
                assertThat(context.getBean(MeterRegistry.class).find("sled.trees").gauges())
                    .extracting((gauge) -> gauge.getId().getTag("name"))
                    .containsExactlyInAnyOrder("firstDb", "secondDb", "primaryDb");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMetrics {

        @Bean
        SledMetrics myMetrics(SledDb db) {
            return new SledMetrics(db);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMetricsOfTheFirst {

        @Bean
        SledMetrics firstDbMetrics(SledDb firstDb) {
            return new SledMetrics(firstDb, Tags.of("db", "first"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDatabases {

        @Bean(destroyMethod = "close")
        SledDb firstDb(Path dir) {
            return Sled.open(dir.resolve("first"));
        }

        @Bean(destroyMethod = "close")
        SledDb secondDb(Path dir) {
            return Sled.open(dir.resolve("second"));
        }
    }
}
