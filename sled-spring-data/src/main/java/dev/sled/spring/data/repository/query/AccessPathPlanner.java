package dev.sled.spring.data.repository.query;

import dev.sled.Bytes;
import dev.sled.KeyRange;
import dev.sled.spring.data.core.AccessPath;
import dev.sled.spring.data.core.EntityStore;
import dev.sled.spring.data.core.KeySpan;
import dev.sled.spring.data.core.SecondaryIndex;
import dev.sled.spring.data.mapping.SledPersistentProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.data.repository.query.parser.Part;

/**
 * Chooses how a derived query reads. For a query without {@code Or}:
 * <ol>
 * <li>conditions on the id become a range of the entity tree ({@code findByIdBetween},
 * {@code findByIdGreaterThan}, {@code findByIdStartingWith} for string ids);
 * <li>otherwise conditions on an {@code @Indexed} property become a range of its index, preferring a
 * property compared for equality;
 * <li>otherwise every entity is scanned, as for every query with {@code Or}.
 * </ol>
 * Several conditions on one property narrow one range. Whatever the path, the full criteria are then
 * checked on each entity, so a path only has to cover every match.
 */
final class AccessPathPlanner {

    private AccessPathPlanner() {
    }

    static <T> AccessPath plan(Criteria<T> criteria, EntityStore<T> store) {
        List<Condition<T>> conjunction = criteria.conjunction();
        if (conjunction == null) {
            return AccessPath.all();
        }
        SledPersistentProperty id = store.getEntity().getRequiredIdProperty();
        KeySpan idSpan = narrow(conjunction, id, new PrimaryKeys(store, id));
        if (idSpan != null) {
            return new AccessPath.Primary(idSpan.toKeyRange());
        }
        Map<SledPersistentProperty, KeySpan> indexSpans = new LinkedHashMap<>();
        for (Condition<T> condition : conjunction) {
            SledPersistentProperty property = condition.topLevelProperty();
            SecondaryIndex index = property == null ? null : store.indexOf(property);
            if (index != null && !indexSpans.containsKey(property)) {
                KeySpan span = narrow(conjunction, property, new IndexKeys(index));
                if (span != null) {
                    indexSpans.put(property, span);
                }
            }
        }
        SledPersistentProperty chosen = conjunction.stream()
                .filter(c -> c.type() == Part.Type.SIMPLE_PROPERTY && indexSpans.containsKey(c.topLevelProperty()))
                .map(Condition::topLevelProperty)
                .findFirst()
                .orElseGet(() -> indexSpans.keySet().stream().findFirst().orElse(null));
        return chosen == null ? AccessPath.all() : new AccessPath.Index(chosen, indexSpans.get(chosen).toKeyRange());
    }

    /** The span of keys whose {@code property} satisfies every range-able condition on it, or null if none is. */
    private static <T> @Nullable KeySpan narrow(List<Condition<T>> conditions, SledPersistentProperty property, Keys keys) {
        KeySpan span = null;
        for (Condition<T> condition : conditions) {
            if (condition.topLevelProperty() == property && !condition.ignoresCase()) {
                KeySpan conditionSpan = spanOf(condition, keys);
                if (conditionSpan != null) {
                    span = span == null ? conditionSpan : span.intersect(conditionSpan);
                }
            }
        }
        return span;
    }

    private static @Nullable KeySpan spanOf(Condition<?> condition, Keys keys) {
        int arguments = condition.type().getNumberOfArguments();
        for (int i = 0; i < arguments; i++) {
            if (condition.argument(i) == null) {
                return null;
            }
        }
        Object first = arguments > 0 ? Objects.requireNonNull(condition.argument(0)) : Boolean.TRUE;
        return switch (condition.type()) {
            case SIMPLE_PROPERTY, TRUE -> keys.equalTo(first);
            case FALSE -> keys.equalTo(Boolean.FALSE);
            case GREATER_THAN, AFTER -> new KeySpan(upper(keys.equalTo(first)), null);
            case GREATER_THAN_EQUAL -> new KeySpan(keys.equalTo(first).lower(), null);
            case LESS_THAN, BEFORE -> new KeySpan(Bytes.EMPTY, keys.equalTo(first).lower());
            case LESS_THAN_EQUAL -> new KeySpan(Bytes.EMPTY, upper(keys.equalTo(first)));
            case BETWEEN -> new KeySpan(keys.equalTo(first).lower(),
                    upper(keys.equalTo(Objects.requireNonNull(condition.argument(1)))));
            case STARTING_WITH -> first instanceof String prefix ? keys.startingWith(prefix) : null;
            default -> null;
        };
    }

    private static Bytes upper(KeySpan equalTo) {
        return Objects.requireNonNull(equalTo.upper(), "the keys of one value always end");
    }

    /** How the values of one property map to keys of the tree that the path reads. */
    private interface Keys {

        KeySpan equalTo(Object value);

        @Nullable KeySpan startingWith(String prefix);
    }

    /** Ids in the entity tree: one key per id. */
    private record PrimaryKeys(EntityStore<?> store, SledPersistentProperty id) implements Keys {

        @Override
        public KeySpan equalTo(Object value) {
            Bytes key = store.idKey(value);
            return new KeySpan(key, KeyRange.successor(key));
        }

        @Override
        public @Nullable KeySpan startingWith(String prefix) {
            return id.getType() == String.class ? KeySpan.prefix(store.idKey(prefix)) : null;
        }
    }

    /** Values in an index tree: a prefix of keys per value. */
    private record IndexKeys(SecondaryIndex index) implements Keys {

        @Override
        public KeySpan equalTo(Object value) {
            return index.valueSpan(value);
        }

        @Override
        public @Nullable KeySpan startingWith(String prefix) {
            return index.property().getType() == String.class ? index.startingWith(prefix) : null;
        }
    }
}
