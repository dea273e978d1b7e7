package dev.sled.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.SledDb;
import dev.sled.SledTree;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Run by its own surefire execution ({@code without-optional-modules}), whose class path lacks
 * spring-boot-health, the Micrometer modules, sled-spring-data and sled-etcd; a filtering class loader hides classes
 * but not resources, so it cannot show this. The optional auto-configurations must back off without
 * loading a missing class, so they are found the way an application finds them, by
 * {@code @EnableAutoConfiguration}. Other executions skip this test.
 */
@EnabledIfSystemProperty(named = "sled.test.without-optional-modules", matches = "true")
class SledAutoConfigurationWithoutOptionalModulesTests {

    @TempDir
    Path dir;

    @Test
    void theDatabaseAndItsTreesNeedNoOptionalModule() {
        assertThat(ClassUtils.isPresent("org.springframework.boot.health.contributor.HealthIndicator", null)).isFalse();
        assertThat(ClassUtils.isPresent("io.micrometer.core.instrument.binder.MeterBinder", null)).isFalse();
        assertThat(ClassUtils.isPresent("dev.sled.spring.transaction.SledTransactionManager", null)).isFalse();

        new ApplicationContextRunner().withUserConfiguration(Application.class)
            .withPropertyValues("sled.path=" + this.dir, "sled.trees=orders")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(SledDb.class).hasBean("ordersSledTree");
                assertThat(context.getBeanDefinitionNames()).noneMatch((name) -> name.startsWith("sledHealth")
                        || name.equals("sledMetrics") || name.startsWith("sledTransaction"));
                SledTree tree = context.getBean(SledTree.class);
                tree.insert(Bytes.of("k"), Bytes.of("v"));
                assertThat(context.getBean(SledDb.class).get(Bytes.of("k"))).isEqualTo(Bytes.of("v"));
            });
    }

    @Test
    void theEtcdBackendWithoutSledEtcdFailsStartUpNamingTheModule() {
        assertThat(ClassUtils.isPresent("dev.sled.etcd.EtcdSled", null)).isFalse();

        new ApplicationContextRunner().withUserConfiguration(Application.class)
            .withPropertyValues("sled.backend=etcd", "sled.etcd.endpoints=http://127.0.0.1:25799")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidSledPropertyException.class)
                    .hasMessageContaining("sled.backend")
                    .hasMessageContaining("dev.sled:sled-etcd");
            });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {
    }
}
