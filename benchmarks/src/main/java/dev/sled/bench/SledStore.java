package dev.sled.bench;

import dev.sled.SledConfig;
import dev.sled.SledDb;
import java.nio.file.Path;

/** sled, through its public API with default settings apart from the shared cache budget. */
final class SledStore extends SledApiStore {

    private SledStore(SledDb db) {
        super(db);
    }

    static SledStore open(Path dir, boolean compression) {
        return new SledStore(SledConfig.builder()
                .path(dir)
                .cacheCapacity(StoreKind.CACHE_BYTES)
                .compression(compression)
                .open());
    }

    @Override
    public void sync() {
        db.flush();
    }
}
