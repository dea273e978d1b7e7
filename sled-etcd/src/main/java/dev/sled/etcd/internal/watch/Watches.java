package dev.sled.etcd.internal.watch;

import dev.sled.Bytes;
import dev.sled.StorageException;
import dev.sled.etcd.EtcdSledConfig;
import dev.sled.etcd.EtcdSubscriber;
import dev.sled.etcd.internal.db.EtcdTree;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.Watch;
import io.grpc.netty.GrpcSslContexts;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The database's subscribers and the jetcd client that feeds them. jetcd's watch reconnects to another
 * member and resumes from the last delivered revision by itself; the client is created on the first
 * subscription so that databases without subscribers do not start its Vert.x threads.
 */
public final class Watches implements AutoCloseable {

    private final EtcdSledConfig config;
    private final Set<PrefixSubscriber> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sled-etcd-watch-restart");
        t.setDaemon(true);
        return t;
    });
    private @Nullable Client client;

    public Watches(EtcdSledConfig config) {
        this.config = config;
    }

    public EtcdSubscriber subscribe(EtcdTree tree, Bytes prefix, long fromRevision) {
        PrefixSubscriber s = new PrefixSubscriber(this, tree, prefix, config.subscriberBufferSize(), fromRevision);
        open.add(s);
        s.start(fromRevision);
        return s;
    }

    /** The number of open subscribers. */
    public int open() {
        return open.size();
    }

    void closed(PrefixSubscriber s) {
        open.remove(s);
    }

    /** Runs a watch restart outside jetcd's callback, which holds jetcd's watch lock. */
    void restartLater(Runnable restart) {
        restarts.execute(restart);
    }

    synchronized Watch watchClient() {
        if (client == null) {
            ClientBuilder b = Client.builder().endpoints(config.endpoints().toArray(String[]::new));
            if (config.user() != null) {
                b.user(ByteSequence.from(config.user(), StandardCharsets.UTF_8))
                        .password(ByteSequence.from(config.password(), StandardCharsets.UTF_8));
            }
            if (config.tls()) {
                try {
                    b.sslContext(config.trustCertificates() == null ? GrpcSslContexts.forClient().build()
                            : GrpcSslContexts.forClient().trustManager(config.trustCertificates().toFile()).build());
                } catch (SSLException e) {
                    throw new StorageException("cannot set up TLS for etcd " + config.endpoints(), e);
                }
            }
            client = b.build();
        }
        return client.getWatchClient();
    }

    @Override
    public void close() {
        open.forEach(PrefixSubscriber::close);
        restarts.shutdownNow();
        synchronized (this) {
            if (client != null) {
                client.close();
            }
        }
    }
}
