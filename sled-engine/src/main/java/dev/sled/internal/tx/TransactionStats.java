package dev.sled.internal.tx;

import java.util.concurrent.atomic.LongAdder;

/** Transaction outcome counters, published through {@link dev.sled.SledStats}. */
public final class TransactionStats {
    public final LongAdder commits = new LongAdder();
    public final LongAdder conflicts = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder aborts = new LongAdder();
    /** Operations inside transactions, added to the database's operation counts. */
    public final LongAdder gets = new LongAdder();
    public final LongAdder inserts = new LongAdder();
    public final LongAdder removes = new LongAdder();
}
