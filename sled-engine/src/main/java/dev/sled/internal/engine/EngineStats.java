package dev.sled.internal.engine;

import dev.sled.internal.stats.StripedCounter;

/** Plain operation counters; {@link dev.sled.SledStats} is their snapshot. */
final class EngineStats {
    final StripedCounter gets = new StripedCounter();
    final StripedCounter inserts = new StripedCounter();
    final StripedCounter removes = new StripedCounter();
    final StripedCounter compareAndSwaps = new StripedCounter();
    final StripedCounter merges = new StripedCounter();
    final StripedCounter batches = new StripedCounter();
    final StripedCounter scans = new StripedCounter();
    final StripedCounter flushes = new StripedCounter();
    final StripedCounter flushNanos = new StripedCounter();
    final StripedCounter bytesFlushed = new StripedCounter();
    volatile long lastFlushMillis;
}
