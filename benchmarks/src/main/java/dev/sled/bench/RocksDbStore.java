package dev.sled.bench;

import java.nio.file.Path;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * RocksDB through rocksdbjni: default options, no compression (as in the peers' figures), a 512 MiB
 * LRU block cache. Writes go to the write-ahead log without fsync; durable writes use its sync write
 * option, which RocksDB batches across threads by itself (its group commit).
 */
final class RocksDbStore implements Store {

    static {
        RocksDB.loadLibrary();
    }

    private final LRUCache cache;
    private final Options options;
    private final WriteOptions syncWrites;
    private final RocksDB db;
    /** Values are read into a per-thread buffer, RocksDB's allocation-free get. */
    private final ThreadLocal<byte[]> valueBuffer = ThreadLocal.withInitial(() -> new byte[Data.VALUE_SIZE]);

    private RocksDbStore(Path dir) throws RocksDBException {
        cache = new LRUCache(StoreKind.CACHE_BYTES);
        options = new Options()
                .setCreateIfMissing(true)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
        syncWrites = new WriteOptions().setSync(true);
        db = RocksDB.open(options, dir.toString());
    }

    static Store open(Path dir) {
        try {
            return new RocksDbStore(dir);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open RocksDB at " + dir, e);
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        try {
            db.put(key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void putDurable(byte[] key, byte[] value) {
        try {
            db.put(syncWrites, key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int get(byte[] key) {
        try {
            int n = db.get(key, valueBuffer.get());
            return n == RocksDB.NOT_FOUND ? -1 : n;
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int scan(byte[] from, int count) {
        int bytes = 0;
        try (RocksIterator it = db.newIterator()) {
            it.seek(from);
            for (int i = 0; i < count && it.isValid(); i++, it.next()) {
                bytes += it.key().length + it.value().length;
            }
        }
        return bytes;
    }

    @Override
    public void sync() {
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        db.close();
        syncWrites.close();
        options.close();
        cache.close();
    }
}
