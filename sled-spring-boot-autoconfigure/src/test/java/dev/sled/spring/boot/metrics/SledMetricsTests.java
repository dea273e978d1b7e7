package dev.sled.spring.boot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SledMetricsTests {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void publishesTheEngineCounters() {
        try (SledDb db = SledConfig.builder().path(this.dir).flushEveryMs(0).open()) {
            new SledMetrics(db).bindTo(this.registry);
            db.insert(Bytes.of("k"), Bytes.of("v"));
            db.get(Bytes.of("k"));
            db.get(Bytes.of("absent"));
            db.flush();

            assertThat(this.registry.get("sled.operations").tag("op", "get").functionCounter().count()).isEqualTo(2);
            assertThat(this.registry.get("sled.operations").tag("op", "insert").functionCounter().count()).isEqualTo(1);
            assertThat(this.registry.get("sled.flushes").functionTimer().count()).isEqualTo(1);
            assertThat(this.registry.get("sled.flushes").functionTimer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(this.registry.get("sled.flush.written").functionCounter().count()).isPositive();
            assertThat(this.registry.get("sled.disk.size").gauge().value()).isPositive();
            assertThat(this.registry.get("sled.trees").gauge().value()).isEqualTo(1);
        }
    }

    @Test
    void declaresBaseUnitsAndEveryMeter() {
        try (SledDb db = SledConfig.builder().path(this.dir).open()) {
            new SledMetrics(db).bindTo(this.registry);

            assertThat(this.registry.get("sled.operations").meters()).hasSize(7)
                .allSatisfy((meter) -> assertThat(meter.getId().getBaseUnit()).isEqualTo("operations"));
            assertThat(this.registry.get("sled.cache.size").gauge().getId().getBaseUnit()).isEqualTo("bytes");
            assertThat(this.registry.get("sled.disk.size").gauge().getId().getBaseUnit()).isEqualTo("bytes");
            assertThat(this.registry.get("sled.cache.gets").tag("result", "hit").functionCounter()).isNotNull();
            assertThat(this.registry.get("sled.cache.gets").tag("result", "miss").functionCounter()).isNotNull();
            assertThat(this.registry.get("sled.transactions").meters()).hasSize(3);
            assertThat(this.registry.get("sled.transaction.retries").functionCounter()).isNotNull();
            assertThat(this.registry.get("sled.subscribers").gauge()).isNotNull();
        }
    }

    @Test
    void addsTheGivenTagsAndKeepsTheLastValuesAfterClose() {
        SledDb db = SledConfig.builder().path(this.dir).open();
        new SledMetrics(db, Tags.of("db", "main")).bindTo(this.registry);
        db.insert(Bytes.of("k"), Bytes.of("v"));
        double inserts = this.registry.get("sled.operations").tags("db", "main", "op", "insert").functionCounter().count();
        db.close();

        assertThat(inserts).isEqualTo(1);
        assertThat(this.registry.get("sled.operations").tags("db", "main", "op", "insert").functionCounter().count())
            .isEqualTo(1);
    }
}
