/** Actuator health for sled databases. */
@NullMarked
package dev.sled.spring.boot.health;

import org.jspecify.annotations.NullMarked;
