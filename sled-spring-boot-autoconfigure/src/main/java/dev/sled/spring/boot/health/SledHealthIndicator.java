package dev.sled.spring.boot.health;

import dev.sled.SledDb;
import dev.sled.SledStats;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} for a sled database: UP while it accepts writes, DOWN once it is closed, after a
 * failed background flush of the embedded engine (which then refuses writes until it is reopened), or
 * while an etcd cluster has no quorum. On the embedded engine the check reads counters and never touches
 * the disk; on etcd it asks each member for its status, bounded by the connect timeout. Either way it
 * cannot hang the health endpoint.
 *
 * @since 0.1.0
 */
public class SledHealthIndicator extends AbstractHealthIndicator {

    private final SledDb db;

    private final BackendHealth backend;

    public SledHealthIndicator(SledDb db) {
        super("sled health check failed");
        this.db = db;
        this.backend = BackendHealth.of(db);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        this.backend.describe(builder);
        if (this.db.isClosed()) {
            builder.down().withDetail("error", "database closed");
            return;
        }
        String problem = this.backend.check(builder);
        // Read after the backend's check, which refreshes the etcd database's size.
        SledStats stats = this.db.stats();
        if (stats.failure() != null) {
            problem = stats.failure();
        }
        if (problem != null) {
            builder.down().withDetail("error", problem);
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
