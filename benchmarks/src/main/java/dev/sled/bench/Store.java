package dev.sled.bench;

/**
 * One key-value store as the workloads see it: the single adapter through which sled and every peer
 * runs the same workload code. Implementations use each store's own idiomatic fast path (per-thread
 * buffers, reused read transactions) so that no peer is measured through a needlessly slow route.
 * <p>Keys and values passed in are fresh arrays that the caller never touches again, so an adapter may
 * keep them without copying. Every method may be called from several threads at once.
 */
interface Store extends AutoCloseable {

    /** Sets {@code key} to {@code value}; durable only after the next {@link #sync()}. */
    void put(byte[] key, byte[] value);

    /**
     * The length of the value stored under {@code key}, or -1 when absent. Returning the length rather
     * than the bytes charges no store for a copy that a zero-copy store would not make.
     */
    int get(byte[] key);

    /**
     * Reads up to {@code count} entries from the first key at or after {@code from}, as an application
     * iterating a range would, and returns the total length of the keys and values read (the caller checks it).
     */
    int scan(byte[] from, int count);

    /** Makes every write that returned before this call durable (fsync). */
    void sync();

    /**
     * A put that is durable when this returns. The default is put then {@link #sync()}: concurrent
     * callers share fsyncs only if the store itself coalesces them (group commit).
     */
    default void putDurable(byte[] key, byte[] value) {
        put(key, value);
        sync();
    }

    /** Closes cleanly, as an application shutting down would. */
    @Override
    void close();
}
