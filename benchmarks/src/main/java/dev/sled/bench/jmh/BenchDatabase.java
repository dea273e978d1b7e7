package dev.sled.bench.jmh;

import dev.sled.SledConfig;
import dev.sled.SledDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the throwaway sled database of a JMH benchmark under {@code -Dbench.dir} (default: the temp
 * directory), with the same cache budget as every store in the workload runs. It is temporary, so
 * closing it deletes it.
 */
final class BenchDatabase {

    private BenchDatabase() {
    }

    static SledDb open(String purpose) {
        try {
            Path base = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(base);
            return SledConfig.builder()
                    .path(Files.createTempDirectory(base, purpose))
                    .cacheCapacity(512L << 20)
                    .temporary(true)
                    .open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
