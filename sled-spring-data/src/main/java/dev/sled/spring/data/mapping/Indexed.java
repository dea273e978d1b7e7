package dev.sled.spring.data.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps a secondary index on a top-level property, so that derived queries on it ({@code findByStatus},
 * {@code findByTotalGreaterThan}) scan the index instead of every entity. The index lives in its own
 * tree, {@code <keyspace>.idx.<property>}, with one empty-valued entry per entity whose key is the
 * encoded property value followed by the encoded id; it is written in the same engine transaction as
 * the entity. Null values are not indexed. The property's type needs a
 * {@link dev.sled.spring.data.convert.KeyCodec}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.ANNOTATION_TYPE})
public @interface Indexed {
}
