package dev.sled.spring.boot.health;

import dev.sled.SledDb;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.ClassUtils;

/**
 * What {@link SledHealthIndicator} checks beyond the counters that every backend keeps: the embedded
 * engine's files or the etcd cluster.
 */
interface BackendHealth {

    /** Details that identify the database; called on a closed database too. */
    void describe(Health.Builder builder);

    /** Adds the backend's state and returns why it cannot serve writes, or null when it can. */
    @Nullable String check(Health.Builder builder);

    static BackendHealth of(SledDb db) {
        // EtcdClusterHealth refers to sled-etcd's types: it is loaded only when they are there.
        if (ClassUtils.isPresent("dev.sled.etcd.EtcdSledDb", BackendHealth.class.getClassLoader())) {
            BackendHealth etcd = EtcdClusterHealth.of(db);
            if (etcd != null) {
                return etcd;
            }
        }
        return new EmbeddedHealth(db);
    }
}
