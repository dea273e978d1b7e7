/** Micrometer meters for sled databases. */
@NullMarked
package dev.sled.spring.boot.metrics;

import org.jspecify.annotations.NullMarked;
