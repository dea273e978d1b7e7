package dev.sled.spring.boot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How much binding {@link SledMetrics} slows the engine's hot path: rounds of random gets and inserts,
 * alternating between a bare database and one whose meters a registry reads every 100 ms (far more often
 * than a real scrape). Prints the median throughput of each. Not part of the build; run it with
 * {@code ./mvnw -q -pl sled-spring-boot-autoconfigure -am test -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest=SledMetricsOverheadBenchmarkTests -Dsled.benchmark=true} and read
 * {@code target/surefire-reports/*SledMetricsOverheadBenchmarkTests-output.txt}.
 */
@EnabledIfSystemProperty(named = "sled.benchmark", matches = "true")
class SledMetricsOverheadBenchmarkTests {

    private static final int KEYS = 100_000;

    private static final int ROUNDS = 10;

    private static final long ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);

    @TempDir
    Path dir;

    @Test
    void metricsDoNotSlowTheHotPath() {
        double[] bare = new double[ROUNDS];
        double[] metered = new double[ROUNDS];
        try (SledDb db = SledConfig.builder().path(this.dir).open()) {
            for (int i = 0; i < KEYS; i++) {
                db.insert(key(i), Bytes.ofLong(i));
            }
            run(db, 2 * ROUND_NANOS);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    bare[round] = run(db, ROUND_NANOS);
                    if (round == 0) {
                        new SledMetrics(db).bindTo(registry);
                        scraper.scheduleAtFixedRate(() -> registry.getMeters().forEach(SledMetricsOverheadBenchmarkTests::read),
                                0, 100, TimeUnit.MILLISECONDS);
                    }
                    metered[round] = run(db, ROUND_NANOS);
                }
            }
            finally {
                scraper.shutdownNow();
            }
        }
        double bareMedian = median(bare);
        double meteredMedian = median(metered);
        System.out.printf("sled ops/s without metrics: %.0f, with metrics: %.0f, ratio %.3f%n", bareMedian,
                meteredMedian, meteredMedian / bareMedian);
        assertThat(meteredMedian / bareMedian).isGreaterThan(0.9);
    }

    private static double run(SledDb db, long nanos) {
        SplittableRandom random = new SplittableRandom(7);
        long operations = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            for (int i = 0; i < 1_000; i++) {
                int k = random.nextInt(KEYS);
                if ((i & 3) == 0) {
                    db.insert(key(k), Bytes.ofLong(i));
                }
                else {
                    db.get(key(k));
                }
            }
            operations += 1_000;
            elapsed = System.nanoTime() - start;
        }
        while (elapsed < nanos);
        return operations * 1e9 / elapsed;
    }

    private static void read(Meter meter) {
        meter.measure().forEach((measurement) -> measurement.getValue());
    }

    private static Bytes key(int i) {
        return Bytes.of("key-" + i);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
