/**
 * Entity persistence on sled trees: {@link dev.sled.spring.data.core.SledTemplate} gives one
 * {@link dev.sled.spring.data.core.EntityStore} per entity type, which repositories and derived queries
 * use.
 */
@NullMarked
package dev.sled.spring.data.core;

import org.jspecify.annotations.NullMarked;
