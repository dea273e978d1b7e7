/** The repository factory and the base implementation behind every sled repository. */
@NullMarked
package dev.sled.spring.data.repository.support;

import org.jspecify.annotations.NullMarked;
