package dev.sled.spring.boot.autoconfigure;

import dev.sled.DatabaseLockedException;
import dev.sled.Sled;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.SledException;
import dev.sled.etcd.EtcdSled;
import dev.sled.etcd.EtcdSledDb;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link SledDb} bean of each backend, selected by {@code sled.backend}, imported by
 * {@link SledAutoConfiguration}. Only {@link Etcd} refers to sled-etcd's types, and it is read only when
 * they are on the class path, so an embedded application never loads jetcd.
 *
 * <p>Closing the database on context shutdown flushes every write (embedded) or releases the connection
 * (etcd); destroy callbacks run after a graceful web shutdown has drained in-flight requests, so none of
 * their writes is lost.
 */
abstract class SledDbConfigurations {

    private static final String BACKEND = "sled.backend";

    private SledDbConfigurations() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = BACKEND, havingValue = "embedded", matchIfMissing = true)
    static class Embedded {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        SledDb sledDb(SledProperties properties, ObjectProvider<SledConfigCustomizer> customizers) {
            SledConfig config = SledConfigFactory.create(properties, customizers.orderedStream());
            try {
                return Sled.open(config);
            }
            catch (DatabaseLockedException ex) {
                throw ex; // analyzed on its own
            }
            catch (SledException ex) {
                throw new SledDatabaseOpenException(config.path(), ex);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(EtcdSled.class)
    @ConditionalOnProperty(name = BACKEND, havingValue = "etcd")
    static class Etcd {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(SledDb.class)
        EtcdSledDb sledDb(SledProperties properties, ObjectProvider<EtcdSledConfigCustomizer> customizers) {
            return EtcdSled.open(EtcdSledConfigFactory.create(properties.getEtcd(), customizers.orderedStream()));
        }
    }

    /** Fails start-up rather than leaving an application that asked for etcd without a database. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("dev.sled.etcd.EtcdSled")
    @ConditionalOnProperty(name = BACKEND, havingValue = "etcd")
    static class EtcdMissing {

        @Bean
        @ConditionalOnMissingBean
        SledDb sledDb() {
            throw new InvalidSledPropertyException(BACKEND, "etcd", "the etcd backend needs dev.sled:sled-etcd on the "
                    + "class path; depend on dev.sled:sled-spring-boot-starter-etcd instead of sled-spring-boot-starter");
        }
    }
}
