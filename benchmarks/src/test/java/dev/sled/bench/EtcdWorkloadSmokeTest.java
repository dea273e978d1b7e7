package dev.sled.bench;

import dev.sled.etcd.support.SharedClusterExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link WorkloadSmokeTest} for the etcd backend, on one etcd member of its own. */
@ExtendWith(EtcdWorkloadSmokeTest.Member.class)
class EtcdWorkloadSmokeTest {

    @BeforeEach
    void pointTheStoreAtTheMember() {
        System.setProperty("etcd.endpoints", "http://127.0.0.1:25891");
    }

    @AfterEach
    void forgetTheMember() {
        System.clearProperty("etcd.endpoints");
    }

    @Test
    void everyPhaseRunsAndReportsItsFigures(@TempDir Path dir) {
        WorkloadSmokeTest.runEveryPhase(StoreKind.ETCD, dir);
    }

    /** Client port 25891, peer port 25901: clear of the other modules' test clusters. */
    public static final class Member extends SharedClusterExtension {

        public Member() {
            super(1, 25891, 25901);
        }
    }
}
