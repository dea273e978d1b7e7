package dev.sled.bench;

import java.nio.file.Path;
import java.util.function.ObjDoubleConsumer;

/**
 * What a phase runs against: which store, how many keys, where its files live, and where its figures
 * go.
 *
 * @param root the directory holding every store's files for this run
 */
record PhaseContext(StoreKind kind, int n, Path root, ObjDoubleConsumer<Metric> results, LatencySink latencies) {

    /** The W1 data set that the read, scan, mixed, durable and reopen phases reuse. */
    Path dataDir() {
        return root.resolve(kind.id());
    }

    /** A directory for this store's throwaway data. */
    Path scratchDir(String purpose) {
        return root.resolve(kind.id() + "-" + purpose);
    }

    Store open(Path dir) {
        return kind.open(dir);
    }

    /** Deletes the store in {@code dir}, if any. */
    void discard(Path dir) {
        kind.discard(dir);
    }

    void report(Metric metric, double value) {
        results.accept(metric, value);
    }

    /** Reports the median and 99th percentile of the operations behind {@code metric}. */
    void reportLatency(Metric metric, Latencies latencies) {
        this.latencies.accept(metric, latencies.percentileMicros(50), latencies.percentileMicros(99));
    }

    /** Where latency percentiles go, in microseconds. */
    @FunctionalInterface
    interface LatencySink {
        void accept(Metric metric, double p50Micros, double p99Micros);
    }
}
