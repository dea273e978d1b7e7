/**
 * Derived queries: method names parsed by Spring Data's {@code PartTree}, planned as range scans over
 * the entity tree or an index tree where the criteria allow, and as filtered full scans otherwise.
 */
@NullMarked
package dev.sled.spring.data.repository.query;

import org.jspecify.annotations.NullMarked;
