package dev.sled.spring.data.repository.config;

import java.lang.annotation.Annotation;
import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/** Registers the repositories that {@link EnableSledRepositories} asks for. */
class SledRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

    @Override
    protected Class<? extends Annotation> getAnnotation() {
        return EnableSledRepositories.class;
    }

    @Override
    protected RepositoryConfigurationExtension getExtension() {
        return new SledRepositoryConfigurationExtension();
    }
}
