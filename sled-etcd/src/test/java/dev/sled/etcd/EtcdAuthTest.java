package dev.sled.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.Event;
import dev.sled.StorageException;
import dev.sled.etcd.support.EtcdBinary;
import dev.sled.etcd.support.EtcdCluster;
import io.etcd.jetcd.api.AuthEnableRequest;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthRoleAddRequest;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A cluster with authentication enabled: every channel (key-value and watch) carries the user's token. */
class EtcdAuthTest {

    private static EtcdCluster cluster;

    @BeforeAll
    static void startClusterWithAuthentication() throws Exception {
        EtcdBinary.require();
        cluster = new EtcdCluster(1, Files.createTempDirectory("sled-etcd-auth"), 24851, 24861, List.of());
        cluster.start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", 24851).usePlaintext().build();
        try {
            AuthGrpc.AuthBlockingStub auth = AuthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            auth.userAdd(AuthUserAddRequest.newBuilder().setName("root").setPassword("secret").build());
            auth.roleAdd(AuthRoleAddRequest.newBuilder().setName("root").build());
            auth.userGrantRole(AuthUserGrantRoleRequest.newBuilder().setUser("root").setRole("root").build());
            auth.authEnable(AuthEnableRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow();
        }
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static EtcdSledConfig.Builder config() {
        return EtcdSledConfig.builder().endpoints(cluster.endpoints()).namespace("auth")
                .requestTimeout(Duration.ofSeconds(3));
    }

    @Test
    void withCredentialsEverythingWorks() throws Exception {
        try (EtcdSledDb db = EtcdSled.open(config().credentials("root", "secret").build());
                EtcdSubscriber events = db.watchPrefix(Bytes.EMPTY)) {
            db.insert(Bytes.of("k"), Bytes.of("v"));
            assertThat(db.get(Bytes.of("k"))).isEqualTo(Bytes.of("v"));
            db.transaction(tx -> tx.insert(Bytes.of("k"), Bytes.of("w")));
            assertThat(events.next(Duration.ofSeconds(5))).isEqualTo(new Event.Insert(Bytes.of("k"), Bytes.of("v")));
            assertThat(events.next(Duration.ofSeconds(5))).isEqualTo(new Event.Insert(Bytes.of("k"), Bytes.of("w")));
        }
    }

    @Test
    void missingOrWrongCredentialsAreReportedAsSuch() {
        assertThatThrownBy(() -> EtcdSled.open(config().build())).isInstanceOf(StorageException.class)
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> EtcdSled.open(config().credentials("root", "wrong").build()))
                .isInstanceOf(StorageException.class).hasMessageContaining("credentials");
    }
}
