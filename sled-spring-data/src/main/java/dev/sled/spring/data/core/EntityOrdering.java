package dev.sled.spring.data.core;

import dev.sled.spring.data.convert.KeyCodecs;
import dev.sled.spring.data.mapping.SledMappingContext;
import dev.sled.spring.data.mapping.SledPersistentEntity;
import dev.sled.spring.data.mapping.SledPersistentProperty;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.AccessOptions;
import org.springframework.data.mapping.PersistentPropertyPath;

/**
 * Orders entities: tells whether the key order of an {@link AccessPath} already gives a requested
 * {@link Sort} (so results can stream), and otherwise compares entities in memory.
 */
public final class EntityOrdering<T> {

    private static final AccessOptions.GetOptions NULL_SAFE =
            AccessOptions.defaultGetOptions().withNullValues(AccessOptions.GetOptions.GetNulls.EARLY_RETURN);

    private final SledPersistentEntity<T> entity;
    private final SledMappingContext mappingContext;
    private final KeyCodecs keyCodecs;

    EntityOrdering(SledPersistentEntity<T> entity, SledMappingContext mappingContext, KeyCodecs keyCodecs) {
        this.entity = entity;
        this.mappingContext = mappingContext;
        this.keyCodecs = keyCodecs;
    }

    /**
     * Whether scanning {@code path} yields the order of {@code sort}: {@code FALSE} scanning forward,
     * {@code TRUE} scanning backward, null when it cannot (then results are sorted in memory). The entity
     * tree gives the id order; an index gives (value, id).
     */
    public @Nullable Boolean descendingFor(Sort sort, AccessPath path) {
        List<Sort.Order> orders = sort.toList();
        if (orders.isEmpty()) {
            return Boolean.FALSE;
        }
        if (orders.stream().anyMatch(Sort.Order::isIgnoreCase)) {
            return null;
        }
        String id = entity.getRequiredIdProperty().getName();
        List<String> keyOrder = path instanceof AccessPath.Index index ? List.of(index.property().getName(), id) : List.of(id);
        if (orders.size() > keyOrder.size()) {
            return null;
        }
        Sort.Direction direction = orders.get(0).getDirection();
        for (int i = 0; i < orders.size(); i++) {
            if (!orders.get(i).getProperty().equals(keyOrder.get(i)) || orders.get(i).getDirection() != direction) {
                return null;
            }
        }
        return direction.isDescending();
    }

    /** A comparator for {@code sort} over property paths; nulls sort last unless the order says otherwise. */
    public Comparator<T> comparator(Sort sort) {
        Comparator<T> comparator = (a, b) -> 0;
        for (Sort.Order order : sort) {
            PersistentPropertyPath<SledPersistentProperty> path = mappingContext.getPersistentPropertyPath(order.getProperty(), entity.getType());
            Comparator<Object> values = (a, b) -> compareValues(a, b, order.isIgnoreCase());
            if (order.isDescending()) {
                values = values.reversed();
            }
            Comparator<@Nullable Object> withNulls = order.getNullHandling() == Sort.NullHandling.NULLS_FIRST
                    ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
            comparator = comparator.thenComparing(bean -> valueOf(bean, path), withNulls);
        }
        return comparator;
    }

    /** The value at {@code path} of {@code bean}, or null when it or a property on the way is null. */
    public @Nullable Object valueOf(T bean, PersistentPropertyPath<SledPersistentProperty> path) {
        return entity.getPropertyPathAccessor(bean).getProperty(path, NULL_SAFE);
    }

    /** Compares two non-null values in key order (see {@link KeyCodecs#compare}). */
    public int compareValues(Object a, Object b, boolean ignoreCase) {
        if (ignoreCase && a instanceof String s && b instanceof String t) {
            return keyCodecs.compare(s.toLowerCase(Locale.ROOT), t.toLowerCase(Locale.ROOT));
        }
        return keyCodecs.compare(a, b);
    }
}
