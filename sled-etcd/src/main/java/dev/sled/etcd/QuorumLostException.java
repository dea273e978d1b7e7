package dev.sled.etcd;

/**
 * The reachable members have no leader, because a majority of the cluster is down or partitioned
 * away: writes and linearizable reads are refused until a majority is back. The write was not applied.
 * Serializable reads ({@link EtcdSledConfig.Builder#serializableReads(boolean)}) still work on any
 * reachable member.
 */
public class QuorumLostException extends EtcdUnavailableException {
    public QuorumLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
