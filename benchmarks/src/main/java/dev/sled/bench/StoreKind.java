package dev.sled.bench;

import java.nio.file.Path;
import java.util.function.Function;

/** The stores under test: sled and its peers, each opened with the same cache budget. */
enum StoreKind {
    SLED("sled", dir -> SledStore.open(dir, false)),
    LMDB("lmdb", LmdbStore::open),
    ROCKSDB("rocksdb", RocksDbStore::open),
    MVSTORE("mvstore", MvStoreStore::open);

    /** Every store's own cache, as in the peers' published figures. */
    static final long CACHE_BYTES = 512L << 20;

    private final String id;
    private final Function<Path, Store> opener;

    StoreKind(String id, Function<Path, Store> opener) {
        this.id = id;
        this.opener = opener;
    }

    /** The name used on the command line and in the report. */
    String id() {
        return id;
    }

    /** Opens or creates the store in {@code dir}. */
    Store open(Path dir) {
        return opener.apply(dir);
    }

    static StoreKind of(String id) {
        for (StoreKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown store '" + id + "'; known: sled, lmdb, rocksdb, mvstore");
    }
}
