package dev.sled.etcd.support;

import dev.sled.etcd.EtcdSled;
import dev.sled.etcd.EtcdSledConfig;
import dev.sled.etcd.EtcdSledDb;
import java.time.Duration;
import java.util.UUID;

/**
 * The cluster of this module's tests: 3 members (client ports 24791-24793, peer ports 24801-24803), started
 * once for the test run. Each test opens its database in a fresh namespace, so tests share the cluster
 * without seeing each other's data.
 */
public final class SharedCluster extends SharedClusterExtension {

    public SharedCluster() {
        super(3, 24791, 24801);
    }

    public static EtcdCluster cluster() {
        return running(SharedCluster.class);
    }

    /** A configuration for a fresh, empty database on the shared cluster. */
    public static EtcdSledConfig.Builder freshConfig() {
        return EtcdSledConfig.builder().endpoints(cluster().endpoints()).namespace("test-" + UUID.randomUUID())
                .requestTimeout(Duration.ofSeconds(5));
    }

    public static EtcdSledDb openFresh() {
        return EtcdSled.open(freshConfig().build());
    }
}
