package dev.sled.etcd.internal.db;

import java.util.concurrent.atomic.LongAdder;

/** The operation counters behind {@link dev.sled.SledDb#stats()}. */
public final class Counters {
    final LongAdder gets = new LongAdder();
    final LongAdder inserts = new LongAdder();
    final LongAdder removes = new LongAdder();
    final LongAdder compareAndSwaps = new LongAdder();
    final LongAdder merges = new LongAdder();
    final LongAdder batches = new LongAdder();
    final LongAdder scans = new LongAdder();
    public final LongAdder transactionCommits = new LongAdder();
    public final LongAdder transactionConflicts = new LongAdder();
    public final LongAdder transactionRetries = new LongAdder();
    public final LongAdder transactionAborts = new LongAdder();
}
