package dev.sled.spring.boot.health;

import dev.sled.SledDb;
import dev.sled.etcd.ClusterStatus;
import dev.sled.etcd.EtcdSledConfig;
import dev.sled.etcd.EtcdSledDb;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;

/**
 * A database on etcd: the cluster's members, its leader and revision, DOWN without quorum (no reachable
 * member knows a leader, so writes and linearizable reads fail). Each member's status request is bounded by
 * {@code sled.etcd.connect-timeout}, so the check cannot hang the health endpoint.
 */
final class EtcdClusterHealth implements BackendHealth {

    private final EtcdSledDb db;

    private EtcdClusterHealth(EtcdSledDb db) {
        this.db = db;
    }

    /** The check for {@code db} when it is on etcd, or null. */
    static @Nullable BackendHealth of(SledDb db) {
        return (db instanceof EtcdSledDb etcd) ? new EtcdClusterHealth(etcd) : null;
    }

    @Override
    public void describe(Health.Builder builder) {
        EtcdSledConfig config = this.db.etcdConfig();
        builder.withDetail("backend", "etcd")
            .withDetail("endpoints", config.endpoints())
            .withDetail("namespace", config.namespace());
    }

    @Override
    public @Nullable String check(Health.Builder builder) {
        ClusterStatus status = this.db.clusterStatus();
        List<Map<String, Object>> members = status.members().stream().map(EtcdClusterHealth::member).toList();
        builder.withDetail("members", members);
        if (!status.hasQuorum()) {
            return "no quorum: " + status.reachableMembers() + " of " + members.size()
                    + " members reachable and none knows a leader";
        }
        builder.withDetail("leader", leader(status)).withDetail("revision", this.db.currentRevision());
        return null;
    }

    /** The leader's endpoint when it is one of the configured members, otherwise its member id. */
    private static String leader(ClusterStatus status) {
        return status.members().stream()
            .filter(ClusterStatus.Member::isLeader)
            .map(ClusterStatus.Member::endpoint)
            .findFirst()
            .orElse(Long.toHexString(status.leaderId()));
    }

    private static Map<String, Object> member(ClusterStatus.Member member) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("endpoint", member.endpoint());
        details.put("reachable", member.reachable());
        if (member.reachable()) {
            details.put("id", Long.toHexString(member.memberId()));
            details.put("leader", member.isLeader());
            details.put("version", member.version());
            details.put("dbSize", member.dbSizeBytes());
        }
        else {
            details.put("error", String.valueOf(member.error()));
        }
        return details;
    }
}
