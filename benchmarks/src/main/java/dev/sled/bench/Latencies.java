package dev.sled.bench;

import java.util.Arrays;

/**
 * Latencies of a sample of timed operations: every {@code stride}-th operation of each thread, chosen so
 * that about {@link #TARGET_SAMPLES} are kept. Only sampled operations read the clock, so a store doing
 * millions of sub-microsecond operations pays for a few thousand clock reads, not for millions.
 */
final class Latencies {

    static final int TARGET_SAMPLES = 20_000;

    private final int stride;
    private long[] nanos = new long[0];
    private int count;

    Latencies(long operations) {
        this.stride = (int) Math.max(1, operations / TARGET_SAMPLES);
    }

    /** Which operations to time: those whose index within their thread is a multiple of this. */
    int stride() {
        return stride;
    }

    synchronized void add(long[] samples, int n) {
        if (count + n > nanos.length) {
            nanos = Arrays.copyOf(nanos, Math.max(2 * nanos.length, count + n));
        }
        System.arraycopy(samples, 0, nanos, count, n);
        count += n;
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in microseconds, or NaN without samples. */
    synchronized double percentileMicros(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * count) - 1;
        return sorted[Math.max(0, rank)] / 1e3;
    }
}
