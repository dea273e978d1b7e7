package dev.sled.bench;

import dev.sled.Bytes;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.SledIterator;
import java.nio.file.Path;

/** sled, through its public API with default settings apart from the shared cache budget. */
final class SledStore implements Store {

    private final SledDb db;

    private SledStore(SledDb db) {
        this.db = db;
    }

    static SledStore open(Path dir, boolean compression) {
        return new SledStore(SledConfig.builder()
                .path(dir)
                .cacheCapacity(StoreKind.CACHE_BYTES)
                .compression(compression)
                .open());
    }

    /** The database itself, for sled-only measurements. */
    SledDb db() {
        return db;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        // wrap, not copy: the workload never reuses these arrays (see Store).
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

    @Override
    public void sync() {
        db.flush();
    }

    @Override
    public void close() {
        db.close();
    }
}
