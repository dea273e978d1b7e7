package dev.sled.etcd;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The cluster as seen from the configured endpoints.
 *
 * @param members one entry per configured endpoint, reachable or not
 * @param leaderId the member id of the leader reported by a reachable member, or 0 when none has one
 */
public record ClusterStatus(List<Member> members, long leaderId) {

    public ClusterStatus {
        members = List.copyOf(members);
    }

    /** Whether a reachable member reports a leader, which writes and linearizable reads need. */
    public boolean hasQuorum() {
        return leaderId != 0;
    }

    /** The number of members that answered. */
    public long reachableMembers() {
        return members.stream().filter(Member::reachable).count();
    }

    /**
     * One endpoint's answer.
     *
     * @param endpoint the configured endpoint
     * @param reachable whether it answered
     * @param memberId its member id (0 when unreachable)
     * @param leaderId the leader it knows (0 when none or unreachable)
     * @param dbSizeBytes the size of its backend file
     * @param version its etcd version
     * @param error why it did not answer, or null
     */
    public record Member(String endpoint, boolean reachable, long memberId, long leaderId, long dbSizeBytes,
            String version, @Nullable String error) {

        public boolean isLeader() {
            return reachable && memberId != 0 && memberId == leaderId;
        }
    }
}
