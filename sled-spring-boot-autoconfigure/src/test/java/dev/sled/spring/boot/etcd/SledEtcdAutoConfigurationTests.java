package dev.sled.spring.boot.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.SledTree;
import dev.sled.etcd.EtcdSledConfig;
import dev.sled.etcd.EtcdSledDb;
import dev.sled.spring.boot.autoconfigure.EtcdSledConfigCustomizer;
import dev.sled.spring.boot.autoconfigure.SledAutoConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code sled.backend=etcd} against a real etcd member. */
@ExtendWith(BootEtcdCluster.class)
class SledEtcdAutoConfigurationTests {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class))
            .withPropertyValues("sled.path=" + this.dir, "sled.backend=etcd",
                    "sled.etcd.endpoints=" + BootEtcdCluster.ENDPOINT, "sled.etcd.namespace=boot-autoconfiguration");
    }

    @Test
    void opensTheDatabaseOnEtcdWithTheTreesOfTheProperties() {
        runner().withPropertyValues("sled.trees=orders").run((context) -> {
            assertThat(context).hasSingleBean(SledDb.class);
            EtcdSledDb db = context.getBean(EtcdSledDb.class);
            assertThat(db.etcdConfig().endpoints()).containsExactly(BootEtcdCluster.ENDPOINT);
            SledTree orders = context.getBean("ordersSledTree", SledTree.class);
            orders.insert(Bytes.of("o-1"), Bytes.of("paid"));
            assertThat(db.openTree("orders").get(Bytes.of("o-1"))).isEqualTo(Bytes.of("paid"));
            context.getBean(SledTree.class).insert(Bytes.of("k"), Bytes.of("v"));
            assertThat(db.get(Bytes.of("k"))).isEqualTo(Bytes.of("v"));
        });
    }

    @Test
    void mapsEveryEtcdProperty() {
        runner().withPropertyValues("sled.etcd.request-timeout=7s", "sled.etcd.connect-timeout=900ms",
                "sled.etcd.transaction-max-attempts=7", "sled.etcd.max-txn-ops=64", "sled.etcd.max-request-bytes=1MB",
                "sled.etcd.page-size=32", "sled.etcd.subscriber-buffer-size=16", "sled.etcd.serializable-reads=true")
            .run((context) -> {
                EtcdSledConfig config = context.getBean(EtcdSledDb.class).etcdConfig();
                assertThat(config.namespace()).isEqualTo("boot-autoconfiguration");
                assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
                assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(900));
                assertThat(config.transactionMaxAttempts()).isEqualTo(7);
                assertThat(config.maxTxnOps()).isEqualTo(64);
                assertThat(config.maxRequestBytes()).isEqualTo(1024 * 1024);
                assertThat(config.pageSize()).isEqualTo(32);
                assertThat(config.subscriberBufferSize()).isEqualTo(16);
                assertThat(config.serializableReads()).isTrue();
            });
    }

    @Test
    void appliesTheCustomizersAfterTheProperties() {
        runner().withBean(EtcdSledConfigCustomizer.class, () -> (config) -> config.namespace("customized"))
            .run((context) -> assertThat(context.getBean(EtcdSledDb.class).etcdConfig().namespace())
                .isEqualTo("customized"));
    }

    @Test
    void closesTheConnectionWithTheContext() {
        EtcdSledDb[] db = new EtcdSledDb[1];
        runner().run((context) -> db[0] = context.getBean(EtcdSledDb.class));
        assertThat(db[0].isClosed()).isTrue();
    }

    @Test
    void usesTheApplicationsOwnDatabase() {
        runner().withBean(SledDb.class, () -> SledConfig.builder().path(this.dir.resolve("own")).open(),
                (definition) -> definition.setDestroyMethodName("close")).run((context) -> {
            assertThat(context).hasSingleBean(SledDb.class).doesNotHaveBean(EtcdSledDb.class);
            assertThat(context.getBean(SledDb.class).config().path()).isEqualTo(this.dir.resolve("own"));
        });
    }

    @Test
    void staysEmbeddedWithoutTheBackendPropertyThoughSledEtcdIsPresent() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class))
            .withPropertyValues("sled.path=" + this.dir, "sled.etcd.endpoints=" + BootEtcdCluster.ENDPOINT)
            .run((context) -> assertThat(context).hasSingleBean(SledDb.class).doesNotHaveBean(EtcdSledDb.class));
    }
}
