package dev.sled.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.SledBatch;
import dev.sled.SledTree;
import dev.sled.etcd.support.SharedCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** etcd's per-request limits and an unreachable cluster surface as specific exceptions, and nothing is written. */
@ExtendWith(SharedCluster.class)
class EtcdLimitsTest {

    @Test
    void aBatchOverTheOperationLimitIsRejectedWhole() {
        try (EtcdSledDb db = SharedCluster.openFresh()) {
            SledBatch batch = new SledBatch();
            for (int i = 0; i < 200; i++) {
                batch.insert(Bytes.ofLong(i), Bytes.of("v"));
            }
            assertThatThrownBy(() -> db.applyBatch(batch)).isInstanceOf(RequestTooLargeException.class)
                    .hasMessageContaining("200 writes").hasMessageContaining("limit of 128");
            assertThat(db.isEmpty()).isTrue();
        }
    }

    @Test
    void aValueOverTheRequestLimitIsRejected() {
        try (EtcdSledDb db = SharedCluster.openFresh()) {
            Bytes big = Bytes.wrap(new byte[1600 * 1024]);
            assertThatThrownBy(() -> db.insert(Bytes.of("big"), big)).isInstanceOf(RequestTooLargeException.class)
                    .hasMessageContaining("1572864").hasMessageContaining("--max-request-bytes")
                    .satisfies(e -> assertThat(((RequestTooLargeException) e).limit())
                            .isEqualTo(RequestTooLargeException.Limit.REQUEST_BYTES));
            assertThat(db.get(Bytes.of("big"))).isNull();
            Bytes large = Bytes.wrap(new byte[1024 * 1024]);
            db.insert(Bytes.of("large"), large);
            assertThat(db.get(Bytes.of("large"))).isEqualTo(large);
        }
    }

    @Test
    void theServerLimitIsReportedWhenTheClientIsConfiguredHigher() {
        try (EtcdSledDb db = EtcdSled.open(SharedCluster.freshConfig().maxTxnOps(1000).build())) {
            SledTree tree = db.openTree("t");
            SledBatch batch = new SledBatch();
            for (int i = 0; i < 200; i++) {
                batch.insert(Bytes.ofLong(i), Bytes.of("v"));
            }
            assertThatThrownBy(() -> tree.applyBatch(batch)).isInstanceOf(RequestTooLargeException.class)
                    .hasMessageContaining("--max-txn-ops");
        }
    }

    @Test
    void anUnreachableClusterFailsWithinTheTimeoutNamingTheEndpoints() {
        EtcdSledConfig config = EtcdSledConfig.builder().endpoints("http://127.0.0.1:24999")
                .namespace("nowhere").requestTimeout(Duration.ofMillis(800)).build();
        assertThatThrownBy(() -> EtcdSled.open(config)).isInstanceOf(EtcdUnavailableException.class)
                .hasMessageContaining("127.0.0.1:24999").hasMessageContaining("800 ms");
        // Timed the second time: the first may also load the gRPC client's classes on a busy machine.
        long start = System.nanoTime();
        assertThatThrownBy(() -> EtcdSled.open(config)).isInstanceOf(EtcdUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
