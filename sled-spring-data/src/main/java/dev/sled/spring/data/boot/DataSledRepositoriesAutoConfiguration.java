package dev.sled.spring.data.boot;

import dev.sled.SledDb;
import dev.sled.spring.data.repository.config.EnableSledRepositories;
import dev.sled.spring.data.repository.support.SledRepositoryFactoryBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration for sled repositories: with a {@link SledDb} bean, every sled repository interface
 * in the application's auto-configuration packages becomes a bean, as if the application were annotated
 * with {@link EnableSledRepositories}. Backs off when the application uses {@code @EnableSledRepositories}
 * itself, and when {@code sled.data.repositories.enabled} is {@code false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "dev.sled.spring.boot.autoconfigure.SledAutoConfiguration")
@ConditionalOnBean(SledDb.class)
@ConditionalOnBooleanProperty(name = "sled.data.repositories.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(SledRepositoryFactoryBean.class)
@Import(DataSledRepositoriesRegistrar.class)
public final class DataSledRepositoriesAutoConfiguration {
}
