package dev.sled.bench;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The stores under test: sled and its peers, each opened with the same cache budget, a bare log that
 * measures the disk's ceiling for durable writes, and sled's etcd backend, whose "directory" is a
 * namespace of a running cluster.
 */
enum StoreKind {
    SLED("sled", dir -> SledStore.open(dir, false), Disk::deleteRecursively),
    LMDB("lmdb", LmdbStore::open, Disk::deleteRecursively),
    ROCKSDB("rocksdb", RocksDbStore::open, Disk::deleteRecursively),
    MVSTORE("mvstore", MvStoreStore::open, Disk::deleteRecursively),
    /** Not a store: the disk's ceiling for durable writes (see {@link LogStore}). */
    LOG("log", LogStore::open, Disk::deleteRecursively),
    ETCD("etcd", EtcdStore::open, EtcdStore::discard);

    /** The system property that sets every store's own cache, in MiB. */
    static final String CACHE_MB = "cache.mb";
    /**
     * Every store's own cache: 512 MiB as in the peers' published figures, or less to read a data set
     * larger than the cache (LMDB has no cache of its own: it reads through the OS page cache).
     */
    static final long CACHE_BYTES = Long.getLong(CACHE_MB, 512) << 20;

    private final String id;
    private final Function<Path, Store> opener;
    private final Consumer<Path> discarder;

    StoreKind(String id, Function<Path, Store> opener, Consumer<Path> discarder) {
        this.id = id;
        this.opener = opener;
        this.discarder = discarder;
    }

    /** Whether this is a key-value store rather than the bare log, which runs the durable workloads only. */
    boolean indexed() {
        return this != LOG;
    }

    /** Whether the store keeps its data in local files, whose size W7 measures. */
    boolean local() {
        return this != ETCD;
    }

    /** The name used on the command line and in the report. */
    String id() {
        return id;
    }

    /** Opens or creates the store in {@code dir}. */
    Store open(Path dir) {
        return opener.apply(dir);
    }

    /** Deletes the store in {@code dir}, if any. */
    void discard(Path dir) {
        discarder.accept(dir);
    }

    static StoreKind of(String id) {
        for (StoreKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown store '" + id + "'; known: sled, lmdb, rocksdb, mvstore, log, etcd");
    }
}
