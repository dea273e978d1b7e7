package dev.sled.internal.engine;

import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.spi.SledProvider;

/** The embedded, file-backed backend. */
public final class EmbeddedProvider implements SledProvider {

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public SledDb open(SledConfig config) {
        return EmbeddedDb.open(config);
    }
}
