package dev.sled.etcd.support;

import dev.sled.etcd.EtcdSled;
import dev.sled.etcd.EtcdSledConfig;
import dev.sled.etcd.EtcdSledDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts one 3-member cluster for every test class that uses it (client ports
 * 24791-24793, peer ports 24801-24803) and stops it when the test run ends. Each test opens its database
 * in a fresh namespace, so tests share the cluster without seeing each other's data.
 */
public final class SharedCluster implements BeforeAllCallback {

    private static volatile EtcdCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        EtcdBinary.require();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedCluster.class, k -> new Running(), Running.class);
    }

    /** The cluster's lifetime as a store value: JUnit closes it when the root context ends. */
    private static final class Running implements AutoCloseable {
        Running() {
            try {
                cluster = new EtcdCluster(3, Files.createTempDirectory("sled-etcd-shared"), 24791, 24801, List.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cluster.start();
        }

        @Override
        public void close() {
            cluster.close();
        }
    }

    public static EtcdCluster cluster() {
        return cluster;
    }

    /** A configuration for a fresh, empty database on the shared cluster. */
    public static EtcdSledConfig.Builder freshConfig() {
        return EtcdSledConfig.builder().endpoints(cluster.endpoints()).namespace("test-" + UUID.randomUUID())
                .requestTimeout(Duration.ofSeconds(5));
    }

    public static EtcdSledDb openFresh() {
        return EtcdSled.open(freshConfig().build());
    }
}
