package dev.sled.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The workloads of {@code shared/reference/peer-benchmarks.md}, written once against {@link Store}.
 * Operation counts scale with N as in that document at N = 1,000,000: 2N gets, 2N mixed operations,
 * N/100 scans, N/50 durable writes. Every timed part follows an untimed warm-up on the same code path
 * (a tenth of its size, repeated until {@link Warmup} says the JVM has warmed), and every answer is
 * checked, so a store that loses data fails instead of scoring.
 */
final class Workloads {

    static final int SCAN_LENGTH = 100;
    static final int ROUNDS = 5;
    private static final long SEED = 42;
    private Workloads() {
    }

    /** W1 and W7: fills the data set the later phases use, then measures its size closed and checks it. */
    static void fillSequential(PhaseContext c) {
        fill(c, c.dataDir(), null, Metric.FILL_SEQ, Metric.SPACE_SEQ);
    }

    /** W2 and W7: the same keys in random order, into a data set of its own. */
    static void fillRandom(PhaseContext c) {
        Path dir = c.scratchDir("random");
        fill(c, dir, Data.shuffled(c.n(), SEED), Metric.FILL_RANDOM, Metric.SPACE_RANDOM);
        overwriteAll(c, dir);
        c.discard(dir);
    }

    /**
     * W7's third figure (untimed): the W2 data after every key is overwritten once with a new value, in
     * another random order, and the store closed. Every old value is then garbage that compaction must
     * have reclaimed.
     */
    private static void overwriteAll(PhaseContext c, Path dir) {
        try (Store s = c.open(dir)) {
            for (int k : Data.shuffled(c.n(), SEED + 2)) {
                s.put(Data.key(k), Data.value(k, 1));
            }
            s.sync();
        }
        if (c.kind().local()) {
            c.report(Metric.SPACE_OVERWRITE, Disk.allocatedBytes(dir) / ((double) c.n() * Data.ENTRY_SIZE));
        }
        verifyAll(c, dir);
    }

    /**
     * Puts N keys (in {@code order}, or ascending when null) and one sync at the end, so that stores
     * that defer work to their background flush pay for it inside the timed part.
     */
    private static void fill(PhaseContext c, Path dir, int[] order, Metric rate, Metric space) {
        int n = c.n();
        // The warm-up fills throwaway stores: warming the measured one would make it pre-populated.
        Path warmDir = c.scratchDir("warmup");
        c.discard(dir);
        Warmup warmup = new Warmup();
        long started;
        do {
            started = System.nanoTime();
            c.discard(warmDir);
            try (Store s = c.open(warmDir)) {
                putAll(s, n / 10, order == null ? null : Data.shuffled(n / 10, SEED + 1), new Latencies(n));
            }
        } while (!warmup.done(System.nanoTime() - started));
        c.discard(warmDir);
        Latencies latencies = new Latencies(n);
        try (Store s = c.open(dir)) {
            long start = System.nanoTime();
            putAll(s, n, order, latencies);
            c.report(rate, n / seconds(System.nanoTime() - start));
        }
        c.reportLatency(rate, latencies);
        if (c.kind().local()) {
            c.report(space, Disk.allocatedBytes(dir) / ((double) n * Data.ENTRY_SIZE));
        }
        verifyAll(c, dir);
    }

    /**
     * Reopens a filled store and reads every key back (untimed). A store that lost writes at close
     * would otherwise score a flattering space figure; this fails the phase instead.
     */
    private static void verifyAll(PhaseContext c, Path dir) {
        try (Store s = c.open(dir)) {
            for (int i = 0; i < c.n(); i++) {
                expect(s.get(Data.key(i)) == Data.VALUE_SIZE, "key " + i + " is missing after close and reopen");
            }
        }
    }

    /** Puts on one thread, so through the same sampled loop as every other timed workload. */
    private static void putAll(Store s, int count, int[] order, Latencies latencies) {
        Workers.run(1, count, SEED, new Workers.Op() {
            private int i;

            @Override
            public void run(SplittableRandom rnd) {
                int k = order == null ? i : order[i];
                i++;
                s.put(Data.key(k), Data.value(k, 0));
            }
        }, latencies);
        s.sync();
    }

    /**
     * W8: from the call that opens the W1 data to the first read answered, in a JVM that did nothing
     * else. With {@code librariesLoaded}, an empty throwaway store is opened and closed first, so that
     * one-time process costs (class loading, extracting and linking a JNI library) are left out and the
     * figure is the store's own reopen work; without it, the figure is what a restarting application
     * waits for.
     */
    static void reopen(PhaseContext c, boolean librariesLoaded, Metric metric) {
        byte[] probe = Data.key(c.n() / 2);
        if (librariesLoaded) {
            Path empty = c.scratchDir("empty");
            c.discard(empty);
            try (Store s = c.open(empty)) {
                expect(s.get(probe) == -1, "an empty store returned a value");
            }
            c.discard(empty);
        }
        long start = System.nanoTime();
        try (Store s = c.open(c.dataDir())) {
            expect(s.get(probe) == Data.VALUE_SIZE, "the reopened store lost key " + c.n() / 2);
            c.report(metric, (System.nanoTime() - start) / 1e6);
        }
    }

    /** W3: uniform random gets of loaded keys. */
    static void gets(PhaseContext c, int threads, Metric metric) {
        int n = c.n();
        timed(c, threads, 2L * n, metric,
                s -> rnd -> expect(s.get(Data.key(rnd.nextInt(n))) == Data.VALUE_SIZE, "a get missed a loaded key"));
    }

    /** W4: 95% gets, 5% overwrites with a new value, of random loaded keys. */
    static void mixed(PhaseContext c) {
        int n = c.n();
        timed(c, 2, 2L * n, Metric.MIXED, s -> rnd -> {
            int k = rnd.nextInt(n);
            if (rnd.nextInt(100) < 5) {
                s.put(Data.key(k), Data.value(k, 1 + rnd.nextInt(1000)));
            } else {
                expect(s.get(Data.key(k)) == Data.VALUE_SIZE, "a get missed a loaded key");
            }
        });
    }

    /** W5: scans of 100 consecutive keys from random starts. */
    static void scans(PhaseContext c) {
        int n = c.n();
        timed(c, 1, Math.max(1, n / 100), Metric.SCANS, s -> rnd -> expect(
                s.scan(Data.key(rnd.nextInt(n - SCAN_LENGTH + 1)), SCAN_LENGTH) == SCAN_LENGTH * Data.ENTRY_SIZE,
                "a scan returned fewer than " + SCAN_LENGTH + " entries"));
    }

    /** W6: overwrites of random keys, each durable before the writing thread starts its next. */
    static void durable(PhaseContext c, int threads, Metric metric) {
        int n = c.n();
        // Seeds repeat between phases and runs on the same data, and a store may skip writing a value equal
        // to the stored one (sled does): a per-run salt makes every durable write a real change.
        int salt = (int) System.nanoTime();
        timed(c, threads, Math.max(threads, n / 50), metric, s -> rnd -> {
            int k = rnd.nextInt(n);
            s.putDurable(Data.key(k), Data.value(k, salt + rnd.nextInt()));
        });
    }

    /**
     * Runs a tenth of {@code ops} as warm-up, again (with other keys) until {@link Warmup} says the JVM has
     * warmed, then {@code ops} timed in {@link #ROUNDS} equal rounds, on
     * the W1 data, and reports the median round's rate: on a shared machine a burst of someone else's
     * work then spoils one round, not the figure. The latency percentiles are over all rounds. The warm-up
     * samples at the same rate as the rounds, so that it warms the same code.
     */
    private static void timed(PhaseContext c, int threads, long ops, Metric metric, OpFactory factory) {
        try (Store s = c.open(c.dataDir())) {
            Workers.Op op = factory.on(s);
            long perRound = Math.max(threads, ops / ROUNDS);
            Latencies latencies = new Latencies(perRound * ROUNDS);
            Warmup warmup = new Warmup();
            long chunk = 0;
            long took;
            do {
                // seeds below SEED, never those of the timed rounds
                took = Workers.run(threads, Math.max(1, ops / 10), SEED - chunk++, op, new Latencies(perRound * ROUNDS));
            } while (!warmup.done(took));
            double[] rates = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                rates[r] = perRound / seconds(Workers.run(threads, perRound, SEED + 1 + r, op, latencies));
            }
            Arrays.sort(rates);
            c.report(metric, rates[ROUNDS / 2]);
            c.reportLatency(metric, latencies);
        }
    }

    /** Issue 3: on-disk size of a compressible data set, with and without zstd (sled only). */
    static void compression(PhaseContext c) {
        for (boolean zstd : new boolean[] {false, true}) {
            Path dir = c.scratchDir(zstd ? "zstd" : "plain");
            Disk.deleteRecursively(dir);
            try (SledStore s = SledStore.open(dir, zstd)) {
                for (int i = 0; i < c.n(); i++) {
                    s.put(Data.key(i), Data.compressibleValue(i));
                }
            }
            c.report(zstd ? Metric.SIZE_ZSTD : Metric.SIZE_PLAIN,
                    Disk.allocatedBytes(dir) / ((double) c.n() * Data.ENTRY_SIZE));
            Disk.deleteRecursively(dir);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void expect(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    /** Binds an operation to the store it runs on. */
    @FunctionalInterface
    private interface OpFactory {
        Workers.Op on(Store store);
    }
}
