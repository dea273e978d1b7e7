package dev.sled.spring.boot.health;

import dev.sled.SledDb;
import dev.sled.SledStats;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} for a sled database: UP while it accepts writes, DOWN once it is closed or
 * after a failed background flush (the engine then refuses writes until it is reopened). The check
 * reads the engine's counters and never touches the disk, so it cannot hang the health endpoint.
 *
 * @since 0.1.0
 */
public class SledHealthIndicator extends AbstractHealthIndicator {

    private final SledDb db;

    public SledHealthIndicator(SledDb db) {
        super("sled health check failed");
        this.db = db;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("path", this.db.config().path().toAbsolutePath().toString());
        if (this.db.isClosed()) {
            builder.down().withDetail("error", "database closed");
            return;
        }
        SledStats stats = this.db.stats();
        if (stats.failure() != null) {
            builder.down().withDetail("error", stats.failure());
        }
        else {
            builder.up();
        }
        builder.withDetail("sizeOnDisk", stats.diskBytes())
            .withDetail("trees", stats.trees())
            .withDetail("recovered", stats.recovered());
        if (stats.lastFlushMillis() > 0) {
            Instant lastFlush = Instant.ofEpochMilli(stats.lastFlushMillis());
            builder.withDetail("lastFlush", lastFlush.toString())
                .withDetail("timeSinceLastFlush", Duration.between(lastFlush, Instant.now()).toString());
        }
    }
}
