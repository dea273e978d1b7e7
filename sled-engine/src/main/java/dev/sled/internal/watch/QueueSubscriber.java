package dev.sled.internal.watch;

import dev.sled.Bytes;
import dev.sled.Event;
import dev.sled.Subscriber;
import dev.sled.SubscriberOverflowException;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A subscriber with a bounded buffer. A writer that finds the buffer full waits a little for the
 * consumer to make room (backpressure, as sled's writers wait for theirs); if it stays full, the
 * subscriber is marked overflowed instead of holding the writer longer, and its consumer learns of it
 * through {@link SubscriberOverflowException} once the buffered events are consumed.
 */
final class QueueSubscriber implements Subscriber {

    /**
     * How long a writer waits for a full buffer to drain. sled waits without limit, so a subscriber that
     * nobody reads stops every writer (sled #1388); this keeps a consumer that falls behind in a burst
     * from overflowing while bounding what one that stopped reading costs: one wait, then no more.
     */
    private static final long FULL_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long FULL_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    /** Wakes a consumer blocked in {@code take()} when the subscriber closes. */
    private static final Event CLOSED = new Event.Remove(Bytes.EMPTY);

    private final Bytes prefix;
    private final BlockingQueue<Event> queue;
    private final Consumer<QueueSubscriber> onClose;
    private volatile boolean closed;
    private volatile boolean overflowed;
    private @Nullable Event peeked;
    private final AtomicBoolean published = new AtomicBoolean();

    QueueSubscriber(Bytes prefix, int capacity, Consumer<QueueSubscriber> onClose) {
        this.prefix = prefix;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.onClose = onClose;
    }

    /** Queues {@code e}; the slot past the capacity is kept for the close marker. */
    void offer(Event e) {
        long deadline = 0;
        while (!closed && !overflowed) {
            if (queue.remainingCapacity() > 1 && queue.offer(e)) {
                return;
            }
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + FULL_WAIT_NANOS;
            } else if (now - deadline >= 0) {
                overflowed = true;
                return;
            }
            LockSupport.parkNanos(FULL_POLL_NANOS);
        }
    }

    @Override
    public Bytes prefix() {
        return prefix;
    }

    @Override
    public boolean hasNext() {
        if (peeked != null) {
            return true;
        }
        try {
            peeked = take(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return peeked != null;
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException("subscriber closed");
        }
        Event e = peeked;
        peeked = null;
        return e;
    }

    @Override
    public @Nullable Event next(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        if (peeked != null) {
            Event e = peeked;
            peeked = null;
            return e;
        }
        return take(timeout);
    }

    /** The next event; null when closed (or timed out); throws once overflowed and drained. */
    private @Nullable Event take(@Nullable Duration timeout) throws InterruptedException {
        Event e = queue.poll();
        if (e == null) {
            if (overflowed) {
                close();
                throw new SubscriberOverflowException("subscriber for prefix " + prefix + " fell more than "
                        + (queue.size() + queue.remainingCapacity() - 1) + " events behind and missed events; watch again and re-read the prefix");
            }
            if (closed) {
                return null;
            }
            e = timeout == null ? queue.take() : queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (e == CLOSED) {
            queue.offer(CLOSED);
            return null;
        }
        return e;
    }

    @Override
    public Flow.Publisher<Event> publisher() {
        return subscriber -> {
            Objects.requireNonNull(subscriber, "subscriber must not be null");
            if (!published.compareAndSet(false, true)) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                subscriber.onError(new IllegalStateException("this subscriber's publisher accepts only one Flow.Subscriber"));
                return;
            }
            new EventPump(this, subscriber).start();
        };
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
            queue.offer(CLOSED);
        }
    }
}
