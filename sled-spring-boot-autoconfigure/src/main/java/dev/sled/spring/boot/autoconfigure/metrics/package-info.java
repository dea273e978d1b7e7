/** Auto-configuration for sled's Micrometer meters. */
@NullMarked
package dev.sled.spring.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
