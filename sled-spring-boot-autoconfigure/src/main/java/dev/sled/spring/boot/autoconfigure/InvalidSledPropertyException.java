package dev.sled.spring.boot.autoconfigure;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@code sled.*} property holds a value that binds but that sled rejects, such as a cache smaller than
 * the engine's minimum. Carries the property's name so that the failure analysis can point at it.
 *
 * @since 0.1.0
 */
public class InvalidSledPropertyException extends IllegalArgumentException {

    private final String property;

    private final @Nullable Object value;

    public InvalidSledPropertyException(String property, @Nullable Object value, String reason) {
        super("Invalid value '" + value + "' for property '" + property + "': " + reason);
        this.property = property;
        this.value = value;
    }

    /**
     * Passes {@code value} to {@code setter}, which validates it (as the engine's {@code SledConfig} and
     * Spring's {@code RetryPolicy.Builder} do), and reports its rejection against {@code property}.
     * A null value is skipped, leaving the setter's default.
     */
    public static <T> void apply(String property, @Nullable T value, Consumer<? super T> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidSledPropertyException(property, value, ex.getMessage());
        }
    }

    public String getProperty() {
        return this.property;
    }

    public @Nullable Object getValue() {
        return this.value;
    }
}
