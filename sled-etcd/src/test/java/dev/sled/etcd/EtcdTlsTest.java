package dev.sled.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.Event;
import dev.sled.etcd.support.EtcdBinary;
import dev.sled.etcd.support.EtcdCluster;
import dev.sled.etcd.support.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A member serving clients over TLS: both the key-value channel and the watch trust the configured CA. */
class EtcdTlsTest {

    private static EtcdCluster cluster;
    private static TestCertificates certificates;

    @BeforeAll
    static void startTlsMember() throws Exception {
        EtcdBinary.require();
        Path dir = Files.createTempDirectory("sled-etcd-tls");
        certificates = TestCertificates.create(dir.resolve("certs"));
        cluster = new EtcdCluster(1, dir.resolve("data"), 24871, 24881, certificates.serverFlags());
        cluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aClientTrustingTheCaReadsWritesAndWatches() throws Exception {
        EtcdSledConfig config = EtcdSledConfig.builder().endpoints(cluster.endpoints()).namespace("tls")
                .trustCertificates(certificates.caCertificate()).requestTimeout(Duration.ofSeconds(5)).build();
        assertThat(config.tls()).isTrue();
        try (EtcdSledDb db = EtcdSled.open(config); EtcdSubscriber events = db.watchPrefix(Bytes.EMPTY)) {
            db.insert(Bytes.of("k"), Bytes.of("v"));
            assertThat(db.get(Bytes.of("k"))).isEqualTo(Bytes.of("v"));
            assertThat(events.next(Duration.ofSeconds(5))).isEqualTo(new Event.Insert(Bytes.of("k"), Bytes.of("v")));
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect() {
        EtcdSledConfig config = EtcdSledConfig.builder().endpoints(cluster.endpoints()).namespace("tls")
                .requestTimeout(Duration.ofSeconds(1)).build();
        assertThatThrownBy(() -> EtcdSled.open(config)).isInstanceOf(EtcdUnavailableException.class)
                .hasMessageContaining(cluster.endpoint(0));
    }
}
