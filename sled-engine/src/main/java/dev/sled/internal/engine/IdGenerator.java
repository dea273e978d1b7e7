package dev.sled.internal.engine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Monotonic IDs. The hot path is one atomic increment; every {@code stride} IDs the next upper bound is
 * made durable before any ID above the old one is handed out, and a restart resumes at the last
 * durable bound, so no ID is ever returned twice, even after {@code kill -9}.
 */
final class IdGenerator {

    private final AtomicLong next;
    private volatile long reserved;
    private final int stride;
    private final LongConsumer persist;

    IdGenerator(long durableBound, int stride, LongConsumer persist) {
        this.next = new AtomicLong(durableBound);
        this.reserved = durableBound;
        this.stride = stride;
        this.persist = persist;
    }

    long next() {
        long id = next.getAndIncrement();
        if (id < reserved) {
            return id;
        }
        synchronized (this) {
            while (id >= reserved) {
                long bound = Math.max(reserved, id + 1) + stride;
                persist.accept(bound);
                reserved = bound;
            }
        }
        return id;
    }
}
