/** Auto-configuration for the sled health contributor. */
@NullMarked
package dev.sled.spring.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
