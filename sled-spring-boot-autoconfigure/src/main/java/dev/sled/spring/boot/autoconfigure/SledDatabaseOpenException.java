package dev.sled.spring.boot.autoconfigure;

import dev.sled.SledException;
import java.nio.file.Path;

/**
 * The engine refused to open the auto-configured database (an existing database with
 * {@code sled.create-new}, zstd missing, a segment size or compression other than the stored one, damaged or foreign files, an unwritable directory). Thrown
 * instead of the engine's exception, which is its cause, so that the failure analysis applies to opening
 * alone and not to every {@link SledException} an application's start-up code may throw.
 */
class SledDatabaseOpenException extends RuntimeException {

    SledDatabaseOpenException(Path path, SledException cause) {
        super("The sled database at " + path + " could not be opened: " + cause.getMessage(), cause);
    }
}
