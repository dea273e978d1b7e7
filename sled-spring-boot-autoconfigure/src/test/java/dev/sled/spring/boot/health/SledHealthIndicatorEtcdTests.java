package dev.sled.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sled.etcd.EtcdSled;
import dev.sled.etcd.EtcdSledConfig;
import dev.sled.etcd.EtcdSledDb;
import dev.sled.etcd.support.EtcdBinary;
import dev.sled.etcd.support.EtcdCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The indicator on a 3-member cluster of its own (client ports 25811-25813), whose members it stops: UP with
 * the leader while a majority runs, DOWN without quorum.
 */
class SledHealthIndicatorEtcdTests {

    private static EtcdCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        EtcdBinary.require();
        cluster = new EtcdCluster(3, Files.createTempDirectory("sled-boot-quorum"), 25811, 25821, List.of());
        cluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void upWithTheLeaderWhileAMajorityRunsAndDownWithoutQuorum() {
        EtcdSledConfig config = EtcdSledConfig.builder().endpoints(cluster.endpoints()).namespace("health")
            .requestTimeout(Duration.ofSeconds(3)).connectTimeout(Duration.ofMillis(500)).build();
        try (EtcdSledDb db = EtcdSled.open(config)) {
            SledHealthIndicator indicator = new SledHealthIndicator(db);

            // Retried: a status call that misses the 500 ms connect timeout on a busy machine reports its
            // member unreachable, which is right, but not what this part checks.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Health up = indicator.health(true);
                assertThat(up.getStatus()).isEqualTo(Status.UP);
                assertThat(up.getDetails()).containsEntry("backend", "etcd")
                    .containsEntry("endpoints", cluster.endpoints())
                    .containsEntry("namespace", "health")
                    .containsKeys("leader", "revision", "sizeOnDisk", "trees");
                assertThat(members(up)).hasSize(3).allSatisfy((m) -> assertThat(m).containsEntry("reachable", true));
                assertThat(members(up)).filteredOn((m) -> Boolean.TRUE.equals(m.get("leader"))).hasSize(1);
            });

            cluster.kill(0);
            cluster.kill(1);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Health down = indicator.health(true);
                assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                assertThat((String) down.getDetails().get("error")).startsWith("no quorum: 1 of 3 members reachable");
                assertThat(down.getDetails()).doesNotContainKeys("leader", "revision");
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> members(Health health) {
        return (List<Map<String, Object>>) health.getDetails().get("members");
    }
}
