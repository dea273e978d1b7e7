/** Turning sled repositories on: {@link dev.sled.spring.data.repository.config.EnableSledRepositories}. */
@NullMarked
package dev.sled.spring.data.repository.config;

import org.jspecify.annotations.NullMarked;
