package dev.sled.spring.boot.autoconfigure;

import dev.sled.etcd.EtcdSledConfig;
import java.util.stream.Stream;

/**
 * Turns {@code sled.etcd.*} into an {@link EtcdSledConfig}. The builder validates every value; a rejection
 * is reported against the property it came from.
 */
final class EtcdSledConfigFactory {

    private EtcdSledConfigFactory() {
    }

    static EtcdSledConfig create(SledProperties.Etcd etcd, Stream<EtcdSledConfigCustomizer> customizers) {
        EtcdSledConfig.Builder config = EtcdSledConfig.builder();
        // The builder defaults to a local member; an application switched to etcd must say where the cluster is.
        if (etcd.getEndpoints().isEmpty()) {
            throw new InvalidSledPropertyException("sled.etcd.endpoints", etcd.getEndpoints(),
                    "at least one endpoint is required when sled.backend=etcd");
        }
        InvalidSledPropertyException.apply("sled.etcd.endpoints", etcd.getEndpoints(), config::endpoints);
        InvalidSledPropertyException.apply("sled.etcd.namespace", etcd.getNamespace(), config::namespace);
        InvalidSledPropertyException.apply("sled.etcd.request-timeout", etcd.getRequestTimeout(), config::requestTimeout);
        InvalidSledPropertyException.apply("sled.etcd.connect-timeout", etcd.getConnectTimeout(), config::connectTimeout);
        InvalidSledPropertyException.apply("sled.etcd.transaction-max-attempts", etcd.getTransactionMaxAttempts(),
                config::transactionMaxAttempts);
        InvalidSledPropertyException.apply("sled.etcd.max-txn-ops", etcd.getMaxTxnOps(), config::maxTxnOps);
        InvalidSledPropertyException.apply("sled.etcd.max-request-bytes", etcd.getMaxRequestBytes(),
                (size) -> config.maxRequestBytes(SledConfigFactory.saturatedInt(size.toBytes())));
        InvalidSledPropertyException.apply("sled.etcd.page-size", etcd.getPageSize(), config::pageSize);
        InvalidSledPropertyException.apply("sled.etcd.subscriber-buffer-size", etcd.getSubscriberBufferSize(),
                config::subscriberBufferSize);
        config.serializableReads(etcd.isSerializableReads());
        credentials(etcd, config);
        if (etcd.getTrustCertificates() != null) {
            config.trustCertificates(etcd.getTrustCertificates());
        }
        customizers.forEach((customizer) -> customizer.customize(config));
        return config.build();
    }

    private static void credentials(SledProperties.Etcd etcd, EtcdSledConfig.Builder config) {
        String user = etcd.getUser();
        String password = etcd.getPassword();
        if (user == null && password == null) {
            return;
        }
        if (user == null) {
            throw new InvalidSledPropertyException("sled.etcd.user", null, "required when sled.etcd.password is set");
        }
        if (password == null) {
            throw new InvalidSledPropertyException("sled.etcd.password", null, "required when sled.etcd.user is set");
        }
        config.credentials(user, password);
    }
}
