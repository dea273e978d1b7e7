package dev.sled.spring.data.repository.config;

import dev.sled.spring.data.mapping.SledEntity;
import dev.sled.spring.data.repository.SledRepository;
import dev.sled.spring.data.repository.support.SledRepositoryFactoryBean;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.RepositoryConfigurationExtensionSupport;
import org.springframework.data.repository.config.RepositoryConfigurationSource;

/**
 * Spring Data's hooks for sled: which interfaces are sled repositories (in strict multi-store mode,
 * those of {@link SledEntity} types or extending {@link SledRepository}), their factory bean, the
 * template they use, and a default template when the application defines none.
 */
public class SledRepositoryConfigurationExtension extends RepositoryConfigurationExtensionSupport {

    static final String DEFAULT_TEMPLATE_REF = "sledTemplate";
    private static final String TEMPLATE_REF = "sledTemplateRef";

    @Override
    public String getModuleName() {
        return "Sled";
    }

    /** Still abstract in the base class; {@link #getModuleName()} is what Spring Data uses. */
    @Override
    @Deprecated
    protected String getModulePrefix() {
        return "sled";
    }

    @Override
    public String getRepositoryFactoryBeanClassName() {
        return SledRepositoryFactoryBean.class.getName();
    }

    @Override
    protected Collection<Class<? extends Annotation>> getIdentifyingAnnotations() {
        return List.of(SledEntity.class);
    }

    @Override
    protected Collection<Class<?>> getIdentifyingTypes() {
        return List.of(SledRepository.class);
    }

    @Override
    public void registerBeansForRoot(BeanDefinitionRegistry registry, RepositoryConfigurationSource source) {
        super.registerBeansForRoot(registry, source);
        if (DEFAULT_TEMPLATE_REF.equals(source.getAttribute(TEMPLATE_REF).orElse(DEFAULT_TEMPLATE_REF))) {
            registerIfNotAlreadyRegistered(SledRepositoryConfigurationExtension::defaultTemplate, registry, DEFAULT_TEMPLATE_REF, source);
        }
    }

    private static AbstractBeanDefinition defaultTemplate() {
        return BeanDefinitionBuilder.rootBeanDefinition(DefaultSledTemplate.class, "create")
                .setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR)
                .getBeanDefinition();
    }

    @Override
    public void postProcess(BeanDefinitionBuilder builder, AnnotationRepositoryConfigurationSource config) {
        builder.addPropertyReference("sledTemplate", config.getAttributes().getString(TEMPLATE_REF));
    }
}
