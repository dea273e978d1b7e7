package dev.sled.spring.boot.metrics;

import dev.sled.DatabaseClosedException;
import dev.sled.SledDb;
import dev.sled.SledStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Publishes a database's {@link SledStats} as Micrometer meters. The engine keeps plain counters on its
 * hot path; the meters only read them when the registry is scraped, so turning metrics on costs the
 * engine nothing per operation.
 *
 * <p>Meters: {@code sled.operations} (tag {@code op}), {@code sled.flushes} (timer: count and time),
 * {@code sled.flush.written}, {@code sled.cache.size}, {@code sled.cache.gets} (tag {@code result}),
 * {@code sled.disk.size}, {@code sled.trees}, {@code sled.transactions} (tag {@code outcome}),
 * {@code sled.transaction.retries} and {@code sled.subscribers}.
 *
 * @since 0.1.0
 */
public class SledMetrics implements MeterBinder {

    private final SledDb db;

    private final Iterable<Tag> tags;

    /** The last snapshot, so that a scrape after the database closed still reads its final values. */
    private volatile SledStats last;

    public SledMetrics(SledDb db) {
        this(db, Tags.empty());
    }

    /**
     * @param tags tags added to every meter, such as the database's name when an application has several
     */
    public SledMetrics(SledDb db, Iterable<Tag> tags) {
        this.db = db;
        this.tags = tags;
        this.last = db.stats();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        operations(registry, "get", SledStats::gets);
        operations(registry, "insert", SledStats::inserts);
        operations(registry, "remove", SledStats::removes);
        operations(registry, "compare-and-swap", SledStats::compareAndSwaps);
        operations(registry, "merge", SledStats::merges);
        operations(registry, "batch", SledStats::batches);
        operations(registry, "scan", SledStats::scans);
        FunctionTimer.builder("sled.flushes", this, (m) -> m.stats().flushes(), (m) -> m.stats().flushNanos(),
                    TimeUnit.NANOSECONDS)
            .description("Flushes that wrote data to disk")
            .tags(this.tags)
            .register(registry);
        counter(registry, "sled.flush.written", "Bytes written by flushes", BaseUnits.BYTES, SledStats::bytesFlushed);
        gauge(registry, "sled.cache.size", "Bytes of tree nodes held in memory", BaseUnits.BYTES, SledStats::cacheBytes);
        cacheGets(registry, "hit", SledStats::cacheHits);
        cacheGets(registry, "miss", SledStats::cacheMisses);
        gauge(registry, "sled.disk.size", "Bytes used by the database's files", BaseUnits.BYTES, SledStats::diskBytes);
        gauge(registry, "sled.trees", "Trees in the database", "trees", SledStats::trees);
        transactions(registry, "commit", SledStats::transactionCommits);
        transactions(registry, "conflict", SledStats::transactionConflicts);
        transactions(registry, "abort", SledStats::transactionAborts);
        counter(registry, "sled.transaction.retries", "Transaction bodies run again after a conflict", "retries",
                SledStats::transactionRetries);
        gauge(registry, "sled.subscribers", "Open prefix subscribers", "subscribers", SledStats::subscribers);
    }

    private void operations(MeterRegistry registry, String op, ToDoubleFunction<SledStats> count) {
        counter(registry, "sled.operations", "Operations on the database's trees", BaseUnits.OPERATIONS,
                Tags.of("op", op), count);
    }

    private void cacheGets(MeterRegistry registry, String result, ToDoubleFunction<SledStats> count) {
        counter(registry, "sled.cache.gets", "Tree node lookups, served from memory (hit) or read from disk (miss)",
                null, Tags.of("result", result), count);
    }

    private void transactions(MeterRegistry registry, String outcome, ToDoubleFunction<SledStats> count) {
        counter(registry, "sled.transactions",
                "Transactions by outcome: committed, failed validation, or aborted by their body", "transactions",
                Tags.of("outcome", outcome), count);
    }

    private void counter(MeterRegistry registry, String name, String description, String baseUnit,
            ToDoubleFunction<SledStats> count) {
        counter(registry, name, description, baseUnit, Tags.empty(), count);
    }

    private void counter(MeterRegistry registry, String name, String description, @Nullable String baseUnit, Tags extra,
            ToDoubleFunction<SledStats> count) {
        FunctionCounter.builder(name, this, (m) -> count.applyAsDouble(m.stats()))
            .description(description)
            .baseUnit(baseUnit)
            .tags(this.tags)
            .tags(extra)
            .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String baseUnit,
            ToDoubleFunction<SledStats> value) {
        Gauge.builder(name, this, (m) -> value.applyAsDouble(m.stats()))
            .description(description)
            .baseUnit(baseUnit)
            .tags(this.tags)
            .register(registry);
    }

    private SledStats stats() {
        try {
            SledStats stats = this.db.stats();
            this.last = stats;
            return stats;
        }
        catch (DatabaseClosedException ex) {
            return this.last;
        }
    }
}
