/** Auto-configuration for Spring transactions on sled, with retry of conflicting commits. */
@NullMarked
package dev.sled.spring.boot.autoconfigure.transaction;

import org.jspecify.annotations.NullMarked;
