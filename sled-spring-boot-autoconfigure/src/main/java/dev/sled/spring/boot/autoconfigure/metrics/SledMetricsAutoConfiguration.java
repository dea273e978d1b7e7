package dev.sled.spring.boot.autoconfigure.metrics;

import dev.sled.SledDb;
import dev.sled.spring.boot.autoconfigure.SledAutoConfiguration;
import dev.sled.spring.boot.metrics.SledMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for {@link SledMetrics}. An application with several databases declares one
 * {@code SledMetrics} per database, with a tag that tells them apart.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SledAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ SledDb.class, MeterBinder.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnSingleCandidate(SledDb.class)
@ConditionalOnBooleanProperty(name = "sled.enabled", matchIfMissing = true)
public final class SledMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SledMetrics sledMetrics(SledDb db) {
        return new SledMetrics(db);
    }
}
