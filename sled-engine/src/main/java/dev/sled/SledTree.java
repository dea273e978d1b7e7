package dev.sled;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe, ordered map of byte strings: one keyspace of a {@link SledDb} (sled's {@code Tree}).
 * Keys are ordered by unsigned lexicographic comparison. Every method is atomic. A write is durable once
 * {@link #flush()} returns, or after the next background flush ({@link SledConfig#flushEveryMs}).
 *
 * <p>Absent values are {@code null}. Keys may be empty; keys and values are limited to
 * {@link SledConfig#MAX_KEY_SIZE} and {@link SledConfig#MAX_VALUE_SIZE} bytes. Any method throws
 * {@link DatabaseClosedException} after the database is closed and {@link TreeNotFoundException} after
 * this tree was dropped.
 *
 * <pre>{@code
 * try (SledDb db = Sled.open(Path.of("my.db"))) {
 *     SledTree users = db.openTree("users");
 *     users.insert(Bytes.of("alice"), Bytes.of("admin"));
 *     Bytes role = users.get(Bytes.of("alice"));
 *     try (SledIterator it = users.scanPrefix(Bytes.of("a"))) {
 *         it.forEachRemaining(kv -> System.out.println(kv.key() + " = " + kv.value()));
 *     }
 * }
 * }</pre>
 */
public interface SledTree {

    /** The tree's name; the default tree is {@code __sled__default}. */
    Bytes name();

    /**
     * Sets {@code key} to {@code value} and returns the previous value. Inserting the value already
     * stored is a no-op (nothing written, no event) that returns it.
     */
    @Nullable Bytes insert(Bytes key, Bytes value);

    default @Nullable Bytes insert(byte[] key, byte[] value) {
        return insert(Bytes.of(requireNonNull(key, "key must not be null")),
                Bytes.of(requireNonNull(value, "value must not be null")));
    }

    @Nullable Bytes get(Bytes key);

    default @Nullable Bytes get(byte[] key) {
        return get(Bytes.wrap(requireNonNull(key, "key must not be null")));
    }

    /** Removes {@code key} and returns its value; removing an absent key is a no-op returning null. */
    @Nullable Bytes remove(Bytes key);

    default @Nullable Bytes remove(byte[] key) {
        return remove(Bytes.of(requireNonNull(key, "key must not be null")));
    }

    boolean containsKey(Bytes key);

    default boolean containsKey(byte[] key) {
        return containsKey(Bytes.wrap(requireNonNull(key, "key must not be null")));
    }

    /**
     * Atomically replaces {@code expected} with {@code newValue}. A null {@code expected} matches only an
     * absent key (unique creation); a null {@code newValue} deletes. A mismatch is returned, not thrown.
     * CAS from absent to absent succeeds.
     */
    CompareAndSwapResult compareAndSwap(Bytes key, @Nullable Bytes expected, @Nullable Bytes newValue);

    /**
     * Atomically applies {@code fn} to the current value (null when absent) and stores the result (null
     * deletes); returns the new value. {@code fn} may run more than once under contention, so it must be
     * free of side effects.
     */
    @Nullable Bytes updateAndFetch(Bytes key, UnaryOperator<@Nullable Bytes> fn);

    /** Like {@link #updateAndFetch} but returns the previous value. */
    @Nullable Bytes fetchAndUpdate(Bytes key, UnaryOperator<@Nullable Bytes> fn);

    /**
     * Applies this tree's merge operator to the stored value and {@code operand} and stores the result;
     * returns the new value.
     *
     * @throws IllegalStateException when no merge operator is set
     */
    @Nullable Bytes merge(Bytes key, Bytes operand);

    /** Sets (or with null, removes) the merge operator shared by every handle of this tree. Not persisted. */
    void setMergeOperator(@Nullable MergeOperator operator);

    /** Applies every write of {@code batch} atomically, also across a crash. */
    void applyBatch(SledBatch batch);

    /**
     * Runs {@code body} as a serializable optimistic transaction and commits it, running the body again
     * when the commit conflicts (after repeated conflicts the transaction takes a lock so that it makes
     * progress). Use {@link TransactionalTree#tree(SledTree)} inside to involve other trees.
     *
     * <pre>{@code
     * long balance = accounts.transaction(tx -> {
     *     long a = tx.get(alice).toLong(), b = tx.get(bob).toLong();
     *     tx.insert(alice, Bytes.ofLong(a - 10));
     *     tx.insert(bob, Bytes.ofLong(b + 10));
     *     return a - 10;
     * });
     * }</pre>
     *
     * @throws E the body's own exception, unchanged; nothing was written
     * @throws TransactionConflictException when the retry budget is spent
     */
    <R, E extends Exception> R transaction(TransactionFunction<R, E> body) throws E;

    /** Subscribes to inserts and removes of keys starting with {@code prefix} (empty: every key). */
    Subscriber watchPrefix(Bytes prefix);

    /** Every entry in key order; the same as {@code range(KeyRange.all())}. */
    default SledIterator iterator() {
        return range(KeyRange.all());
    }

    SledIterator range(KeyRange range);

    /** Keys in {@code [from, to)}; a null end is unbounded. */
    default SledIterator range(@Nullable Bytes from, @Nullable Bytes to) {
        if (from == null) {
            return range(to == null ? KeyRange.all() : KeyRange.lessThan(to));
        }
        return range(to == null ? KeyRange.atLeast(from) : KeyRange.closedOpen(from, to));
    }

    default SledIterator scanPrefix(Bytes prefix) {
        return range(KeyRange.prefix(prefix));
    }

    @Nullable KeyValue first();

    @Nullable KeyValue last();

    /** The entry with the greatest key strictly less than {@code key}. */
    @Nullable KeyValue getLt(Bytes key);

    /** The entry with the smallest key strictly greater than {@code key}. */
    @Nullable KeyValue getGt(Bytes key);

    /** Atomically removes and returns the first entry; each entry is popped once under concurrency. */
    default @Nullable KeyValue popMin() {
        return popEnd(false);
    }

    /** Atomically removes and returns the last entry. */
    default @Nullable KeyValue popMax() {
        return popEnd(true);
    }

    /** Reads the end entry and removes it with a compare-and-swap, so each entry is popped once. */
    private @Nullable KeyValue popEnd(boolean max) {
        for (;;) {
            KeyValue kv = max ? last() : first();
            if (kv == null || compareAndSwap(kv.key(), kv.value(), null).isSuccess()) {
                return kv;
            }
        }
    }

    /** The number of entries. This is an O(n) scan, as in sled. */
    long size();

    boolean isEmpty();

    /** Removes every entry, one key at a time (not atomic; emits one event per key), as in sled. */
    void clear();

    /** CRC-32 of every key and value in order; equal contents give equal checksums, on any backend. */
    default long checksum() {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        dev.sled.spi.Checksums.addEntries(crc, iterator());
        return crc.getValue();
    }

    /** Makes every write before this call durable; returns the bytes written. */
    long flush();

    /** {@link #flush()} on a background thread. */
    CompletableFuture<Long> flushAsync();
}
