package dev.sled.spring.boot.health;

import dev.sled.SledDb;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;

/** The embedded engine: its directory. A failed flush shows in its counters, which the indicator reads. */
record EmbeddedHealth(SledDb db) implements BackendHealth {

    @Override
    public void describe(Health.Builder builder) {
        builder.withDetail("path", this.db.config().path().toAbsolutePath().toString());
    }

    @Override
    public @Nullable String check(Health.Builder builder) {
        return null;
    }
}
