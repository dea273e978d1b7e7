package dev.sled.spring.data.repository.support;

import dev.sled.spring.data.core.AccessPath;
import dev.sled.spring.data.core.EntityStore;
import dev.sled.spring.data.core.SledTemplate;
import dev.sled.spring.data.mapping.SledMappingContext;
import dev.sled.spring.data.repository.SledRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.data.convert.DtoInstantiatingConverter;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.query.FluentQuery.FetchableFluentQuery;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.util.Assert;

/**
 * The implementation of {@link SledRepository} behind every sled repository. Each call is one engine
 * transaction (joining a Spring-managed sled transaction when there is one); {@code saveAll},
 * {@code deleteAll} and their relatives write all their entities in one transaction. Sorting and paging
 * by id stream from the ordered keys; other sorts are done in memory. Query by Example is a filtered scan
 * of every entity.
 */
public class SimpleSledRepository<T, ID> implements SledRepository<T, ID> {

    private final EntityStore<T> store;
    private final SledMappingContext mappingContext;
    private final ProjectionFactory projections = new SpelAwareProxyProjectionFactory();
    private final EntityInstantiators instantiators = new EntityInstantiators();

    public SimpleSledRepository(EntityInformation<T, ID> entityInformation, SledTemplate template) {
        Assert.notNull(entityInformation, "'entityInformation' must not be null");
        Assert.notNull(template, "'template' must not be null");
        this.store = template.store(entityInformation.getJavaType());
        this.mappingContext = template.getMappingContext();
    }

    @Override
    public <S extends T> S save(S entity) {
        Assert.notNull(entity, "entity must not be null");
        return saveAll(List.of(entity)).get(0);
    }

    /** Saving returns the stored instance, which has the saved entity's type ({@code S}). */
    @Override
    @SuppressWarnings("unchecked")
    public <S extends T> List<S> saveAll(Iterable<S> entities) {
        Assert.notNull(entities, "entities must not be null");
        return (List<S>) store.saveAll(toList(entities));
    }

    @Override
    public Optional<T> findById(ID id) {
        Assert.notNull(id, "id must not be null");
        return store.findById(id);
    }

    @Override
    public boolean existsById(ID id) {
        Assert.notNull(id, "id must not be null");
        return store.existsById(id);
    }

    @Override
    public List<T> findAll() {
        return findAll(Sort.unsorted());
    }

    @Override
    public List<T> findAllById(Iterable<ID> ids) {
        Assert.notNull(ids, "ids must not be null");
        return store.findAllById(toList(ids));
    }

    @Override
    public long count() {
        return store.count();
    }

    @Override
    public void deleteById(ID id) {
        Assert.notNull(id, "id must not be null");
        store.deleteById(id);
    }

    @Override
    public void delete(T entity) {
        Assert.notNull(entity, "entity must not be null");
        store.deleteAll(List.of(entity));
    }

    @Override
    public void deleteAllById(Iterable<? extends ID> ids) {
        Assert.notNull(ids, "ids must not be null");
        store.deleteAllById(toList(ids));
    }

    @Override
    public void deleteAll(Iterable<? extends T> entities) {
        Assert.notNull(entities, "entities must not be null");
        store.deleteAll(toList(entities));
    }

    @Override
    public void deleteAll() {
        store.deleteAll();
    }

    @Override
    public List<T> findAll(Sort sort) {
        Assert.notNull(sort, "sort must not be null");
        try (Stream<T> all = store.query(AccessPath.all(), null, sort, 0, -1)) {
            return all.toList();
        }
    }

    @Override
    public Page<T> findAll(Pageable pageable) {
        Assert.notNull(pageable, "pageable must not be null");
        if (pageable.isUnpaged()) {
            return new PageImpl<>(findAll(pageable.getSort()));
        }
        List<T> content;
        try (Stream<T> page = store.query(AccessPath.all(), null, pageable.getSort(), pageable.getOffset(), pageable.getPageSize())) {
            content = page.toList();
        }
        return PageableExecutionUtils.getPage(content, pageable, store::count);
    }

    @Override
    public <S extends T> Optional<S> findOne(Example<S> example) {
        return Optional.ofNullable(findBy(example, FetchableFluentQuery::oneValue));
    }

    @Override
    public <S extends T> List<S> findAll(Example<S> example) {
        return findBy(example, FetchableFluentQuery::all);
    }

    @Override
    public <S extends T> List<S> findAll(Example<S> example, Sort sort) {
        return findBy(example, query -> query.sortBy(sort).all());
    }

    @Override
    public <S extends T> Page<S> findAll(Example<S> example, Pageable pageable) {
        return findBy(example, query -> query.page(pageable));
    }

    @Override
    public <S extends T> long count(Example<S> example) {
        return findBy(example, FetchableFluentQuery::count);
    }

    @Override
    public <S extends T> boolean exists(Example<S> example) {
        return findBy(example, FetchableFluentQuery::exists);
    }

    /** Query by Example scans every entity in id order and keeps those matching the probe. */
    @Override
    @SuppressWarnings("unchecked")
    public <S extends T, R> R findBy(Example<S> example, Function<FetchableFluentQuery<S>, R> queryFunction) {
        Assert.notNull(example, "example must not be null");
        ExampleCriteria criteria = ExampleCriteria.of(example, mappingContext);
        return queryFunction.apply(new ExampleFluentQuery<T, S>(store, criteria, Sort.unsorted(), -1, this::converterTo,
                entity -> (S) entity));
    }

    /** Converts entities to a fluent query's result type: the entity itself, an interface projection or a DTO. */
    private Function<T, ?> converterTo(Class<?> type) {
        if (type.isAssignableFrom(store.getEntity().getType())) {
            return entity -> entity;
        }
        if (type.isInterface()) {
            return entity -> projections.createProjection(type, entity);
        }
        DtoInstantiatingConverter dto = new DtoInstantiatingConverter(type, mappingContext, instantiators);
        return dto::convert;
    }

    private static <E> List<E> toList(Iterable<E> iterable) {
        List<E> list = new ArrayList<>();
        iterable.forEach(list::add);
        return list;
    }
}
