package dev.sled.spring.boot.autoconfigure;

import dev.sled.etcd.EtcdSledConfig;

/**
 * Callback to customize the {@link EtcdSledConfig} of the auto-configured database when
 * {@code sled.backend=etcd}, after the {@code sled.etcd.*} properties have been applied; for example to
 * take credentials from a secret store. Customizers run in {@link org.springframework.core.Ordered order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EtcdSledConfigCustomizer {

    void customize(EtcdSledConfig.Builder config);
}
