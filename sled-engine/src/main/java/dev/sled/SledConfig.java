package dev.sled;

import dev.sled.spi.FileIo;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to open a database. Every setter validates at once and names the bad value in its exception.
 *
 * <pre>{@code
 * SledDb db = SledConfig.builder()
 *         .path(Path.of("data.sled"))
 *         .cacheCapacity(256L << 20)
 *         .flushEveryMs(200)
 *         .open();
 * }</pre>
 *
 * Stored parameters ({@code segmentSize}, compression) are fixed when a database is created. Reopening
 * adopts the stored values of those left unset; one set to another value fails with
 * {@link ConfigMismatchException}, as sled's {@code Unsupported}.
 */
public final class SledConfig {

    /**
     * The largest key, in bytes: large enough for the keys sled's own tests use (1 MiB and more), small
     * enough that the index and catalog, which hold node bounds in memory, stay bounded.
     */
    public static final int MAX_KEY_SIZE = 16 * 1024 * 1024;
    /** The largest value, in bytes. */
    public static final int MAX_VALUE_SIZE = 64 * 1024 * 1024;

    /** The path used when none is set. */
    public static final Path DEFAULT_PATH = Path.of("default.sled");

    private Path path = DEFAULT_PATH;
    private boolean temporary;
    private long cacheCapacity = -1;
    private long flushEveryMs = 500;
    private Mode mode = Mode.LOW_SPACE;
    private boolean createNew;
    private int segmentSize = 8 << 20;
    private boolean segmentSizeSet;
    private boolean compression;
    private boolean compressionSet;
    private boolean warmCache = true;
    private int compressionLevel = 3;
    private int nodeMaxEntries = 128;
    private int nodeMaxBytes = 32 * 1024;
    private int subscriberBufferSize = 1024;
    private int transactionMaxAttempts = 1000;
    private int idReservation = 1_000_000;
    private @Nullable FileIo fileIo;

    private SledConfig() {
    }

    public static SledConfig builder() {
        return new SledConfig();
    }

    /** A copy of this configuration. */
    public SledConfig copy() {
        SledConfig c = new SledConfig();
        c.path = path;
        c.temporary = temporary;
        c.cacheCapacity = cacheCapacity;
        c.flushEveryMs = flushEveryMs;
        c.mode = mode;
        c.createNew = createNew;
        c.segmentSize = segmentSize;
        c.segmentSizeSet = segmentSizeSet;
        c.compression = compression;
        c.compressionSet = compressionSet;
        c.warmCache = warmCache;
        c.compressionLevel = compressionLevel;
        c.nodeMaxEntries = nodeMaxEntries;
        c.nodeMaxBytes = nodeMaxBytes;
        c.subscriberBufferSize = subscriberBufferSize;
        c.transactionMaxAttempts = transactionMaxAttempts;
        c.idReservation = idReservation;
        c.fileIo = fileIo;
        return c;
    }

    /** Opens the database. */
    public SledDb open() {
        return Sled.open(this);
    }

    /** The database directory (created with its parents if missing). Default {@code default.sled}. */
    public SledConfig path(Path path) {
        this.path = Objects.requireNonNull(path, "path must not be null");
        return this;
    }

    /**
     * Whether to delete the directory on close. Default false. A temporary database whose path was left
     * at the default gets a fresh directory of its own under {@code java.io.tmpdir}, as in sled.
     */
    public SledConfig temporary(boolean temporary) {
        this.temporary = temporary;
        return this;
    }

    /**
     * The memory budget for tree nodes, in bytes (at least 256, as sled); colder nodes are evicted and
     * read back on demand. Default: a quarter of the maximum heap.
     */
    public SledConfig cacheCapacity(long bytes) {
        if (bytes < 256) {
            throw new IllegalArgumentException("cacheCapacity must be at least 256 bytes, was " + bytes);
        }
        this.cacheCapacity = bytes;
        return this;
    }

    /** The background flush period in milliseconds; 0 disables the flusher. Default 500. */
    public SledConfig flushEveryMs(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("flushEveryMs must be >= 0 (0 disables background flushes), was " + millis);
        }
        this.flushEveryMs = millis;
        return this;
    }

    public SledConfig mode(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode must not be null");
        return this;
    }

    /** Whether opening must fail if a database already exists at the path. Default false. */
    public SledConfig createNew(boolean createNew) {
        this.createNew = createNew;
        return this;
    }

    /**
     * The size of each segment file: a power of two from 256 bytes to 1 GiB. Default 8 MiB. Fixed when
     * the database is created. A frame larger than a segment gets a segment of its own, so small sizes
     * (which sled's tests use) make one file per node: keep them for tests and tiny databases.
     */
    public SledConfig segmentSize(int bytes) {
        if (bytes < 256 || bytes > (1 << 30) || Integer.bitCount(bytes) != 1) {
            throw new IllegalArgumentException("segmentSize must be a power of two between 256 and 1073741824, was " + bytes);
        }
        this.segmentSize = bytes;
        this.segmentSizeSet = true;
        return this;
    }

    /**
     * Whether to compress nodes with zstd (needs {@code com.github.luben:zstd-jni}). Default false.
     * Fixed when the database is created.
     */
    public SledConfig compression(boolean enabled) {
        this.compression = enabled;
        this.compressionSet = true;
        return this;
    }

    /**
     * Whether a reopened database loads its stored leaves into the cache in the background, in key
     * order, from the first read that misses on, until the cache is nearly full (never evicting). One
     * low-priority daemon thread. Default true; turn it off when many databases share a process.
     */
    public SledConfig warmCache(boolean enabled) {
        this.warmCache = enabled;
        return this;
    }

    /** The zstd level, 1 to 22. Default 3. */
    public SledConfig compressionLevel(int level) {
        if (level < 1 || level > 22) {
            throw new IllegalArgumentException("compressionLevel must be between 1 and 22, was " + level);
        }
        this.compressionLevel = level;
        return this;
    }

    /**
     * The most entries a leaf node holds before it splits (at least 4). Default 128. Tiny values make
     * splits and merges happen on nearly every write, which tests use.
     */
    public SledConfig nodeMaxEntries(int entries) {
        if (entries < 4 || entries > 65536) {
            throw new IllegalArgumentException("nodeMaxEntries must be between 4 and 65536, was " + entries);
        }
        this.nodeMaxEntries = entries;
        return this;
    }

    /** The most bytes a leaf node holds before it splits (at least 256). Default 32 KiB. */
    public SledConfig nodeMaxBytes(int bytes) {
        if (bytes < 256) {
            throw new IllegalArgumentException("nodeMaxBytes must be at least 256, was " + bytes);
        }
        this.nodeMaxBytes = bytes;
        return this;
    }

    /** How many events a subscriber buffers before it overflows. Default 1024. */
    public SledConfig subscriberBufferSize(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("subscriberBufferSize must be at least 1, was " + events);
        }
        this.subscriberBufferSize = events;
        return this;
    }

    /** How many times {@code transaction(...)} runs a conflicting body before giving up. Default 1000. */
    public SledConfig transactionMaxAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("transactionMaxAttempts must be at least 1, was " + attempts);
        }
        this.transactionMaxAttempts = attempts;
        return this;
    }

    /** How many IDs {@link SledDb#generateId()} reserves durably at a time. Default 1,000,000. */
    public SledConfig idReservation(int ids) {
        if (ids < 1) {
            throw new IllegalArgumentException("idReservation must be at least 1, was " + ids);
        }
        this.idReservation = ids;
        return this;
    }

    /** The file layer (for fault-injection tests or encryption wrappers). Default: the real file system. */
    public SledConfig fileIo(FileIo fileIo) {
        this.fileIo = Objects.requireNonNull(fileIo, "fileIo must not be null");
        return this;
    }

    public Path path() {
        return path;
    }

    public boolean temporary() {
        return temporary;
    }

    /** The effective cache capacity in bytes. */
    public long cacheCapacity() {
        return cacheCapacity > 0 ? cacheCapacity : Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4);
    }

    public long flushEveryMs() {
        return flushEveryMs;
    }

    public Mode mode() {
        return mode;
    }

    public boolean createNew() {
        return createNew;
    }

    public int segmentSize() {
        return segmentSize;
    }

    /** Whether {@link #segmentSize(int)} was called: only then must an existing database have that size. */
    public boolean segmentSizeSet() {
        return segmentSizeSet;
    }

    public boolean compression() {
        return compression;
    }

    /** Whether {@link #compression(boolean)} was called: only then must an existing database match it. */
    public boolean compressionSet() {
        return compressionSet;
    }

    public int compressionLevel() {
        return compressionLevel;
    }

    public boolean warmCache() {
        return warmCache;
    }

    public int nodeMaxEntries() {
        return nodeMaxEntries;
    }

    public int nodeMaxBytes() {
        return nodeMaxBytes;
    }

    public int subscriberBufferSize() {
        return subscriberBufferSize;
    }

    public int transactionMaxAttempts() {
        return transactionMaxAttempts;
    }

    public int idReservation() {
        return idReservation;
    }

    /** The file layer, or null for the real file system. */
    public @Nullable FileIo fileIo() {
        return fileIo;
    }

    @Override
    public String toString() {
        return "SledConfig[path=" + path + ", temporary=" + temporary + ", cacheCapacity=" + cacheCapacity()
                + ", flushEveryMs=" + flushEveryMs + ", mode=" + mode + ", createNew=" + createNew
                + ", segmentSize=" + segmentSize + ", compression=" + compression + "/" + compressionLevel
                + ", warmCache=" + warmCache + "]";
    }
}
