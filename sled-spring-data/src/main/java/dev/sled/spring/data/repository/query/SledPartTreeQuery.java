package dev.sled.spring.data.repository.query;

import dev.sled.Bytes;
import dev.sled.spring.data.core.AccessPath;
import dev.sled.spring.data.core.EntityStore;
import dev.sled.spring.data.mapping.SledMappingContext;
import dev.sled.spring.data.mapping.SledPersistentProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.convert.DtoInstantiatingConverter;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ReturnedType;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.util.ClassUtils;

/**
 * A query derived from a repository method name. The method is parsed once, when the repository is
 * created, so unknown properties and unsupported keywords fail at start-up. Each call binds the
 * arguments, lets {@link AccessPathPlanner} choose a range scan, and shapes the result: count, exists,
 * delete, a single entity, a list, a lazy {@link Stream} (close it), a {@code Page}, a {@code Slice} or a
 * keyset or offset {@link Window}. {@code Top}/{@code First} and a {@link Limit} argument cap the
 * results.
 *
 * <p>Ordering: when the requested sort is the key order of the chosen path (by id on the entity tree;
 * by the property, then id, on its index) results stream in key order and stop at the limit; any other
 * sort loads every match and sorts it in memory. Keyset scrolling needs the key order: it uses the
 * chosen path or a scan of every entity in id order, and rejects other sorts.
 */
public class SledPartTreeQuery<T> implements RepositoryQuery {

    private static final ConversionService CONVERSION = DefaultConversionService.getSharedInstance();
    private static final EntityInstantiators INSTANTIATORS = new EntityInstantiators();

    private final QueryMethod method;
    private final EntityStore<T> store;
    private final SledMappingContext mappingContext;
    private final PartTree tree;

    public SledPartTreeQuery(QueryMethod method, EntityStore<T> store, SledMappingContext mappingContext) {
        this.method = method;
        this.store = store;
        this.mappingContext = mappingContext;
        this.tree = new PartTree(method.getName(), store.getEntity().getType());
        for (Part part : tree.getParts()) {
            if (!Condition.SUPPORTED.contains(part.getType())) {
                throw new IllegalArgumentException("query method " + method + " uses " + part.getType()
                        + ", which sled repositories do not support; supported keywords: " + Condition.SUPPORTED);
            }
            mappingContext.getPersistentPropertyPath(part.getProperty());
        }
    }

    @Override
    public QueryMethod getQueryMethod() {
        return method;
    }

    @Override
    public @Nullable Object execute(@Nullable Object[] parameters) {
        ParametersParameterAccessor accessor = new ParametersParameterAccessor(method.getParameters(), parameters);
        Criteria<T> criteria = Criteria.bind(tree, accessor, store, mappingContext);
        AccessPath path = AccessPathPlanner.plan(criteria, store);
        Sort sort = tree.getSort().and(accessor.getSort());
        long limit = limit(accessor.getLimit());
        Object result = execute(criteria, path, sort, limit, accessor);
        ResultProcessor processor = method.getResultProcessor().withDynamicProjection(accessor);
        return processor.processResult(result, toDto(processor.getReturnedType()));
    }

    /**
     * Builds class-based (DTO) projections from the entity's properties: Spring Data's result processing
     * makes interface projections itself but hands DTOs to a conversion service that knows no entity.
     */
    private Converter<Object, Object> toDto(ReturnedType returned) {
        Class<?> type = returned.getReturnedType();
        if (!returned.isProjecting() || type.isInterface()) {
            return source -> source;
        }
        return new DtoInstantiatingConverter(type, mappingContext, INSTANTIATORS);
    }

    private @Nullable Object execute(Criteria<T> criteria, AccessPath path, Sort sort, long limit, ParametersParameterAccessor accessor) {
        if (tree.isCountProjection()) {
            try (Stream<T> matches = store.query(path, filter(criteria), Sort.unsorted(), 0, limit)) {
                return matches.count();
            }
        }
        if (tree.isExistsProjection()) {
            try (Stream<T> matches = store.query(path, filter(criteria), Sort.unsorted(), 0, 1)) {
                return matches.findAny().isPresent();
            }
        }
        if (tree.isDelete()) {
            List<T> deleted = list(store.query(path, filter(criteria), sort, 0, limit));
            store.deleteAll(deleted);
            return method.isCollectionQuery() ? deleted : (Object) (long) deleted.size();
        }
        if (method.isScrollQuery()) {
            return scroll(criteria, path, sort, limit, accessor.getScrollPosition());
        }
        Pageable pageable = accessor.getPageable();
        if (method.isPageQuery() || method.isSliceQuery()) {
            return page(criteria, path, sort, pageable);
        }
        if (method.isStreamQuery()) {
            return store.query(path, filter(criteria), sort, 0, limit);
        }
        if (method.isCollectionQuery()) {
            return list(store.query(path, filter(criteria), sort, 0, limit));
        }
        List<T> found = list(store.query(path, filter(criteria), sort, 0, Math.min(limit < 0 ? 2 : limit, 2)));
        if (found.size() > 1) {
            throw new IncorrectResultSizeDataAccessException("query method " + method.getName()
                    + " expects at most one result but found several; use a collection return type or First/Top", 1);
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private Object page(Criteria<T> criteria, AccessPath path, Sort sort, Pageable pageable) {
        if (pageable.isUnpaged()) {
            return new PageImpl<>(list(store.query(path, filter(criteria), sort, 0, -1)));
        }
        int size = pageable.getPageSize();
        if (method.isSliceQuery()) {
            List<T> content = list(store.query(path, filter(criteria), sort, pageable.getOffset(), size + 1L));
            boolean hasNext = content.size() > size;
            return new SliceImpl<>(hasNext ? content.subList(0, size) : content, pageable, hasNext);
        }
        List<T> content = list(store.query(path, filter(criteria), sort, pageable.getOffset(), size));
        return PageableExecutionUtils.getPage(content, pageable, () -> {
            try (Stream<T> matches = store.query(path, filter(criteria), Sort.unsorted(), 0, -1)) {
                return matches.count();
            }
        });
    }

    private Window<T> scroll(Criteria<T> criteria, AccessPath path, Sort sort, long limit, @Nullable ScrollPosition position) {
        if (position instanceof OffsetScrollPosition offset) {
            long skip = offset.isInitial() ? 0 : offset.getOffset() + 1;
            List<T> content = list(store.query(path, filter(criteria), sort, skip, limit < 0 ? -1 : limit + 1));
            return window(content, limit, offset.positionFunction()::apply);
        }
        KeysetScrollPosition keyset = position instanceof KeysetScrollPosition k ? k : ScrollPosition.keyset();
        AccessPath keyed = store.getOrdering().descendingFor(sort, path) != null ? path : AccessPath.all();
        Boolean descending = store.getOrdering().descendingFor(sort, keyed);
        if (descending == null) {
            throw new InvalidDataAccessApiUsageException("keyset scrolling of " + method.getName() + " needs results in key "
                    + "order: sort by the id, or by the @Indexed property the query compares (then the id); got " + sort);
        }
        boolean backward = keyset.scrollsBackward();
        Bytes resume = keyset.isInitial() ? null : resumeKey(keyed, keyset.getKeys());
        List<T> fetched;
        try (Stream<T> scan = store.scan(keyed, descending ^ backward, resume).filter(criteria)) {
            fetched = (limit < 0 ? scan : scan.limit(limit + 1)).toList();
        }
        boolean hasNext = limit >= 0 && fetched.size() > limit;
        List<T> items = new ArrayList<>(hasNext ? fetched.subList(0, (int) limit) : fetched);
        if (backward) {
            Collections.reverse(items); // scanned towards the start; the window keeps the sort order
        }
        return Window.from(items, i -> ScrollPosition.of(keysOf(keyed, items.get(i)), keyset.getDirection()), hasNext);
    }

    private static <T> Window<T> window(List<T> fetched, long limit, IntFunction<? extends ScrollPosition> positions) {
        boolean hasNext = limit >= 0 && fetched.size() > limit;
        return Window.from(hasNext ? fetched.subList(0, (int) limit) : fetched, positions, hasNext);
    }

    /** The keyset of {@code bean}: the id, preceded by the indexed property's value on an index path. */
    private Map<String, Object> keysOf(AccessPath path, T bean) {
        Map<String, Object> keys = new LinkedHashMap<>();
        if (path instanceof AccessPath.Index index) {
            keys.put(index.property().getName(), store.getEntity().getPropertyAccessor(bean).getProperty(index.property()));
        }
        keys.put(store.getEntity().getRequiredIdProperty().getName(), store.idOf(bean));
        return keys;
    }

    private Bytes resumeKey(AccessPath path, Map<String, Object> keys) {
        Object id = keyValue(keys, store.getEntity().getRequiredIdProperty());
        Bytes idKey = store.idKey(id);
        if (path instanceof AccessPath.Index index) {
            return store.indexOf(index.property()).key(keyValue(keys, index.property()), idKey);
        }
        return idKey;
    }

    private Object keyValue(Map<String, Object> keys, SledPersistentProperty property) {
        Object value = keys.get(property.getName());
        if (value == null) {
            throw new InvalidDataAccessApiUsageException("keyset position " + keys + " of " + method.getName()
                    + " has no value for '" + property.getName() + "'; use the positions of the Window this query returned");
        }
        Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(property.getType());
        return type.isInstance(value) ? value : CONVERSION.convert(value, type);
    }

    private long limit(Limit limit) {
        Integer max = tree.getMaxResults();
        long fromArgument = limit.isLimited() ? limit.max() : -1;
        if (max == null) {
            return fromArgument;
        }
        return fromArgument < 0 ? max : Math.min(max, fromArgument);
    }

    /** The criteria as a filter; none for a method without predicate, so offsets can skip undecoded keys. */
    private @Nullable Predicate<T> filter(Criteria<T> criteria) {
        return tree.hasPredicate() ? criteria : null;
    }

    private List<T> list(Stream<T> stream) {
        try (stream) {
            return stream.toList();
        }
    }

    @Override
    public String toString() {
        return "SledPartTreeQuery[" + method.getName() + "]";
    }
}
