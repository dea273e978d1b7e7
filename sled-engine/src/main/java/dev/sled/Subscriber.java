package dev.sled;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Events for the keys of one tree that start with a prefix, from {@link SledTree#watchPrefix}.
 *
 * <p>Events of one key arrive in commit order; events of a batch or transaction arrive after it is
 * applied. Delivery policy: each subscriber buffers up to {@link SledConfig#subscriberBufferSize()}
 * events. In the embedded engine a writer that finds the buffer full waits up to 100 ms for the
 * consumer to make room (backpressure, as in sled, where writers wait without limit; a remote backend's
 * writers cannot be held back); a subscriber still full after that is marked overflowed, it keeps the events it buffered, and after they are consumed {@link #next()} throws
 * {@link SubscriberOverflowException} so that the consumer knows it missed events and can resynchronise.
 * A subscriber that nobody reads thus costs writers one such wait, not a hang.
 *
 * <p>The iterator blocks in {@code hasNext()}; it ends when the subscriber, its tree or the database is
 * closed. Closing releases the buffer; a closed subscriber cannot be reused.
 */
public interface Subscriber extends Iterator<Event>, AutoCloseable {

    /** Blocks until the next event; throws {@link java.util.NoSuchElementException} once closed. */
    @Override
    Event next();

    /**
     * The next event, or null if none arrived within {@code timeout} (or the subscriber closed). A zero
     * timeout only takes an event already buffered.
     *
     * @throws IllegalArgumentException for a negative timeout
     */
    @Nullable Event next(Duration timeout) throws InterruptedException;

    /**
     * A publisher of this subscriber's events for reactive consumers. It honours demand; it accepts one
     * {@link Flow.Subscriber}, and cancelling closes this subscriber.
     */
    Flow.Publisher<Event> publisher();

    /** The prefix this subscriber watches. */
    Bytes prefix();

    boolean isClosed();

    @Override
    void close();
}
