package dev.sled.spring.boot.autoconfigure;

import dev.sled.SledConfig;

/**
 * Callback to customize the {@link SledConfig} of the auto-configured database after the
 * {@code sled.*} properties have been applied, for settings that have no property (such as a
 * {@link dev.sled.spi.FileIo}). Customizers run in {@link org.springframework.core.Ordered order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SledConfigCustomizer {

    void customize(SledConfig config);
}
