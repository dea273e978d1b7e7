package dev.sled.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides when a warm-up may end: once it has run {@code warmup.ms} (default 1,000) and the JIT compiler
 * has settled, or at the latest after {@code warmup.max.ms} (default 20,000). Each phase runs in a fresh
 * JVM, and on a two-core machine a 1 s warm-up left the C2 compiler busy for a whole core through the
 * timed part: a sled durable-write phase compiled for 2 s of its 1.8 s. The measured figures are meant
 * to be a long-running application's, so every store warms until compilation takes at most
 * {@link #QUIET_SHARE} of the time over the last {@link #WINDOW_NANOS}.
 */
final class Warmup {

    static final String MIN_MS = "warmup.ms";
    static final String MAX_MS = "warmup.max.ms";
    private static final double QUIET_SHARE = 0.05;
    private static final long WINDOW_NANOS = 500_000_000;

    private final long min = Long.getLong(MIN_MS, 1000) * 1_000_000;
    private final long max = Long.getLong(MAX_MS, 20_000) * 1_000_000;
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    /** The recent chunks as {wall nanos, compilation nanos}, newest first. */
    private final Deque<long[]> recent = new ArrayDeque<>();
    private long elapsed;
    private long compiledMs = compiledMs();

    /**
     * Records a warm-up chunk that took {@code wallNanos}, which ended just now, and returns whether the
     * warm-up is over.
     */
    boolean done(long wallNanos) {
        long compiled = compiledMs();
        recent.addFirst(new long[] {wallNanos, (compiled - compiledMs) * 1_000_000});
        compiledMs = compiled;
        elapsed += wallNanos;
        boolean quiet = quiet();
        boolean done = elapsed >= min && (elapsed >= max || quiet);
        if (done && max > 0) {
            System.err.printf("warm-up: %.1f s%s%n", elapsed / 1e9, quiet ? "" : ", the JIT compiler still busy");
        }
        return done;
    }

    /** Whether compilation took at most the quiet share of the newest chunks that span the window. */
    private boolean quiet() {
        long wall = 0;
        long compiling = 0;
        for (long[] chunk : recent) {
            wall += chunk[0];
            compiling += chunk[1];
            if (wall >= WINDOW_NANOS) {
                return compiling <= QUIET_SHARE * wall;
            }
        }
        return false;
    }

    /** Milliseconds the JIT compilers have spent so far; 0 where the JVM does not tell, so only time counts. */
    private long compiledMs() {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
