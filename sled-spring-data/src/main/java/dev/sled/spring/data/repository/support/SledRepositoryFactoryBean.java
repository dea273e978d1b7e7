package dev.sled.spring.data.repository.support;

import dev.sled.spring.data.core.SledTemplate;
import org.jspecify.annotations.Nullable;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.util.Assert;

/**
 * Creates one sled repository bean from its interface and the {@link SledTemplate} it stores through.
 * Repositories are not wrapped in Spring transactions: each call runs as one engine transaction of its
 * own (retried on conflict) or joins a Spring-managed sled transaction.
 */
public class SledRepositoryFactoryBean<T extends Repository<S, ID>, S, ID> extends RepositoryFactoryBeanSupport<T, S, ID> {

    private @Nullable SledTemplate sledTemplate;

    public SledRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
        super(repositoryInterface);
    }

    public void setSledTemplate(SledTemplate sledTemplate) {
        this.sledTemplate = sledTemplate;
        setMappingContext(sledTemplate.getMappingContext());
    }

    @Override
    protected RepositoryFactorySupport createRepositoryFactory() {
        Assert.state(sledTemplate != null, "SledTemplate must be set");
        return new SledRepositoryFactory(sledTemplate);
    }

    @Override
    public void afterPropertiesSet() {
        Assert.state(sledTemplate != null, "SledTemplate must be set (see @EnableSledRepositories.sledTemplateRef)");
        super.afterPropertiesSet();
    }
}
