package dev.sled.etcd.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts one cluster per subclass for every test class that uses it and stops it
 * when the test run ends. Subclasses pick the size and the ports, so that the modules whose tests need a
 * cluster never share ports.
 */
public abstract class SharedClusterExtension implements BeforeAllCallback {

    private static final Map<Class<?>, EtcdCluster> RUNNING = new ConcurrentHashMap<>();

    private final int size;
    private final int clientBase;
    private final int peerBase;

    protected SharedClusterExtension(int size, int clientBase, int peerBase) {
        this.size = size;
        this.clientBase = clientBase;
        this.peerBase = peerBase;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        EtcdBinary.require();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(getClass(), k -> new Running(getClass(), start()), Running.class);
    }

    private EtcdCluster start() {
        EtcdCluster cluster;
        try {
            cluster = new EtcdCluster(size, Files.createTempDirectory("sled-etcd-shared"), clientBase, peerBase, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cluster.start();
        return cluster;
    }

    /** The cluster started by the extension {@code type}; null before a test class using it has started. */
    protected static EtcdCluster running(Class<? extends SharedClusterExtension> type) {
        return RUNNING.get(type);
    }

    /** The cluster's lifetime as a store value: JUnit closes it when the root context ends. */
    private static final class Running implements AutoCloseable {
        private final Class<?> type;

        Running(Class<?> type, EtcdCluster cluster) {
            this.type = type;
            RUNNING.put(type, cluster);
        }

        @Override
        public void close() {
            RUNNING.remove(type).close();
        }
    }
}
