package dev.sled.spring.boot.autoconfigure.metrics;

import dev.sled.SledDb;
import dev.sled.spring.boot.autoconfigure.SledAutoConfiguration;
import dev.sled.spring.boot.metrics.SledMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration for {@link SledMetrics}: the meters of the application's database, or, when it has
 * several, of each one, tagged {@code name} with its bean name (as Spring Boot tags its data sources'
 * meters). An application that declares a {@code SledMetrics} of its own binds its databases itself.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SledAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ SledDb.class, MeterBinder.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "sled.enabled", matchIfMissing = true)
public final class SledMetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean(SledDb.class)
    @Conditional(OneDatabase.class)
    @ConditionalOnMissingBean
    SledMetrics sledMetrics(SledDb db) {
        return new SledMetrics(db);
    }

    @Bean
    @Conditional(SeveralDatabases.class)
    @ConditionalOnMissingBean(value = SledMetrics.class, name = "sledDatabasesMetrics")
    MeterBinder sledDatabasesMetrics(ConfigurableListableBeanFactory beanFactory) {
        Map<String, SledDb> databases = SimpleAutowireCandidateResolver.resolveAutowireCandidates(beanFactory, SledDb.class);
        return (registry) -> databases.forEach((name, db) -> new SledMetrics(db, Tags.of("name", name)).bindTo(registry));
    }

    /** The context defines more than one database, whether one of them is primary or not. */
    static final class SeveralDatabases extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
            int count = (beanFactory != null) ? beanFactory.getBeanNamesForType(SledDb.class, true, false).length : 0;
            return new ConditionOutcome(count > 1, count + " SledDb beans");
        }
    }

    /** Exactly one database: with none, the bean method's {@code @ConditionalOnBean} already fails. */
    static final class OneDatabase extends NoneNestedConditions {

        OneDatabase() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @Conditional(SeveralDatabases.class)
        static final class Several {
        }
    }
}