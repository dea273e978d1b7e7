package dev.sled.bench;

/** One reported figure: a row of the results table. */
enum Metric {
    FILL_SEQ("W1 fill-seq", "puts/s", true),
    FILL_RANDOM("W2 fill-random", "puts/s", true),
    GETS_1("W3 random gets, 1 thread", "gets/s", true),
    GETS_2("W3 random gets, 2 threads", "gets/s", true),
    MIXED("W4 mixed 95/5, 2 threads", "ops/s", true),
    SCANS("W5 100-key range scans", "scans/s", true),
    DURABLE_1("W6 put + fsync, 1 writer", "writes/s", true),
    DURABLE_8("W6 put + fsync, 8 writers", "writes/s", true),
    SPACE_SEQ("W7 space after W1, closed", "x raw", false),
    SPACE_RANDOM("W7 space after W2, closed", "x raw", false),
    SPACE_OVERWRITE("W7 space after overwriting W2's keys, closed", "x raw", false),
    REOPEN("W8 reopen, fresh JVM, libraries loaded", "ms", false),
    REOPEN_COLD("W8 reopen, fresh JVM, first open of the process", "ms", false),
    IDS_1("ID generator, 1 thread", "IDs/s", true),
    IDS_2("ID generator, 2 threads", "IDs/s", true),
    TX_1("disjoint-key transactions, 1 thread", "tx/s", true),
    TX_2("disjoint-key transactions, 2 threads", "tx/s", true),
    PLAIN_1("the same writes without transactions, 1 thread", "pairs/s", true),
    PLAIN_2("the same writes without transactions, 2 threads", "pairs/s", true),
    SIZE_PLAIN("compressible data on disk, no compression", "x raw", false),
    SIZE_ZSTD("compressible data on disk, zstd level 3", "x raw", false);

    private final String label;
    private final String unit;
    private final boolean higherIsBetter;

    Metric(String label, String unit, boolean higherIsBetter) {
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    String label() {
        return label;
    }

    String unit() {
        return unit;
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether the figure is the size of a store's local files. */
    boolean measuresFiles() {
        return this == SPACE_SEQ || this == SPACE_RANDOM || this == SPACE_OVERWRITE;
    }
}
