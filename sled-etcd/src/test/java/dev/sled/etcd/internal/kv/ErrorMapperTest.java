package dev.sled.etcd.internal.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.etcd.EtcdUnavailableException;
import dev.sled.etcd.QuorumLostException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** gRPC failures seen while members die, mapped without a cluster. */
class ErrorMapperTest {

    private final ErrorMapper mapper = new ErrorMapper(List.of("http://127.0.0.1:1"), 500, 128, 1 << 20);

    @Test
    void aConnectionClosedUnderAWriteIsUnavailabilityWithAnUnknownOutcome() {
        StatusRuntimeException closed = Status.UNKNOWN.withDescription("channel closed").asRuntimeException();
        assertThat(ErrorMapper.transientFailure(closed)).isTrue();
        assertThat(mapper.translate(closed, "insert", true)).isInstanceOf(EtcdUnavailableException.class)
                .hasMessageContaining("may or may not").hasMessageContaining("http://127.0.0.1:1");
    }

    @Test
    void otherUnknownFailuresStayGeneric() {
        StatusRuntimeException other = Status.UNKNOWN.withDescription("something else").asRuntimeException();
        assertThat(ErrorMapper.transientFailure(other)).isFalse();
        assertThat(mapper.translate(other, "get", false)).isNotInstanceOf(EtcdUnavailableException.class)
                .hasMessageContaining("something else");
    }

    @Test
    void noLeaderIsALostQuorumAndNeverApplied() {
        StatusRuntimeException noLeader = Status.UNAVAILABLE.withDescription(ErrorMapper.NO_LEADER).asRuntimeException();
        assertThat(ErrorMapper.notApplied(noLeader)).isTrue();
        assertThat(mapper.translate(noLeader, "insert", true)).isInstanceOf(QuorumLostException.class)
                .hasMessageContaining("not applied");
    }
}
