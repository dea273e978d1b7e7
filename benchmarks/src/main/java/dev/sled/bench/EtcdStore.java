package dev.sled.bench;

import dev.sled.etcd.EtcdSled;
import dev.sled.etcd.EtcdSledConfig;
import dev.sled.etcd.EtcdSledDb;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * sled's etcd backend through the same public API as {@link SledStore}. A "directory" names a namespace of
 * the cluster at {@code -Detcd.endpoints} (default: the local cluster of {@code etcd-cluster.sh start}).
 */
final class EtcdStore extends SledApiStore {

    static final String DEFAULT_ENDPOINTS = "http://127.0.0.1:23791,http://127.0.0.1:23792,http://127.0.0.1:23793";

    private EtcdStore(EtcdSledDb db) {
        super(db);
    }

    static EtcdStore open(Path dir) {
        String endpoints = System.getProperty("etcd.endpoints", DEFAULT_ENDPOINTS);
        return new EtcdStore(EtcdSled.open(EtcdSledConfig.builder()
                .endpoints(Arrays.asList(endpoints.split(",")))
                .namespace("sled-bench/" + dir.getFileName())
                .build()));
    }

    /** Empties the namespace of {@code dir}, as deleting a directory empties a local store. */
    static void discard(Path dir) {
        try (EtcdStore s = open(dir)) {
            s.db.clear();
        }
    }

    /** Nothing to do: etcd acknowledges a write once a majority of members has it on disk. */
    @Override
    public void sync() {
    }
}
