package dev.sled.etcd;

import dev.sled.etcd.internal.db.EtcdDb;
import java.util.Objects;

/**
 * Entry point of the etcd backend.
 *
 * <pre>{@code
 * try (EtcdSledDb db = EtcdSled.open(EtcdSledConfig.builder()
 *         .endpoints("http://10.0.0.1:2379", "http://10.0.0.2:2379", "http://10.0.0.3:2379")
 *         .namespace("orders-service")
 *         .build())) {
 *     SledTree orders = db.openTree("orders");
 *     orders.insert(Bytes.of("o-1"), Bytes.of("paid"));
 * }
 * }</pre>
 */
public final class EtcdSled {

    private EtcdSled() {
    }

    /**
     * Connects to the cluster and opens (creating if needed) the database stored under the configured
     * namespace. Several application instances opening the same namespace share one database.
     *
     * @throws EtcdUnavailableException when no member answers within the request timeout
     */
    public static EtcdSledDb open(EtcdSledConfig config) {
        return EtcdDb.open(Objects.requireNonNull(config, "config must not be null"));
    }
}
