package dev.sled.etcd.internal.kv;

import dev.sled.SledException;
import dev.sled.StorageException;
import dev.sled.etcd.EtcdUnavailableException;
import dev.sled.etcd.QuorumLostException;
import dev.sled.etcd.RequestTooLargeException;
import dev.sled.etcd.RevisionCompactedException;
import dev.sled.etcd.StorageFullException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;

/**
 * Turns etcd's gRPC errors into the specific exceptions of {@code dev.sled.etcd}, naming the endpoints
 * and limits. The descriptions matched here are etcd's {@code rpctypes} error strings, stable since 3.0.
 */
final class ErrorMapper {

    static final String NO_LEADER = "etcdserver: no leader";
    private static final String PROPOSAL_DROPPED = "raft proposal dropped";
    private static final String TOO_MANY_REQUESTS = "etcdserver: too many requests";
    private static final String COMPACTED = "required revision has been compacted";
    private static final String NO_SPACE = "database space exceeded";
    private static final String TOO_MANY_OPS = "too many operations in txn request";
    private static final String TOO_LARGE = "request is too large";
    private static final String GRPC_TOO_LARGE = "larger than max";
    private static final String USER_EMPTY = "user name is empty";
    private static final String AUTH_FAILED = "authentication failed";
    /** gRPC's description when the connection to a member closes under a call (the member died). */
    private static final String CHANNEL_CLOSED = "channel closed";

    private final List<String> endpoints;
    private final long timeoutMillis;
    private final int maxTxnOps;
    private final int maxRequestBytes;

    ErrorMapper(List<String> endpoints, long timeoutMillis, int maxTxnOps, int maxRequestBytes) {
        this.endpoints = endpoints;
        this.timeoutMillis = timeoutMillis;
        this.maxTxnOps = maxTxnOps;
        this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * Whether etcd rejected the request before it entered the raft log, so that sending it again is always
     * safe: no leader (refused because of the {@code hasleader} header), a proposal raft dropped during a
     * leader change (etcd 3.4 returns it as UNKNOWN), or an overloaded apply loop.
     */
    static boolean notApplied(StatusRuntimeException e) {
        String description = e.getStatus().getDescription();
        return NO_LEADER.equals(description) || PROPOSAL_DROPPED.equals(description) || TOO_MANY_REQUESTS.equals(description);
    }

    /** Whether the failure may pass: a member went away, an election is running, a proposal timed out. */
    static boolean transientFailure(StatusRuntimeException e) {
        return unreachable(e.getStatus());
    }

    /** The member could not be reached, or its connection closed under the call; the outcome of a write is unknown. */
    private static boolean unreachable(Status status) {
        return status.getCode() == Status.Code.UNAVAILABLE
                || (status.getCode() == Status.Code.UNKNOWN && status.getDescription() != null
                        && status.getDescription().contains(CHANNEL_CLOSED));
    }

    SledException translate(StatusRuntimeException e, String operation, boolean write) {
        Status status = e.getStatus();
        String description = status.getDescription() == null ? "" : status.getDescription();
        String where = " (" + operation + " on etcd " + endpoints + ")";
        if (NO_LEADER.equals(description)) {
            return new QuorumLostException("etcd cluster has no leader: a majority of its members is down or partitioned"
                    + " and it refuses writes and linearizable reads" + (write ? "; the write was not applied" : "")
                    + where, e);
        }
        if (notApplied(e)) {
            return new EtcdUnavailableException("etcd kept refusing the request (" + description + ") for "
                    + timeoutMillis + " ms" + (write ? "; the write was not applied" : "") + where, e);
        }
        if (description.contains(COMPACTED)) {
            return new RevisionCompactedException("etcd revision was compacted: " + description + where, 0, e);
        }
        if (description.contains(NO_SPACE)) {
            // etcd refuses a request when the alarm is already raised, but the write that fills the quota is
            // applied first and then answered with this error: the outcome of this one write is not known.
            return new StorageFullException("etcd raised its NOSPACE alarm (backend quota, --quota-backend-bytes, reached);"
                    + " compact, defragment and disarm the alarm to accept writes again; the write that hit the quota"
                    + " may have been applied, later ones are not" + where, e);
        }
        if (description.contains(TOO_MANY_OPS)) {
            return new RequestTooLargeException(RequestTooLargeException.Limit.TXN_OPERATIONS, -1, maxTxnOps,
                    "etcd rejected a transaction with too many operations (server --max-txn-ops is below the configured "
                            + maxTxnOps + "); nothing was written" + where);
        }
        if (description.contains(TOO_LARGE) || description.contains(GRPC_TOO_LARGE)) {
            return new RequestTooLargeException(RequestTooLargeException.Limit.REQUEST_BYTES, -1, maxRequestBytes,
                    "etcd rejected a request as too large (server --max-request-bytes is below the configured "
                            + maxRequestBytes + " bytes); nothing was written" + where);
        }
        if (status.getCode() == Status.Code.UNAUTHENTICATED || status.getCode() == Status.Code.PERMISSION_DENIED
                || description.contains(USER_EMPTY) || description.contains(AUTH_FAILED)) {
            return new StorageException("etcd refused the request's credentials (" + status.getCode() + " " + description
                    + "); set EtcdSledConfig.credentials(user, password) for a user with read-write access to the"
                    + " namespace" + where, e);
        }
        if (unreachable(status) || status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            String what = status.getCode() == Status.Code.DEADLINE_EXCEEDED
                    ? "etcd did not answer within the request timeout of " + timeoutMillis + " ms"
                    : "etcd is unavailable (retried for up to " + timeoutMillis + " ms)";
            return new EtcdUnavailableException(what + ": " + status.getCode() + (description.isEmpty() ? "" : " " + description)
                    + (write ? "; the write may or may not have been applied" : "") + where, e);
        }
        return new StorageException("etcd request failed: " + status.getCode() + " " + description + where, e);
    }
}
