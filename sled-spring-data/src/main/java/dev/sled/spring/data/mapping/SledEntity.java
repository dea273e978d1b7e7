package dev.sled.spring.data.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.data.annotation.Persistent;

/**
 * Marks a type stored by sled repositories and names its keyspace: the engine tree that holds its
 * entities. Without a name the keyspace is the simple class name with a lower-case first letter
 * ({@code CustomerOrder} → {@code customerOrder}). Index trees are named
 * {@code <keyspace>.idx.<property>}.
 *
 * <pre>{@code
 * @SledEntity("orders")
 * record Order(@Id Long id, @Indexed String customer, BigDecimal total) {}
 * }</pre>
 */
@Documented
@Persistent
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SledEntity {

    /** The keyspace; empty derives it from the class name. */
    @AliasFor("keyspace")
    String value() default "";

    /** Alias for {@link #value()}. */
    @AliasFor("value")
    String keyspace() default "";
}
