package dev.sled.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.sled.etcd.EtcdSledConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code sled.etcd.*} to {@link EtcdSledConfig}, without a cluster. */
class EtcdSledConfigFactoryTests {

    @Test
    void theDefaultsOfThePropertiesAreThoseOfSledEtcd() {
        SledProperties.Etcd etcd = new SledProperties.Etcd();
        etcd.setEndpoints(List.of("http://127.0.0.1:2379"));
        EtcdSledConfig defaults = EtcdSledConfig.builder().build();

        EtcdSledConfig config = EtcdSledConfigFactory.create(etcd, Stream.empty());

        assertThat(config).usingRecursiveComparison().isEqualTo(defaults);
    }

    @Test
    void mapsCredentialsAndTrustCertificates() {
        SledProperties.Etcd etcd = new SledProperties.Etcd();
        etcd.setEndpoints(List.of("https://10.0.0.1:2379", "https://10.0.0.2:2379"));
        etcd.setUser("app");
        etcd.setPassword("secret");
        etcd.setTrustCertificates(Path.of("/etc/etcd/ca.pem"));

        EtcdSledConfig config = EtcdSledConfigFactory.create(etcd, Stream.empty());

        assertThat(config.endpoints()).containsExactly("https://10.0.0.1:2379", "https://10.0.0.2:2379");
        assertThat(config.tls()).isTrue();
        assertThat(config.user()).isEqualTo("app");
        assertThat(config.password()).isEqualTo("secret");
        assertThat(config.trustCertificates()).isEqualTo(Path.of("/etc/etcd/ca.pem"));
    }

    @Test
    void aPasswordWithoutAUserNamesTheMissingProperty() {
        SledProperties.Etcd etcd = new SledProperties.Etcd();
        etcd.setEndpoints(List.of("http://127.0.0.1:2379"));
        etcd.setPassword("secret");

        assertThatExceptionOfType(InvalidSledPropertyException.class)
            .isThrownBy(() -> EtcdSledConfigFactory.create(etcd, Stream.empty()))
            .satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("sled.etcd.user"));
    }
}
