package dev.sled.spring.boot.test.autoconfigure;

import dev.sled.spring.boot.autoconfigure.SledAutoConfiguration;
import dev.sled.spring.boot.autoconfigure.SledConfigCustomizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Points the test database at a new temporary directory, deleted when the context closes. It applies
 * after every other customizer and overrides {@code sled.path}, so that a test never opens (or deletes)
 * the application's own data.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = SledAutoConfiguration.class)
public final class TemporarySledDatabaseAutoConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SledConfigCustomizer temporarySledDatabase() {
        return (config) -> {
            try {
                config.path(Files.createTempDirectory("sled-test-")).temporary(true);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not create a temporary directory for the test database", ex);
            }
        };
    }
}
