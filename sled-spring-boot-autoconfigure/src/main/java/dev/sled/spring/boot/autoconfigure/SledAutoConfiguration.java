package dev.sled.spring.boot.autoconfigure;

import dev.sled.Sled;
import dev.sled.SledDb;
import dev.sled.SledTree;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Auto-configuration for sled: one {@link SledDb} configured from {@code sled.*}, embedded or on etcd
 * ({@code sled.backend}), the default {@link SledTree} and a tree bean per name in {@code sled.trees}.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(Sled.class)
@ConditionalOnBooleanProperty(name = "sled.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SledProperties.class)
@Import({ SledDbConfigurations.Embedded.class, SledDbConfigurations.Etcd.class,
        SledDbConfigurations.EtcdMissing.class, SledTreesRegistrar.class })
public final class SledAutoConfiguration {

    /**
     * The default tree, primary so that a plain {@code SledTree} injection point picks it rather than
     * the database (itself a tree) or a named tree. An application with several databases declares its
     * own trees.
     */
    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "sledTree")
    @ConditionalOnSingleCandidate(SledDb.class)
    SledTree sledTree(SledDb db) {
        // The engine's own handle on the default tree, not the database: an injection point of type SledDb
        // must find the database alone.
        return TransactionAwareTrees.expose(db, db.openTree(SledDb.DEFAULT_TREE));
    }
}
