package dev.sled.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * H2's MVStore: one map of byte arrays in unsigned order, a 512 MiB cache, default auto-commit. A sync
 * commits the current version and fsyncs the file.
 */
final class MvStoreStore implements Store {

    private final MVStore store;
    private final MVMap<byte[], byte[]> map;

    private MvStoreStore(MVStore store) {
        this.store = store;
        this.map = store.openMap("data", new MVMap.Builder<byte[], byte[]>()
                .keyType(ByteArrayDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    static Store open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MvStoreStore(new MVStore.Builder()
                .fileName(dir.resolve("data.mv.db").toString())
                .cacheSize((int) (StoreKind.CACHE_BYTES >> 20))
                .open());
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key, value);
    }

    @Override
    public int get(byte[] key) {
        byte[] v = map.get(key);
        return v == null ? -1 : v.length;
    }

    @Override
    public int scan(byte[] from, int count) {
        int bytes = 0;
        Cursor<byte[], byte[]> c = map.cursor(from);
        for (int i = 0; i < count && c.hasNext(); i++) {
            bytes += c.next().length + c.getValue().length;
        }
        return bytes;
    }

    @Override
    public void sync() {
        store.commit();
        store.sync();
    }

    @Override
    public void close() {
        store.close();
    }
}
