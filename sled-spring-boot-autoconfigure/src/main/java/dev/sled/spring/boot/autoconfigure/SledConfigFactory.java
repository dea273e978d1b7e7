package dev.sled.spring.boot.autoconfigure;

import dev.sled.SledConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Turns {@link SledProperties} into a {@link SledConfig}. The engine validates every value; a rejection is
 * reported against the property it came from. The parameters fixed when a database is created (segment
 * size, compression) are passed on only when set, so that an existing database is opened with its own
 * and only a property that contradicts them fails start-up.
 */
final class SledConfigFactory {

    private SledConfigFactory() {
    }

    static SledConfig create(SledProperties properties, Stream<SledConfigCustomizer> customizers) {
        SledConfig config = SledConfig.builder();
        Path path = properties.getPath();
        if (path == null && properties.isTemporary()) {
            path = createTemporaryDirectory();
        }
        if (path != null) {
            checkDirectory(path);
            config.path(path);
        }
        config.temporary(properties.isTemporary());
        config.mode(properties.getMode());
        config.createNew(properties.isCreateNew());
        config.warmCache(properties.isWarmCache());
        InvalidSledPropertyException.apply("sled.cache-capacity", properties.getCacheCapacity(),
                (size) -> config.cacheCapacity(size.toBytes()));
        InvalidSledPropertyException.apply("sled.flush-every", properties.getFlushEvery(),
                (period) -> config.flushEveryMs(period.toMillis()));
        InvalidSledPropertyException.apply("sled.segment-size", properties.getSegmentSize(),
                (size) -> config.segmentSize(saturatedInt(size.toBytes())));
        InvalidSledPropertyException.apply("sled.compression.enabled", properties.getCompression().getEnabled(),
                config::compression);
        InvalidSledPropertyException.apply("sled.compression.level", properties.getCompression().getLevel(),
                config::compressionLevel);
        customizers.forEach((customizer) -> customizer.customize(config));
        return config;
    }

    /**
     * Rejects a path that is, or lies under, a regular file before the engine tries to create it, so that
     * the failure names the property rather than an I/O error.
     */
    private static void checkDirectory(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new InvalidSledPropertyException("sled.path", path, existing + " is a file, not a directory");
        }
    }

    /** Values beyond int range are clamped so that the engine's range check reports them. */
    static int saturatedInt(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static Path createTemporaryDirectory() {
        try {
            return Files.createTempDirectory("sled-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not create a temporary directory for sled.temporary=true", ex);
        }
    }
}
