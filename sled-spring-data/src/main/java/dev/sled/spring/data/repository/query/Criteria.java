package dev.sled.spring.data.repository.query;

import dev.sled.spring.data.core.EntityStore;
import dev.sled.spring.data.mapping.SledMappingContext;
import dev.sled.spring.data.mapping.SledPersistentProperty;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyPath;
import org.springframework.data.repository.query.ParameterAccessor;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;

/**
 * The predicate of a derived query bound to one call's arguments, in the form {@code PartTree} parses:
 * a disjunction ({@code Or}) of conjunctions ({@code And}) of {@link Condition}s.
 */
final class Criteria<T> implements Predicate<T> {

    private final List<List<Condition<T>>> disjunction;

    private Criteria(List<List<Condition<T>>> disjunction) {
        this.disjunction = disjunction;
    }

    static <T> Criteria<T> bind(PartTree tree, ParameterAccessor parameters, EntityStore<T> store,
            SledMappingContext mappingContext) {
        Iterator<Object> arguments = parameters.iterator();
        List<List<Condition<T>>> disjunction = new ArrayList<>();
        for (PartTree.OrPart orPart : tree) {
            List<Condition<T>> conjunction = new ArrayList<>();
            for (Part part : orPart) {
                List<@Nullable Object> values = new ArrayList<>(part.getNumberOfArguments());
                for (int i = 0; i < part.getNumberOfArguments(); i++) {
                    values.add(arguments.next());
                }
                PersistentPropertyPath<SledPersistentProperty> path = mappingContext.getPersistentPropertyPath(part.getProperty());
                conjunction.add(new Condition<>(part, path, values, store.getOrdering()));
            }
            disjunction.add(conjunction);
        }
        return new Criteria<>(disjunction);
    }

    /** The conditions that must all hold, when there is no {@code Or}; null otherwise. */
    @Nullable List<Condition<T>> conjunction() {
        return disjunction.size() == 1 ? disjunction.get(0) : null;
    }

    @Override
    public boolean test(T bean) {
        if (disjunction.isEmpty()) {
            return true;
        }
        for (List<Condition<T>> conjunction : disjunction) {
            if (conjunction.stream().allMatch(condition -> condition.test(bean))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return disjunction.toString();
    }
}
