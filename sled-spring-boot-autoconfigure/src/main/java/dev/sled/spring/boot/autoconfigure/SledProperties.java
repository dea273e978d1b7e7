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
     * Where the database lives: 'embedded' (files under 'sled.path') or 'etcd' (a replicated etcd cluster
     * set by 'sled.etcd.*', which needs dev.sled:sled-etcd on the class path).
     */
    private Backend backend = Backend.EMBEDDED;

    /**
     * Database directory, created if missing. Defaults to 'default.sled' in the working directory, or
     * to a new temporary directory when 'temporary' is set.
     */
    private @Nullable Path path;

    /** Whether to delete the database directory when the application context closes. */
    private boolean temporary;

    /** Memory budget for cached tree nodes (at least 256B). Defaults to a quarter of the maximum heap. */
    private @Nullable DataSize cacheCapacity;

    /** Period of the background flush that makes writes durable. Zero turns background flushes off. */
    private Duration flushEvery = Duration.ofMillis(500);

    /** Storage trade-off: how eagerly segments are compacted. */
    private Mode mode = Mode.LOW_SPACE;

    /** Whether start-up must fail when a database already exists at the path. */
    private boolean createNew;

    /**
     * Size of each segment file, a power of two from 256B to 1GB. Fixed when the database is created: a new
     * database gets 8MB when this is unset, and an existing one keeps its own size unless this names another.
     */
    private @Nullable DataSize segmentSize;

    /**
     * Whether a reopened database loads its stored nodes into the cache in the background, from the
     * first read that misses until the cache is nearly full.
     */
    private boolean warmCache = true;

    /** Names of the trees to open at start-up, each registered as a SledTree bean qualified by its name. */
    private List<String> trees = new ArrayList<>();

    private final Compression compression = new Compression();

    private final Transaction transaction = new Transaction();

    private final Etcd etcd = new Etcd();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isWarmCache() {
        return this.warmCache;
    }

    public void setWarmCache(boolean warmCache) {
        this.warmCache = warmCache;
    }

    public Backend getBackend() {
        return this.backend;
    }

    public void setBackend(Backend backend) {
        this.backend = backend;
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

    public @Nullable DataSize getSegmentSize() {
        return this.segmentSize;
    }

    public void setSegmentSize(@Nullable DataSize segmentSize) {
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

    public Etcd getEtcd() {
        return this.etcd;
    }

    /** Where the database lives. */
    public enum Backend {

        /** Files on the local disk, opened by this process alone. */
        EMBEDDED,

        /** A replicated etcd v3 cluster, shared by every instance that uses the same namespace. */
        ETCD
    }

    /** Node compression with zstd; fixed when the database is created. */
    public static class Compression {

        /**
         * Whether to compress nodes with zstd (needs com.github.luben:zstd-jni on the class path). Fixed when
         * the database is created: a new database is uncompressed when this is unset, and an existing one keeps
         * its setting unless this names the other.
         */
        private @Nullable Boolean enabled;

        /** zstd compression level, from 1 to 22. */
        private int level = 3;

        public @Nullable Boolean getEnabled() {
            return this.enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
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

    /**
     * The etcd backend, used when 'sled.backend' is 'etcd'. The defaults are those of the sled-etcd module
     * and of etcd's own server flags.
     */
    public static class Etcd {

        /** Client URLs of the members, all 'http://host:port' or all 'https://host:port'. Required. */
        private List<String> endpoints = new ArrayList<>();

        /** Key prefix of the database; instances with the same endpoints and namespace share one database. */
        private String namespace = "sled";

        /** Limit for one operation, its retries and any leader election included. */
        private Duration requestTimeout = Duration.ofSeconds(5);

        /** Limit for each member's answer to a status request (health checks). */
        private Duration connectTimeout = Duration.ofSeconds(2);

        /** How many times a conflicting SledTree.transaction(...) body runs before it gives up. */
        private int transactionMaxAttempts = 100;

        /** The servers' --max-txn-ops: most writes or compares in one etcd transaction. */
        private int maxTxnOps = 128;

        /** The servers' --max-request-bytes: largest request etcd accepts. */
        private DataSize maxRequestBytes = DataSize.ofKilobytes(1536);

        /** Entries an iterator fetches per round trip. */
        private int pageSize = 256;

        /** Events a subscriber buffers before it overflows. */
        private int subscriberBufferSize = 1024;

        /**
         * Whether plain reads may be answered by any member from its own state: faster and available
         * without quorum, but possibly stale. Transactions validate their reads at commit either way.
         */
        private boolean serializableReads;

        /** User name, for a cluster with authentication enabled. Needs 'password' as well. */
        private @Nullable String user;

        /** Password of 'user'. */
        private @Nullable String password;

        /** PEM file of the certificate authorities to trust for 'https' endpoints, instead of the JVM's. */
        private @Nullable Path trustCertificates;

        public List<String> getEndpoints() {
            return this.endpoints;
        }

        public void setEndpoints(List<String> endpoints) {
            this.endpoints = endpoints;
        }

        public String getNamespace() {
            return this.namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public Duration getRequestTimeout() {
            return this.requestTimeout;
        }

        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }

        public Duration getConnectTimeout() {
            return this.connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public int getTransactionMaxAttempts() {
            return this.transactionMaxAttempts;
        }

        public void setTransactionMaxAttempts(int transactionMaxAttempts) {
            this.transactionMaxAttempts = transactionMaxAttempts;
        }

        public int getMaxTxnOps() {
            return this.maxTxnOps;
        }

        public void setMaxTxnOps(int maxTxnOps) {
            this.maxTxnOps = maxTxnOps;
        }

        public DataSize getMaxRequestBytes() {
            return this.maxRequestBytes;
        }

        public void setMaxRequestBytes(DataSize maxRequestBytes) {
            this.maxRequestBytes = maxRequestBytes;
        }

        public int getPageSize() {
            return this.pageSize;
        }

        public void setPageSize(int pageSize) {
            this.pageSize = pageSize;
        }

        public int getSubscriberBufferSize() {
            return this.subscriberBufferSize;
        }

        public void setSubscriberBufferSize(int subscriberBufferSize) {
            this.subscriberBufferSize = subscriberBufferSize;
        }

        public boolean isSerializableReads() {
            return this.serializableReads;
        }

        public void setSerializableReads(boolean serializableReads) {
            this.serializableReads = serializableReads;
        }

        public @Nullable String getUser() {
            return this.user;
        }

        public void setUser(@Nullable String user) {
            this.user = user;
        }

        public @Nullable String getPassword() {
            return this.password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public @Nullable Path getTrustCertificates() {
            return this.trustCertificates;
        }

        public void setTrustCertificates(@Nullable Path trustCertificates) {
            this.trustCertificates = trustCertificates;
        }
    }
}
