package dev.sled.bench;

import java.util.List;
import java.util.function.Consumer;

/**
 * One unit of work that runs in a JVM of its own, in this order: {@link #FILL_SEQ} builds the data set
 * that the phases after it read and overwrite, and the reopen phases come right after it, so that they
 * open the data exactly as W1 left it.
 */
enum Phase {
    FILL_SEQ("fill-seq", List.of(Metric.FILL_SEQ, Metric.SPACE_SEQ), false, Workloads::fillSequential),
    REOPEN("reopen", List.of(Metric.REOPEN), false, c -> Workloads.reopen(c, true, Metric.REOPEN)),
    REOPEN_COLD("reopen-cold", List.of(Metric.REOPEN_COLD), false, c -> Workloads.reopen(c, false, Metric.REOPEN_COLD)),
    GETS_1("gets-1", List.of(Metric.GETS_1), false, c -> Workloads.gets(c, 1, Metric.GETS_1)),
    GETS_2("gets-2", List.of(Metric.GETS_2), false, c -> Workloads.gets(c, 2, Metric.GETS_2)),
    SCANS("scans", List.of(Metric.SCANS), false, Workloads::scans),
    MIXED("mixed", List.of(Metric.MIXED), false, Workloads::mixed),
    DURABLE_1("durable-1", List.of(Metric.DURABLE_1), false, c -> Workloads.durable(c, 1, Metric.DURABLE_1)),
    DURABLE_8("durable-8", List.of(Metric.DURABLE_8), false, c -> Workloads.durable(c, 8, Metric.DURABLE_8)),
    FILL_RANDOM("fill-random", List.of(Metric.FILL_RANDOM, Metric.SPACE_RANDOM, Metric.SPACE_OVERWRITE), false, Workloads::fillRandom),
    COMPRESSION("compression", List.of(Metric.SIZE_PLAIN, Metric.SIZE_ZSTD), true, Workloads::compression);

    private final String id;
    private final List<Metric> metrics;
    private final boolean sledOnly;
    private final Consumer<PhaseContext> body;

    Phase(String id, List<Metric> metrics, boolean sledOnly, Consumer<PhaseContext> body) {
        this.id = id;
        this.metrics = metrics;
        this.sledOnly = sledOnly;
        this.body = body;
    }

    String id() {
        return id;
    }

    /**
     * The figures this phase reports for {@code kind} (no file sizes for a store without local files); all
     * of them are marked failed when it fails.
     */
    List<Metric> metricsOf(StoreKind kind) {
        return metrics.stream().filter(m -> kind.local() || !m.measuresFiles()).toList();
    }

    boolean appliesTo(StoreKind kind) {
        if (!kind.indexed()) {
            return this == DURABLE_1 || this == DURABLE_8;
        }
        return !sledOnly || kind == StoreKind.SLED;
    }

    void run(PhaseContext context) {
        body.accept(context);
    }

    static Phase of(String id) {
        for (Phase p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown phase '" + id + "'");
    }
}
