package dev.sled.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.bench.jmh.IdGeneratorBenchmark;
import dev.sled.bench.jmh.TransactionBenchmark;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The only part of the benchmarks that {@code ./mvnw verify} runs: every phase once for every store on
 * a tiny data set, in this JVM, to show that the adapters answer correctly (the workloads check every
 * answer) and that each phase reports its figures. It measures nothing.
 */
class WorkloadSmokeTest {

    private static final int N = 1000;

    @ParameterizedTest
    @EnumSource(value = StoreKind.class, names = "ETCD", mode = EnumSource.Mode.EXCLUDE)
    void everyPhaseRunsAndReportsItsFigures(StoreKind kind, @TempDir Path dir) {
        runEveryPhase(kind, dir);
    }

    /** Runs every phase that applies to {@code kind} and checks its figures and latency percentiles. */
    static void runEveryPhase(StoreKind kind, Path dir) {
        // answers, not speed: a tenth of each phase warms up
        System.setProperty(Warmup.MIN_MS, "0");
        System.setProperty(Warmup.MAX_MS, "0");
        for (Phase phase : Phase.values()) {
            if (!phase.appliesTo(kind)) {
                continue;
            }
            Map<Metric, Double> figures = new EnumMap<>(Metric.class);
            Map<Metric, double[]> latencies = new EnumMap<>(Metric.class);
            phase.run(new PhaseContext(kind, N, dir, figures::put, (m, p50, p99) -> latencies.put(m, new double[] {p50, p99})));
            assertThat(figures.keySet()).as(phase.id()).containsExactlyInAnyOrderElementsOf(phase.metricsOf(kind));
            assertThat(figures.values()).as(phase.id()).allSatisfy(v -> assertThat(v).isPositive().isFinite());
            assertThat(latencies.values()).as(phase.id())
                    .allSatisfy(l -> assertThat(l[1]).isPositive().isFinite().isGreaterThanOrEqualTo(l[0]));
        }
    }

    @Test
    void jmhBenchmarksRunTheirOperations(@TempDir Path dir) {
        System.setProperty("bench.dir", dir.toString());
        IdGeneratorBenchmark ids = new IdGeneratorBenchmark();
        ids.open();
        try {
            long first = ids.generateId();
            assertThat(ids.generateId()).isGreaterThan(first);
        } finally {
            ids.close();
        }

        TransactionBenchmark tx = new TransactionBenchmark();
        tx.open();
        try {
            TransactionBenchmark.Accounts accounts = new TransactionBenchmark.Accounts();
            accounts.claim(tx);
            assertThat(tx.transfer(accounts)).isEqualTo(999_999);
            for (int i = 1; i < TransactionBenchmark.ACCOUNTS / 2; i++) {
                tx.transfer(accounts);
            }
            assertThat(tx.transfer(accounts)).as("the first account again, one lap later").isEqualTo(999_998);
        } finally {
            tx.close();
            System.clearProperty("bench.dir");
        }
    }
}
