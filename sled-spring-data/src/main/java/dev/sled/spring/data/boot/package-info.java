/**
 * Spring Boot auto-configuration of sled repositories; active only when Spring Boot is on the classpath.
 */
@NullMarked
package dev.sled.spring.data.boot;

import org.jspecify.annotations.NullMarked;
