package dev.sled.bench;

import java.nio.file.Path;
import java.util.function.ObjDoubleConsumer;

/**
 * What a phase runs against: which store, how many keys, where its files live, and where its figures
 * go.
 *
 * @param root the directory holding every store's files for this run
 */
record PhaseContext(StoreKind kind, int n, Path root, ObjDoubleConsumer<Metric> results) {

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

    void report(Metric metric, double value) {
        results.accept(metric, value);
    }
}
