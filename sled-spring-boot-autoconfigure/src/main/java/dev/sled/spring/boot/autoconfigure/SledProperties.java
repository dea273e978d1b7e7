package dev.sled.spring.boot.autoconfigure;

import dev.sled.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for sled, bound from {@code sled.*}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("sled")
public class SledProperties {

    /** Whether to auto-configure a sled database and everything built on it. */
    private boolean enabled = true;

    /**
     * Database directory, created if missing. Defaults to 'default.sled' in the working directory, or
     * to a new temporary directory when 'temporary' is set.
     */
    private @Nullable Path path;

    /** Whether to delete the database directory when the application context closes. */
    private boolean temporary;

    /** Memory budget for cached tree nodes (at least 64KB). Defaults to a quarter of the maximum heap. */
    private @Nullable DataSize cacheCapacity;

    /** Period of the background flush that makes writes durable. Zero turns background flushes off. */
    private Duration flushEvery = Duration.ofMillis(500);

    /** Storage trade-off: how eagerly segments are compacted. */
    private Mode mode = Mode.LOW_SPACE;

    /** Whether start-up must fail when a database already exists at the path. */
    private boolean createNew;

    /** Size of each segment file, a power of two from 4KB to 1GB. Fixed when the database is created. */
    private DataSize segmentSize = DataSize.ofMegabytes(8);

    /** Names of the trees to open at start-up, each registered as a SledTree bean qualified by its name. */
    private List<String> trees = new ArrayList<>();

    private final Compression compression = new Compression();

    private final Transaction transaction = new Transaction();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable Path getPath() {
        return this.path;
    }

    public void setPath(@Nullable Path path) {
        this.path = path;
    }

    public boolean isTemporary() {
        return this.temporary;
    }

    public void setTemporary(boolean temporary) {
        this.temporary = temporary;
    }

    public @Nullable DataSize getCacheCapacity() {
        return this.cacheCapacity;
    }

    public void setCacheCapacity(@Nullable DataSize cacheCapacity) {
        this.cacheCapacity = cacheCapacity;
    }

    public Duration getFlushEvery() {
        return this.flushEvery;
    }

    public void setFlushEvery(Duration flushEvery) {
        this.flushEvery = flushEvery;
    }

    public Mode getMode() {
        return this.mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public boolean isCreateNew() {
        return this.createNew;
    }

    public void setCreateNew(boolean createNew) {
        this.createNew = createNew;
    }

    public DataSize getSegmentSize() {
        return this.segmentSize;
    }

    public void setSegmentSize(DataSize segmentSize) {
        this.segmentSize = segmentSize;
    }

    public List<String> getTrees() {
        return this.trees;
    }

    public void setTrees(List<String> trees) {
        this.trees = trees;
    }

    public Compression getCompression() {
        return this.compression;
    }

    public Transaction getTransaction() {
        return this.transaction;
    }

    /** Node compression with zstd; fixed when the database is created. */
    public static class Compression {

        /** Whether to compress nodes with zstd (needs com.github.luben:zstd-jni on the class path). */
        private boolean enabled;

        /** zstd compression level, from 1 to 22. */
        private int level = 3;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getLevel() {
            return this.level;
        }

        public void setLevel(int level) {
            this.level = level;
        }
    }

    /** How @Transactional methods are retried when their commit conflicts. */
    public static class Transaction {

        /** Maximum number of times a conflicting @Transactional method runs, the first run included. 1 turns retry off. */
        private int maxAttempts = 10;

        private final Backoff backoff = new Backoff();

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Backoff getBackoff() {
            return this.backoff;
        }
    }

    /** Exponential backoff between attempts of a conflicting transaction. */
    public static class Backoff {

        /** Delay before the first retry. */
        private Duration initial = Duration.ofMillis(5);

        /** Factor applied to the delay after each retry; 1 keeps it fixed. */
        private double multiplier = 2.0;

        /** Upper bound of the delay. */
        private Duration max = Duration.ofMillis(500);

        /** Random amount added to or taken from each delay, so that conflicting callers drift apart. */
        private Duration jitter = Duration.ofMillis(5);

        public Duration getInitial() {
            return this.initial;
        }

        public void setInitial(Duration initial) {
            this.initial = initial;
        }

        public double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMax() {
            return this.max;
        }

        public void setMax(Duration max) {
            this.max = max;
        }

        public Duration getJitter() {
            return this.jitter;
        }

        public void setJitter(Duration jitter) {
            this.jitter = jitter;
        }
    }
}
