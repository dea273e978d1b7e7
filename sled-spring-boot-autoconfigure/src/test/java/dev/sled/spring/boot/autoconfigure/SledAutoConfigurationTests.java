package dev.sled.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.Mode;
import dev.sled.Sled;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.SledTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;

class SledAutoConfigurationTests {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class))
            .withPropertyValues("sled.path=" + this.dir);
    }

    @Test
    void opensTheDatabaseAndExposesTheDefaultTree() {
        runner().run((context) -> {
            assertThat(context).hasSingleBean(SledDb.class).hasSingleBean(SledProperties.class);
            SledDb db = context.getBean(SledDb.class);
            assertThat(db.config().path()).isEqualTo(this.dir);
            SledTree tree = context.getBean(SledTree.class);
            assertThat(tree.name()).isEqualTo(Bytes.of(SledDb.DEFAULT_TREE));
            tree.insert(Bytes.of("k"), Bytes.of("v"));
            assertThat(db.get(Bytes.of("k"))).isEqualTo(Bytes.of("v"));
        });
    }

    @Test
    void backsOffWhenDisabled() {
        runner().withPropertyValues("sled.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(SledDb.class)
                .doesNotHaveBean(SledTree.class)
                .doesNotHaveBean(SledProperties.class));
    }

    @Test
    void usesTheApplicationsOwnDatabase() {
        runner().withUserConfiguration(OwnDatabase.class).run((context) -> {
            assertThat(context).hasSingleBean(SledDb.class);
            SledDb db = context.getBean(SledDb.class);
            assertThat(db.config().path()).isEqualTo(this.dir.resolve("own"));
            assertThat(context.getBean(SledTree.class).name()).isEqualTo(Bytes.of(SledDb.DEFAULT_TREE));
        });
    }

    @Test
    void usesTheApplicationsOwnDefaultTree() {
        runner().withUserConfiguration(OwnDefaultTree.class)
            .run((context) -> assertThat(context.getBean(SledTree.class).name()).isEqualTo(Bytes.of("mine")));
    }

    @Test
    void registersATreeBeanPerConfiguredName() {
        runner().withPropertyValues("sled.trees=orders,customers")
            .withUserConfiguration(TreeConsumer.class)
            .run((context) -> {
                TreeConsumer consumer = context.getBean(TreeConsumer.class);
                assertThat(consumer.orders.name()).isEqualTo(Bytes.of("orders"));
                assertThat(consumer.customers.name()).isEqualTo(Bytes.of("customers"));
                assertThat(consumer.defaultTree.name()).isEqualTo(Bytes.of(SledDb.DEFAULT_TREE));
                assertThat(context.getBean(SledDb.class).treeNames()).contains(Bytes.of("orders"),
                        Bytes.of("customers"));
            });
    }

    @Test
    void appliesTheProperties() {
        runner().withPropertyValues("sled.cache-capacity=1MB", "sled.flush-every=0", "sled.mode=high-throughput",
                "sled.segment-size=64KB", "sled.compression.level=7", "sled.create-new=true", "sled.warm-cache=false")
            .run((context) -> {
                SledConfig config = context.getBean(SledDb.class).config();
                assertThat(config.cacheCapacity()).isEqualTo(1024 * 1024);
                assertThat(config.flushEveryMs()).isZero();
                assertThat(config.mode()).isEqualTo(Mode.HIGH_THROUGHPUT);
                assertThat(config.segmentSize()).isEqualTo(64 * 1024);
                assertThat(config.compressionLevel()).isEqualTo(7);
                assertThat(config.createNew()).isTrue();
                assertThat(config.warmCache()).isFalse();
            });
    }

    @Test
    void opensAnExistingDatabaseWithItsStoredSegmentSizeAndCompressionWhenTheirPropertiesAreUnset() {
        SledConfig.builder().path(this.dir).segmentSize(64 * 1024).open().close();
        runner().run((context) -> {
            SledConfig config = context.getBean(SledDb.class).config();
            assertThat(config.segmentSize()).isEqualTo(64 * 1024);
            assertThat(config.compression()).isFalse();
        });
    }

    @Test
    void appliesCustomizersInOrderAfterTheProperties() {
        runner().withPropertyValues("sled.flush-every=1s")
            .withUserConfiguration(Customizers.class)
            .run((context) -> {
                assertThat(context.getBean(Customizers.class).calls).containsExactly("first", "second");
                assertThat(context.getBean(SledDb.class).config().flushEveryMs()).isEqualTo(2000);
            });
    }

    @Test
    void temporaryDatabaseLivesInANewDirectoryThatIsDeletedOnClose() {
        Path[] path = new Path[1];
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class))
            .withPropertyValues("sled.temporary=true")
            .run((context) -> {
                path[0] = context.getBean(SledDb.class).config().path();
                assertThat(path[0]).exists().isNotEqualTo(Path.of("default.sled"));
            });
        assertThat(path[0]).doesNotExist();
    }

    @Test
    void closingTheContextFlushesEveryWrite() {
        runner().withPropertyValues("sled.flush-every=0")
            .run((context) -> context.getBean(SledTree.class).insert(Bytes.of("k"), Bytes.of("v")));

        try (SledDb reopened = Sled.open(this.dir)) {
            assertThat(reopened.get(Bytes.of("k"))).isEqualTo(Bytes.of("v"));
        }
    }

    @Test
    void secondContextOnTheSameDirectoryFailsWithAnAnalysisNamingThePath() {
        runner().run((first) -> runner().run((second) -> {
            assertThat(second).hasFailed();
            assertThat(FailureAnalysisSupport.analyze(second.getStartupFailure()).getAction())
                .contains("sled.path");
        }));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDatabase {

        @Bean(destroyMethod = "close")
        SledDb ownDb(SledProperties properties) {
            return Sled.open(properties.getPath().resolve("own"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDefaultTree {

        /** Primary, as the replaced bean was, so that it wins over the database for plain injection. */
        @Bean
        @Primary
        SledTree sledTree(SledDb db) {
            return db.openTree("mine");
        }
    }

    static class TreeConsumer {

        final SledTree orders;

        final SledTree customers;

        final SledTree defaultTree;

        TreeConsumer(@Qualifier("orders") SledTree orders, @Qualifier("customers") SledTree customers,
                SledTree defaultTree) {
            this.orders = orders;
            this.customers = customers;
            this.defaultTree = defaultTree;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        final List<String> calls = new ArrayList<>();

        @Bean
        @Order(2)
        SledConfigCustomizer second() {
            return (config) -> {
                this.calls.add("second");
                config.flushEveryMs(config.flushEveryMs() * 2);
            };
        }

        @Bean
        @Order(1)
        SledConfigCustomizer first() {
            return (config) -> this.calls.add("first");
        }
    }
}
