package dev.sled.spring.boot.autoconfigure.health;

import dev.sled.SledDb;
import dev.sled.spring.boot.autoconfigure.SledAutoConfiguration;
import dev.sled.spring.boot.health.SledHealthIndicator;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for {@link SledHealthIndicator}: the contributor {@code sled}, a composite keyed by
 * bean name when the context has several databases.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SledAutoConfiguration.class)
@ConditionalOnClass({ SledDb.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(SledDb.class)
@ConditionalOnBooleanProperty(name = "sled.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("sled")
public final class SledHealthContributorAutoConfiguration
        extends CompositeHealthContributorConfiguration<SledHealthIndicator, SledDb> {

    SledHealthContributorAutoConfiguration() {
        super(SledHealthIndicator::new);
    }

    @Bean
    @ConditionalOnMissingBean(name = { "sledHealthIndicator", "sledHealthContributor" })
    HealthContributor sledHealthContributor(ConfigurableListableBeanFactory beanFactory) {
        return createContributor(beanFactory, SledDb.class);
    }
}
