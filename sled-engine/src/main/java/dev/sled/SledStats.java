package dev.sled;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a database's counters and state. Counters are cumulative since open.
 *
 * @param gets point reads
 * @param inserts inserts (including no-op inserts)
 * @param removes removes
 * @param compareAndSwaps compare-and-swap calls
 * @param merges merges
 * @param batches batches applied
 * @param scans iterators opened
 * @param flushes flushes that wrote something
 * @param flushNanos time spent in those flushes
 * @param bytesFlushed bytes written by flushes
 * @param lastFlushMillis wall-clock time of the last successful flush, or 0
 * @param cacheBytes bytes of nodes held in memory
 * @param cacheHits node lookups served from memory
 * @param cacheMisses node lookups read from disk
 * @param diskBytes bytes used by the database's files
 * @param trees number of trees
 * @param transactionCommits transactions committed
 * @param transactionConflicts commits that conflicted
 * @param transactionRetries transaction bodies run again after a conflict
 * @param transactionAborts transactions aborted by their body's exception or a rollback
 * @param subscribers open subscribers
 * @param recovered whether the database existed when opened
 * @param failure why the database refuses writes after an I/O failure, or null when healthy
 */
public record SledStats(
        long gets, long inserts, long removes, long compareAndSwaps, long merges, long batches, long scans,
        long flushes, long flushNanos, long bytesFlushed, long lastFlushMillis,
        long cacheBytes, long cacheHits, long cacheMisses, long diskBytes, int trees,
        long transactionCommits, long transactionConflicts, long transactionRetries, long transactionAborts,
        int subscribers, boolean recovered, @Nullable String failure) {
}
