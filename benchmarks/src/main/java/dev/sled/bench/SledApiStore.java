package dev.sled.bench;

import dev.sled.Bytes;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.SledDb;
import dev.sled.SledIterator;

/**
 * A store driven through sled's public API, whatever the backend behind the {@link SledDb}: the
 * embedded engine and the etcd backend run the workloads through exactly the same calls.
 */
abstract class SledApiStore implements Store {

    protected final SledDb db;

    SledApiStore(SledDb db) {
        this.db = db;
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
    public void close() {
        db.close();
    }
}
