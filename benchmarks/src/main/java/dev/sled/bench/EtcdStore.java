package dev.sled.bench;

import dev.sled.Bytes;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.SledIterator;
import dev.sled.etcd.EtcdSled;
import dev.sled.etcd.EtcdSledConfig;
import dev.sled.etcd.EtcdSledDb;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * sled's etcd backend through the same public API as {@link SledStore}. A "directory" names a namespace of
 * the cluster at {@code -Detcd.endpoints} (default: the local cluster of {@code etcd-cluster.sh start}).
 */
final class EtcdStore implements Store {

    static final String DEFAULT_ENDPOINTS = "http://127.0.0.1:23791,http://127.0.0.1:23792,http://127.0.0.1:23793";

    private final EtcdSledDb db;

    private EtcdStore(EtcdSledDb db) {
        this.db = db;
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

    @Override
    public void put(byte[] key, byte[] value) {
        db.insert(Bytes.wrap(key), Bytes.wrap(value));
    }

    @Override
    public int get(byte[] key) {
        Bytes v = db.get(Bytes.wrap(key));
        return v == null ? -1 : v.length();
    }

    @Override
    public int scan(byte[] from, int count) {
        int bytes = 0;
        try (SledIterator it = db.range(KeyRange.atLeast(Bytes.wrap(from)))) {
            for (int i = 0; i < count && it.hasNext(); i++) {
                KeyValue kv = it.next();
                bytes += kv.key().length() + kv.value().length();
            }
        }
        return bytes;
    }

    /** Nothing to do: etcd acknowledges a write once a majority of members has it on disk. */
    @Override
    public void sync() {
    }

    @Override
    public void close() {
        db.close();
    }
}
