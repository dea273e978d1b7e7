package dev.sled.spring.data.boot;

import dev.sled.spring.data.repository.config.EnableSledRepositories;
import dev.sled.spring.data.repository.config.SledRepositoryConfigurationExtension;
import java.lang.annotation.Annotation;
import org.springframework.boot.autoconfigure.data.AbstractRepositoryConfigurationSourceSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/** Registers sled repositories found in the auto-configuration packages, with {@link EnableSledRepositories}'s defaults. */
final class DataSledRepositoriesRegistrar extends AbstractRepositoryConfigurationSourceSupport {

    @Override
    protected Class<? extends Annotation> getAnnotation() {
        return EnableSledRepositories.class;
    }

    @Override
    protected Class<?> getConfiguration() {
        return EnableSledRepositoriesConfiguration.class;
    }

    @Override
    protected RepositoryConfigurationExtension getRepositoryConfigurationExtension() {
        return new SledRepositoryConfigurationExtension();
    }

    @EnableSledRepositories
    private static final class EnableSledRepositoriesConfiguration {
    }
}
