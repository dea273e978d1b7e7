package dev.sled.spring.data.repository.support;

import dev.sled.spring.data.core.AccessPath;
import dev.sled.spring.data.core.EntityStore;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.FluentQuery;
import org.springframework.data.support.PageableExecutionUtils;

/**
 * The fluent form of a Query by Example ({@code repository.findBy(example, q -> q.sortBy(...).all())}):
 * a filtered scan of every entity, sorted as asked, converted to the requested result type. Property
 * projections are hints only, since entities are always read whole.
 */
final class ExampleFluentQuery<T, R> implements FluentQuery.FetchableFluentQuery<R> {

    private final EntityStore<T> store;
    private final Predicate<? super T> filter;
    private final Sort sort;
    private final int limit;
    private final Function<Class<?>, Function<T, ?>> converters;
    private final Function<T, R> converter;

    ExampleFluentQuery(EntityStore<T> store, Predicate<? super T> filter, Sort sort, int limit,
            Function<Class<?>, Function<T, ?>> converters, Function<T, R> converter) {
        this.store = store;
        this.filter = filter;
        this.sort = sort;
        this.limit = limit;
        this.converters = converters;
        this.converter = converter;
    }

    @Override
    public FetchableFluentQuery<R> sortBy(Sort additional) {
        return new ExampleFluentQuery<>(store, filter, sort.and(additional), limit, converters, converter);
    }

    @Override
    public FetchableFluentQuery<R> limit(int max) {
        return new ExampleFluentQuery<>(store, filter, sort, max, converters, converter);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <N> FetchableFluentQuery<N> as(Class<N> resultType) {
        return new ExampleFluentQuery<>(store, filter, sort, limit, converters, (Function<T, N>) converters.apply(resultType));
    }

    @Override
    public FetchableFluentQuery<R> project(Collection<String> properties) {
        return this;
    }

    @Override
    public @Nullable R oneValue() {
        List<R> found = fetch(2);
        if (found.size() > 1) {
            throw new IncorrectResultSizeDataAccessException("the example matches more than one entity", 1);
        }
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public @Nullable R firstValue() {
        List<R> found = fetch(1);
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public List<R> all() {
        return fetch(limit);
    }

    @Override
    public Page<R> page(Pageable pageable) {
        if (pageable.isUnpaged()) {
            return new PageImpl<>(all());
        }
        Sort pageSort = pageable.getSort().isSorted() ? pageable.getSort() : sort;
        List<R> content;
        try (Stream<T> page = store.query(AccessPath.all(), filter, pageSort, pageable.getOffset(), pageable.getPageSize())) {
            content = page.map(converter).toList();
        }
        return PageableExecutionUtils.getPage(content, pageable, this::count);
    }

    @Override
    public Stream<R> stream() {
        return store.query(AccessPath.all(), filter, sort, 0, limit).map(converter);
    }

    @Override
    public long count() {
        try (Stream<T> matches = store.query(AccessPath.all(), filter, Sort.unsorted(), 0, -1)) {
            return matches.count();
        }
    }

    @Override
    public boolean exists() {
        try (Stream<T> matches = store.query(AccessPath.all(), filter, Sort.unsorted(), 0, 1)) {
            return matches.findAny().isPresent();
        }
    }

    private List<R> fetch(int max) {
        int effective = limit < 0 ? max : max < 0 ? limit : Math.min(limit, max);
        try (Stream<T> matches = store.query(AccessPath.all(), filter, sort, 0, effective)) {
            return matches.map(converter).toList();
        }
    }
}
