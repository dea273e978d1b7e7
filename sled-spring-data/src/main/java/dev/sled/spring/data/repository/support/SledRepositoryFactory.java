package dev.sled.spring.data.repository.support;

import dev.sled.spring.data.core.SledTemplate;
import dev.sled.spring.data.repository.query.SledPartTreeQuery;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.PersistentEntityInformation;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.query.DefaultParameters;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.ValueExpressionDelegate;
import org.springframework.util.Assert;

/**
 * Creates sled repositories: a {@link SimpleSledRepository} (or a configured base class) for the CRUD,
 * paging and sorting methods, and a {@link SledPartTreeQuery} for every other query method. Creating a
 * repository opens its entity's trees and checks the mapping and every query method, so mistakes fail
 * at start-up.
 */
public class SledRepositoryFactory extends RepositoryFactorySupport {

    private final SledTemplate template;

    public SledRepositoryFactory(SledTemplate template) {
        Assert.notNull(template, "'template' must not be null");
        this.template = template;
    }

    @Override
    public EntityInformation<?, ?> getEntityInformation(RepositoryMetadata metadata) {
        return new PersistentEntityInformation<>(template.store(metadata.getDomainType()).getEntity());
    }

    @Override
    protected Object getTargetRepository(RepositoryInformation information) {
        return getTargetRepositoryViaReflection(information, getEntityInformation(information), template);
    }

    @Override
    protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
        return SimpleSledRepository.class;
    }

    @Override
    protected Optional<QueryLookupStrategy> getQueryLookupStrategy(QueryLookupStrategy.@Nullable Key key,
            ValueExpressionDelegate valueExpressionDelegate) {
        return Optional.of((method, metadata, projections, namedQueries) -> new SledPartTreeQuery<>(
                new QueryMethod(method, metadata, projections, DefaultParameters::new), template.store(metadata.getDomainType()),
                template.getMappingContext()));
    }
}
