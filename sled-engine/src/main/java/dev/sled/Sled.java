package dev.sled;

import dev.sled.spi.SledProvider;
import java.nio.file.Path;
import java.util.Objects;
import java.util.ServiceLoader;

/** Entry point: opens embedded databases. */
public final class Sled {

    private Sled() {
    }

    /** Opens or creates the database at {@code path} with default settings. */
    public static SledDb open(Path path) {
        return SledConfig.builder().path(path).open();
    }

    /** Opens a database as {@code config} describes. */
    public static SledDb open(SledConfig config) {
        Objects.requireNonNull(config, "config must not be null");
        return Holder.EMBEDDED.open(config.copy());
    }

    private static final class Holder {
        static final SledProvider EMBEDDED = load();

        private static SledProvider load() {
            for (SledProvider p : ServiceLoader.load(SledProvider.class, Sled.class.getClassLoader())) {
                if (p.name().equals("embedded")) {
                    return p;
                }
            }
            throw new IllegalStateException("no embedded SledProvider found: is the sled-engine jar complete?");
        }
    }
}
