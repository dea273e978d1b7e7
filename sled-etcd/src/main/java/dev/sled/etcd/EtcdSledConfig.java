package dev.sled.etcd;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach the cluster and how to use it. Build with {@link #builder()}; every setter validates at once.
 * The defaults match etcd's own defaults; raise {@code maxTxnOps} and {@code maxRequestBytes} only
 * together with the server flags {@code --max-txn-ops} and {@code --max-request-bytes}.
 */
public final class EtcdSledConfig {

    /** etcd's default {@code --max-txn-ops}. */
    public static final int DEFAULT_MAX_TXN_OPS = 128;
    /** etcd's default {@code --max-request-bytes}: 1.5 MiB. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1536 * 1024;

    private final List<String> endpoints;
    private final String namespace;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final int transactionMaxAttempts;
    private final int maxTxnOps;
    private final int maxRequestBytes;
    private final int pageSize;
    private final int subscriberBufferSize;
    private final boolean serializableReads;
    private final @Nullable String user;
    private final @Nullable String password;
    private final @Nullable Path trustCertificates;

    private EtcdSledConfig(Builder b) {
        this.endpoints = List.copyOf(b.endpoints);
        this.namespace = b.namespace;
        this.requestTimeout = b.requestTimeout;
        this.connectTimeout = b.connectTimeout;
        this.transactionMaxAttempts = b.transactionMaxAttempts;
        this.maxTxnOps = b.maxTxnOps;
        this.maxRequestBytes = b.maxRequestBytes;
        this.pageSize = b.pageSize;
        this.subscriberBufferSize = b.subscriberBufferSize;
        this.serializableReads = b.serializableReads;
        this.user = b.user;
        this.password = b.password;
        this.trustCertificates = b.trustCertificates;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The client endpoints, such as {@code http://127.0.0.1:2379}. */
    public List<String> endpoints() {
        return endpoints;
    }

    /** The key prefix under which this database lives; databases with different namespaces are independent. */
    public String namespace() {
        return namespace;
    }

    /** The namespace as key bytes. */
    public byte[] namespaceBytes() {
        return namespace.getBytes(StandardCharsets.UTF_8);
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public int transactionMaxAttempts() {
        return transactionMaxAttempts;
    }

    public int maxTxnOps() {
        return maxTxnOps;
    }

    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    public int pageSize() {
        return pageSize;
    }

    public int subscriberBufferSize() {
        return subscriberBufferSize;
    }

    public boolean serializableReads() {
        return serializableReads;
    }

    public @Nullable String user() {
        return user;
    }

    public @Nullable String password() {
        return password;
    }

    /** PEM file of the CAs that sign the members' certificates; set for {@code https} endpoints. */
    public @Nullable Path trustCertificates() {
        return trustCertificates;
    }

    /** Whether the endpoints use TLS. */
    public boolean tls() {
        return endpoints.get(0).startsWith("https:");
    }

    @Override
    public String toString() {
        return "EtcdSledConfig[endpoints=" + endpoints + ", namespace=" + namespace + ", requestTimeout="
                + requestTimeout + ", connectTimeout=" + connectTimeout + ", maxTxnOps=" + maxTxnOps
                + ", maxRequestBytes=" + maxRequestBytes + ", serializableReads=" + serializableReads
                + ", user=" + user + "]";
    }

    /** Builds an {@link EtcdSledConfig}. */
    public static final class Builder {
        private List<String> endpoints = List.of("http://127.0.0.1:2379");
        private String namespace = "sled";
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private int transactionMaxAttempts = 100;
        private int maxTxnOps = DEFAULT_MAX_TXN_OPS;
        private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private int pageSize = 256;
        private int subscriberBufferSize = 1024;
        private boolean serializableReads;
        private @Nullable String user;
        private @Nullable String password;
        private @Nullable Path trustCertificates;

        private Builder() {
        }

        /** Client URLs of the members ({@code http://host:port} or {@code https://host:port}). */
        public Builder endpoints(String... endpoints) {
            return endpoints(List.of(endpoints));
        }

        public Builder endpoints(List<String> endpoints) {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("at least one endpoint is required");
            }
            String scheme = null;
            for (String e : endpoints) {
                URI uri = URI.create(Objects.requireNonNull(e, "endpoint must not be null"));
                if (uri.getHost() == null || uri.getPort() < 0
                        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    throw new IllegalArgumentException("endpoint must look like http://host:port or https://host:port, was " + e);
                }
                if (scheme != null && !scheme.equals(uri.getScheme())) {
                    throw new IllegalArgumentException("endpoints must all use http or all use https, were " + endpoints);
                }
                scheme = uri.getScheme();
            }
            this.endpoints = List.copyOf(endpoints);
            return this;
        }

        /** The key prefix of this database (non-empty, no NUL byte). Default {@code sled}. */
        public Builder namespace(String namespace) {
            if (namespace.isEmpty() || namespace.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("namespace must be non-empty and free of NUL bytes, was \"" + namespace + "\"");
            }
            this.namespace = namespace;
            return this;
        }

        /**
         * How long one operation may take, retries of reads and leader elections included. Default 5 s;
         * etcd elects a new leader within about 1-2 s at its default settings.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** How long to wait for one member's status in {@link EtcdSledDb#clusterStatus()}. Default 2 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How many times {@code transaction(...)} runs a conflicting body before giving up. Default 100. */
        public Builder transactionMaxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("transactionMaxAttempts must be at least 1, was " + attempts);
            }
            this.transactionMaxAttempts = attempts;
            return this;
        }

        /** The server's {@code --max-txn-ops}. Default 128. */
        public Builder maxTxnOps(int ops) {
            if (ops < 8) {
                throw new IllegalArgumentException("maxTxnOps must be at least 8, was " + ops);
            }
            this.maxTxnOps = ops;
            return this;
        }

        /** The server's {@code --max-request-bytes}. Default 1.5 MiB; etcd advises at most 10 MiB. */
        public Builder maxRequestBytes(int bytes) {
            if (bytes < 4096) {
                throw new IllegalArgumentException("maxRequestBytes must be at least 4096, was " + bytes);
            }
            this.maxRequestBytes = bytes;
            return this;
        }

        /** How many entries an iterator fetches per round trip. Default 256. */
        public Builder pageSize(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1, was " + entries);
            }
            this.pageSize = entries;
            return this;
        }

        /** How many events a subscriber buffers before it overflows. Default 1024. */
        public Builder subscriberBufferSize(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("subscriberBufferSize must be at least 1, was " + events);
            }
            this.subscriberBufferSize = events;
            return this;
        }

        /**
         * Whether plain reads may be served by any member from its local state (etcd's serializable reads):
         * faster, and available without quorum, but possibly stale. Default false: reads are linearizable.
         * Transactions always validate what they read at commit, whatever this setting.
         */
        public Builder serializableReads(boolean serializable) {
            this.serializableReads = serializable;
            return this;
        }

        /** Credentials for a cluster with authentication enabled. */
        public Builder credentials(String user, String password) {
            this.user = Objects.requireNonNull(user, "user must not be null");
            this.password = Objects.requireNonNull(password, "password must not be null");
            return this;
        }

        /** The PEM file of the certificate authorities to trust for {@code https} endpoints. */
        public Builder trustCertificates(Path pemFile) {
            this.trustCertificates = Objects.requireNonNull(pemFile, "pemFile must not be null");
            return this;
        }

        public EtcdSledConfig build() {
            return new EtcdSledConfig(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
