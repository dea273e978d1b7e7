package dev.sled.etcd.internal.kv;

import dev.sled.SledException;
import dev.sled.StorageException;
import dev.sled.etcd.ClusterStatus;
import dev.sled.etcd.EtcdSledConfig;
import dev.sled.etcd.RequestTooLargeException;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The key-value channel to the cluster, on etcd's generated gRPC stubs rather than jetcd's {@code KV}:
 * range compares ({@code Compare.range_end}) and nested transactions are not expressible in jetcd.
 *
 * <p>One channel balances round-robin over every endpoint and skips members that are down, so the client
 * fails over by itself. Every call carries etcd's {@code hasleader} header: a member without a leader then
 * refuses at once ({@code no leader}) instead of holding the request until its 7 s proposal timeout, and
 * such a refusal is always safe to retry. Retries run within the request timeout: reads retry every
 * transient failure; writes retry only refusals that prove they were not applied.
 */
public final class EtcdConnection implements AutoCloseable {

    private static final Metadata.Key<String> HAS_LEADER = Metadata.Key.of("hasleader", Metadata.ASCII_STRING_MARSHALLER);
    private static final long MAX_BACKOFF_MILLIS = 250;

    private final EtcdSledConfig config;
    private final ManagedChannel channel;
    private final @Nullable TokenCredentials credentials;
    private final KVGrpc.KVBlockingStub kv;
    private final KVGrpc.KVBlockingStub kvWithoutLeader;
    private final ErrorMapper errors;
    private final long timeoutMillis;

    public EtcdConnection(EtcdSledConfig config) {
        this.config = config;
        this.timeoutMillis = config.requestTimeout().toMillis();
        this.channel = channel(config, targetOf(config.endpoints()), "round_robin");
        this.credentials = config.user() == null ? null
                : new TokenCredentials(channel, config.user(), config.password(), timeoutMillis);
        this.kvWithoutLeader = withCredentials(KVGrpc.newBlockingStub(channel)).withWaitForReady();
        this.kv = kvWithoutLeader.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(hasLeaderHeader()));
        this.errors = new ErrorMapper(config.endpoints(), timeoutMillis, config.maxTxnOps(), config.maxRequestBytes());
    }

    public EtcdSledConfig config() {
        return config;
    }

    /**
     * A read; retried on every transient failure within the request timeout. A serializable read is sent
     * without the {@code hasleader} header: any member may serve it from its own state, also without quorum.
     */
    public RangeResponse range(RangeRequest request, String operation) {
        return call(request.getSerializable() ? kvWithoutLeader : kv, operation, false, true, stub -> stub.range(request));
    }

    /**
     * A transaction, checked against the configured limits first.
     *
     * @param idempotent whether applying it twice has the effect of applying it once (then every transient
     *     failure is retried; otherwise only refusals that prove it was not applied)
     */
    public TxnResponse txn(TxnRequest request, String operation, boolean idempotent) {
        checkLimits(request, operation);
        boolean write = request.getSuccessCount() + request.getFailureCount() > 0;
        return call(kv, operation, write, idempotent, stub -> stub.txn(request));
    }

    /** A put whose only purpose is a fresh revision; repeating it is harmless. */
    public long putForRevision(PutRequest request, String operation) {
        return call(kv, operation, true, true, stub -> stub.put(request)).getHeader().getRevision();
    }

    /** Discards the history before {@code revision} (an operator's and a test's tool). */
    public void compact(long revision) {
        call(kv, "compact", true, true, stub -> stub.compact(
                CompactionRequest.newBuilder().setRevision(revision).setPhysical(true).build()));
    }

    /** Asks each endpoint separately for its status, each within the connect timeout. */
    public ClusterStatus clusterStatus() {
        List<ClusterStatus.Member> members = new ArrayList<>();
        long leader = 0;
        for (String endpoint : config.endpoints()) {
            ManagedChannel one = channel(config, targetOf(List.of(endpoint)), "pick_first");
            try {
                StatusResponse s = withCredentials(MaintenanceGrpc.newBlockingStub(one))
                        .withDeadlineAfter(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .status(StatusRequest.getDefaultInstance());
                members.add(new ClusterStatus.Member(endpoint, true, s.getHeader().getMemberId(), s.getLeader(),
                        s.getDbSize(), s.getVersion(), null));
                leader = leader != 0 ? leader : s.getLeader();
            } catch (StatusRuntimeException e) {
                members.add(new ClusterStatus.Member(endpoint, false, 0, 0, 0, "", e.getStatus().toString()));
            } finally {
                one.shutdownNow();
            }
        }
        return new ClusterStatus(members, leader);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <R> R call(KVGrpc.KVBlockingStub stub, String operation, boolean write, boolean idempotent,
            Function<KVGrpc.KVBlockingStub, R> rpc) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long backoff = 10;
        boolean reauthenticated = false;
        while (true) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                return rpc.apply(stub.withDeadlineAfter(Math.max(1, remaining), TimeUnit.MILLISECONDS));
            } catch (StatusRuntimeException e) {
                if (credentials != null && !reauthenticated && e.getStatus().getCode() == Status.Code.UNAUTHENTICATED) {
                    credentials.invalidate();
                    reauthenticated = true;
                    continue;
                }
                boolean retry = ErrorMapper.notApplied(e) || (idempotent && ErrorMapper.transientFailure(e));
                if (!retry || TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) <= backoff) {
                    throw errors.translate(e, operation, write);
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void checkLimits(TxnRequest request, String operation) {
        int compares = request.getCompareCount();
        int ops = Math.max(opCount(request.getSuccessList()), opCount(request.getFailureList()));
        int largest = Math.max(compares, ops);
        if (largest > config.maxTxnOps()) {
            throw new RequestTooLargeException(RequestTooLargeException.Limit.TXN_OPERATIONS, largest, config.maxTxnOps(),
                    operation + " needs " + ops + " writes and " + compares + " compares in one etcd transaction, over"
                            + " the limit of " + config.maxTxnOps() + " per list; it is not split because that would"
                            + " lose atomicity. Make it smaller, or raise the server's --max-txn-ops and"
                            + " EtcdSledConfig.maxTxnOps together; nothing was written");
        }
        int bytes = request.getSerializedSize();
        if (bytes > config.maxRequestBytes()) {
            throw new RequestTooLargeException(RequestTooLargeException.Limit.REQUEST_BYTES, bytes, config.maxRequestBytes(),
                    operation + " is " + bytes + " bytes, over etcd's request limit of " + config.maxRequestBytes()
                            + " bytes. Store smaller values, or raise the server's --max-request-bytes (etcd advises"
                            + " at most 10 MiB) and EtcdSledConfig.maxRequestBytes together; nothing was written");
        }
    }

    /** Operations in a list, counting those of nested transactions as etcd does. */
    private static int opCount(List<RequestOp> ops) {
        int n = 0;
        for (RequestOp op : ops) {
            n += op.hasRequestTxn()
                    ? Math.max(opCount(op.getRequestTxn().getSuccessList()), opCount(op.getRequestTxn().getFailureList()))
                    : 1;
        }
        return n;
    }

    private <S extends io.grpc.stub.AbstractStub<S>> S withCredentials(S stub) {
        return credentials == null ? stub : stub.withCallCredentials(credentials);
    }

    private static Metadata hasLeaderHeader() {
        Metadata m = new Metadata();
        m.put(HAS_LEADER, "true");
        return m;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SledException("interrupted while waiting to retry an etcd request");
        }
    }

    /** jetcd's {@code ip} name resolver turns this into one address per endpoint. */
    static String targetOf(List<String> endpoints) {
        return "ip:///" + endpoints.stream().map(URI::create).map(u -> u.getHost() + ":" + u.getPort())
                .collect(Collectors.joining(","));
    }

    private static ManagedChannel channel(EtcdSledConfig config, String target, String balancing) {
        NettyChannelBuilder b = NettyChannelBuilder.forTarget(target).defaultLoadBalancingPolicy(balancing)
                .maxInboundMessageSize(Integer.MAX_VALUE);
        if (config.tls()) {
            try {
                b.sslContext(config.trustCertificates() == null ? GrpcSslContexts.forClient().build()
                        : GrpcSslContexts.forClient().trustManager(config.trustCertificates().toFile()).build());
            } catch (SSLException e) {
                throw new StorageException("cannot set up TLS for etcd " + config.endpoints() + " with "
                        + config.trustCertificates(), e);
            }
        } else {
            b.usePlaintext();
        }
        return b.build();
    }
}
