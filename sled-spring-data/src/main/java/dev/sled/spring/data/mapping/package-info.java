/**
 * Mapping metadata: {@link dev.sled.spring.data.mapping.SledEntity} names an entity's keyspace,
 * {@link dev.sled.spring.data.mapping.Indexed} adds a secondary index, and
 * {@link dev.sled.spring.data.mapping.SledMappingContext} holds what Spring Data learns about each type.
 */
@NullMarked
package dev.sled.spring.data.mapping;

import org.jspecify.annotations.NullMarked;
