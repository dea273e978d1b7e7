package dev.sled.internal.tx;

import dev.sled.internal.stats.StripedCounter;

/** Transaction outcome counters, published through {@link dev.sled.SledStats}. */
public final class TransactionStats {
    public final StripedCounter commits = new StripedCounter();
    public final StripedCounter conflicts = new StripedCounter();
    public final StripedCounter retries = new StripedCounter();
    public final StripedCounter aborts = new StripedCounter();
    /** Operations inside transactions, added to the database's operation counts. */
    public final StripedCounter gets = new StripedCounter();
    public final StripedCounter inserts = new StripedCounter();
    public final StripedCounter removes = new StripedCounter();
}
