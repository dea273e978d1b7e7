package dev.sled.etcd.internal.kv;

import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * etcd's authentication: a simple token from {@code Auth.Authenticate}, sent as the {@code token}
 * header of every call and fetched again when the server says it expired.
 */
final class TokenCredentials extends CallCredentials {

    private static final Metadata.Key<String> TOKEN = Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);

    private final Channel channel;
    private final String user;
    private final String password;
    private final long timeoutMillis;
    private volatile String token;

    TokenCredentials(Channel channel, String user, String password, long timeoutMillis) {
        this.channel = channel;
        this.user = user;
        this.password = password;
        this.timeoutMillis = timeoutMillis;
    }

    /** Forgets the token so that the next call authenticates again. */
    void invalidate() {
        token = null;
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        executor.execute(() -> {
            try {
                String t = token;
                if (t == null) {
                    t = AuthGrpc.newBlockingStub(channel).withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
                            .authenticate(AuthenticateRequest.newBuilder().setName(user).setPassword(password).build())
                            .getToken();
                    token = t;
                }
                Metadata headers = new Metadata();
                headers.put(TOKEN, t);
                applier.apply(headers);
            } catch (RuntimeException e) {
                applier.fail(Status.UNAUTHENTICATED.withDescription("etcd authentication as " + user + " failed").withCause(e));
            }
        });
    }
}
