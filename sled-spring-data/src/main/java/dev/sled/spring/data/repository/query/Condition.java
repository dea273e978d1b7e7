package dev.sled.spring.data.repository.query;

import dev.sled.spring.data.core.EntityOrdering;
import dev.sled.spring.data.mapping.SledPersistentProperty;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.mapping.PersistentPropertyPath;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.util.ClassUtils;
import org.springframework.util.ObjectUtils;

/**
 * One predicate of a derived query ({@code TotalGreaterThan}, {@code StatusIn}, ...) bound to its
 * arguments, which are converted to the property's type so that comparisons agree with key order.
 */
final class Condition<T> {

    /** The keywords a sled query supports; the others (geo, for instance) are rejected at start-up. */
    static final Set<Part.Type> SUPPORTED = EnumSet.complementOf(EnumSet.of(Part.Type.NEAR, Part.Type.WITHIN));

    private static final ConversionService CONVERSION = DefaultConversionService.getSharedInstance();

    private final Part part;
    private final PersistentPropertyPath<SledPersistentProperty> path;
    private final List<@Nullable Object> arguments;
    private final boolean ignoreCase;
    private final EntityOrdering<T> ordering;

    Condition(Part part, PersistentPropertyPath<SledPersistentProperty> path, List<@Nullable Object> rawArguments,
            EntityOrdering<T> ordering) {
        this.part = part;
        this.path = path;
        this.ordering = ordering;
        this.ignoreCase = part.shouldIgnoreCase() != Part.IgnoreCaseType.NEVER && leafType() == String.class;
        this.arguments = rawArguments.stream().map(this::convert).toList();
    }

    Part.Type type() {
        return part.getType();
    }

    /** The property when it is a top-level one (only those can be keys or indexed). */
    @Nullable SledPersistentProperty topLevelProperty() {
        return path.getLength() == 1 ? path.getLeafProperty() : null;
    }

    boolean ignoresCase() {
        return ignoreCase;
    }

    @Nullable Object argument(int index) {
        return arguments.get(index);
    }

    boolean test(T bean) {
        Object value = ordering.valueOf(bean, path);
        return switch (part.getType()) {
            case SIMPLE_PROPERTY -> isEqual(value, argument(0));
            case NEGATING_SIMPLE_PROPERTY -> !isEqual(value, argument(0));
            case GREATER_THAN, AFTER -> value != null && compare(value, required(0)) > 0;
            case GREATER_THAN_EQUAL -> value != null && compare(value, required(0)) >= 0;
            case LESS_THAN, BEFORE -> value != null && compare(value, required(0)) < 0;
            case LESS_THAN_EQUAL -> value != null && compare(value, required(0)) <= 0;
            case BETWEEN -> value != null && compare(value, required(0)) >= 0 && compare(value, required(1)) <= 0;
            case IS_NULL -> value == null;
            case IS_NOT_NULL, EXISTS -> value != null;
            case TRUE -> Boolean.TRUE.equals(value);
            case FALSE -> Boolean.FALSE.equals(value);
            case IN -> elements(required(0)).stream().anyMatch(element -> isEqual(value, element));
            case NOT_IN -> elements(required(0)).stream().noneMatch(element -> isEqual(value, element));
            case STARTING_WITH -> value != null && text(value).startsWith(text(required(0)));
            case ENDING_WITH -> value != null && text(value).endsWith(text(required(0)));
            case CONTAINING -> contains(value, required(0));
            case NOT_CONTAINING -> !contains(value, required(0));
            case LIKE -> value != null && like(text(required(0))).matcher(text(value)).matches();
            case NOT_LIKE -> value == null || !like(text(required(0))).matcher(text(value)).matches();
            case REGEX -> value != null && Pattern.compile(required(0).toString()).matcher(value.toString()).matches();
            case IS_EMPTY -> isEmpty(value);
            case IS_NOT_EMPTY -> !isEmpty(value);
            case NEAR, WITHIN -> throw new IllegalStateException("unsupported keyword " + part.getType());
        };
    }

    private Object required(int index) {
        Object argument = arguments.get(index);
        if (argument == null) {
            throw new InvalidDataAccessApiUsageException("the argument for '" + part.getProperty().toDotPath() + "' in '"
                    + part + "' must not be null");
        }
        return argument;
    }

    private boolean isEqual(@Nullable Object value, @Nullable Object argument) {
        if (value == null || argument == null) {
            return value == argument;
        }
        if (ignoreCase) {
            return value.toString().equalsIgnoreCase(argument.toString());
        }
        return Objects.deepEquals(value, argument);
    }

    private int compare(Object value, Object argument) {
        try {
            return ordering.compareValues(value, argument, ignoreCase);
        } catch (IllegalArgumentException ex) {
            throw new InvalidDataAccessApiUsageException("cannot evaluate '" + part + "': " + ex.getMessage(), ex);
        }
    }

    private String text(Object value) {
        return ignoreCase ? value.toString().toLowerCase(Locale.ROOT) : value.toString();
    }

    private boolean contains(@Nullable Object value, Object argument) {
        if (value instanceof Collection<?> collection) {
            return collection.stream().anyMatch(element -> isEqual(element, argument));
        }
        return value != null && text(value).contains(text(argument));
    }

    private static boolean isEmpty(@Nullable Object value) {
        return value == null || (value instanceof Collection<?> c && c.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty())
                || (value instanceof CharSequence s && s.isEmpty()) || (value.getClass().isArray() && Array.getLength(value) == 0);
    }

    /** A SQL-style pattern: {@code %} matches any run of characters, {@code _} one character. */
    private static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("(?=[%_])|(?<=[%_])")) {
            regex.append(switch (literal) {
                case "%" -> ".*";
                case "_" -> ".";
                default -> Pattern.quote(literal);
            });
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private Collection<?> elements(Object argument) {
        Collection<?> elements = argument instanceof Collection<?> c ? c
                : argument.getClass().isArray() ? Arrays.asList(ObjectUtils.toObjectArray(argument)) : List.of(argument);
        return elements.stream().map(this::convertToLeafType).toList();
    }

    private @Nullable Object convert(@Nullable Object argument) {
        return switch (part.getType()) {
            case IN, NOT_IN, CONTAINING, NOT_CONTAINING, LIKE, NOT_LIKE, REGEX, STARTING_WITH, ENDING_WITH -> argument;
            default -> convertToLeafType(argument);
        };
    }

    private @Nullable Object convertToLeafType(@Nullable Object argument) {
        Class<?> type = leafType();
        if (argument == null || type.isInstance(argument) || !CONVERSION.canConvert(argument.getClass(), type)) {
            return argument;
        }
        return CONVERSION.convert(argument, type);
    }

    private Class<?> leafType() {
        return ClassUtils.resolvePrimitiveIfNecessary(path.getLeafProperty().getType());
    }

    @Override
    public String toString() {
        return part + " " + arguments;
    }
}
