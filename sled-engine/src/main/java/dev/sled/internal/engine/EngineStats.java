package dev.sled.internal.engine;

import java.util.concurrent.atomic.LongAdder;

/** Plain operation counters; {@link dev.sled.SledStats} is their snapshot. */
final class EngineStats {
    final LongAdder gets = new LongAdder();
    final LongAdder inserts = new LongAdder();
    final LongAdder removes = new LongAdder();
    final LongAdder compareAndSwaps = new LongAdder();
    final LongAdder merges = new LongAdder();
    final LongAdder batches = new LongAdder();
    final LongAdder scans = new LongAdder();
    final LongAdder flushes = new LongAdder();
    final LongAdder flushNanos = new LongAdder();
    final LongAdder bytesFlushed = new LongAdder();
    volatile long lastFlushMillis;
}
