package dev.sled.spi;

import dev.sled.SledConfig;
import dev.sled.SledDb;

/** A storage backend behind the public API, found with {@link java.util.ServiceLoader}. */
public interface SledProvider {

    /** The backend's name, such as {@code embedded}. */
    String name();

    SledDb open(SledConfig config);
}
