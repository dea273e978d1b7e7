package dev.sled.spring.data.repository.support;

import dev.sled.spring.data.mapping.SledMappingContext;
import dev.sled.spring.data.mapping.SledPersistentEntity;
import dev.sled.spring.data.mapping.SledPersistentProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.support.ExampleMatcherAccessor;

/**
 * The predicate of a Query by Example probe: every non-null property of the probe (and, with
 * {@code NullHandler.INCLUDE}, every null one) becomes a check, nested objects are compared property by
 * property, strings follow the matcher's string matching and case rules. The version property is not
 * compared; primitive properties always have a value, so ignore them with {@code withIgnorePaths} when
 * they should not count.
 */
final class ExampleCriteria implements Predicate<Object> {

    private final Class<?> probeType;
    private final List<Predicate<Object>> checks;
    private final boolean allMatching;

    private ExampleCriteria(Class<?> probeType, List<Predicate<Object>> checks, boolean allMatching) {
        this.probeType = probeType;
        this.checks = checks;
        this.allMatching = allMatching;
    }

    static ExampleCriteria of(Example<?> example, SledMappingContext mappingContext) {
        ExampleMatcherAccessor matcher = new ExampleMatcherAccessor(example.getMatcher());
        List<Predicate<Object>> checks = new ArrayList<>();
        collect(mappingContext, mappingContext.getRequiredPersistentEntity(example.getProbeType()), example.getProbe(), "",
                matcher, bean -> bean, checks);
        return new ExampleCriteria(example.getProbeType(), checks, example.getMatcher().isAllMatching());
    }

    private static void collect(SledMappingContext mappingContext, SledPersistentEntity<?> entity, Object probe, String prefix,
            ExampleMatcherAccessor matcher, Function<Object, @Nullable Object> owner, List<Predicate<Object>> checks) {
        entity.doWithProperties((SledPersistentProperty property) -> {
            String path = prefix + property.getName();
            if (property.isVersionProperty() || matcher.isIgnoredPath(path)) {
                return;
            }
            Object expected = matcher.getValueTransformerForPath(path)
                    .apply(Optional.ofNullable(entity.getPropertyAccessor(probe).getProperty(property))).orElse(null);
            Function<Object, @Nullable Object> actual = bean -> {
                Object holder = owner.apply(bean);
                return holder == null ? null : entity.getPropertyAccessor(holder).getProperty(property);
            };
            if (expected == null) {
                if (matcher.getNullHandler() == ExampleMatcher.NullHandler.INCLUDE) {
                    checks.add(bean -> actual.apply(bean) == null);
                }
                return;
            }
            SledPersistentEntity<?> nested = property.isEntity() && !property.isCollectionLike() && !property.isMap()
                    ? mappingContext.getPersistentEntity(property) : null;
            if (nested != null) {
                collect(mappingContext, nested, expected, path + ".", matcher, actual, checks);
            } else {
                checks.add(bean -> matches(actual.apply(bean), expected, path, matcher));
            }
        });
    }

    private static boolean matches(@Nullable Object actual, Object expected, String path, ExampleMatcherAccessor matcher) {
        if (!(actual instanceof String text) || !(expected instanceof String pattern)) {
            return Objects.deepEquals(actual, expected);
        }
        boolean ignoreCase = matcher.isIgnoreCaseForPath(path);
        String a = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        String b = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        return switch (matcher.getStringMatcherForPath(path)) {
            case DEFAULT, EXACT -> a.equals(b);
            case STARTING -> a.startsWith(b);
            case ENDING -> a.endsWith(b);
            case CONTAINING -> a.contains(b);
            case REGEX -> Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(text).matches();
        };
    }

    @Override
    public boolean test(Object bean) {
        if (!probeType.isInstance(bean)) {
            return false;
        }
        if (checks.isEmpty()) {
            return true;
        }
        return allMatching ? checks.stream().allMatch(check -> check.test(bean)) : checks.stream().anyMatch(check -> check.test(bean));
    }
}
