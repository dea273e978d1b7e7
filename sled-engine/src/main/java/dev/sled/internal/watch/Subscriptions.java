package dev.sled.internal.watch;

import dev.sled.Bytes;
import dev.sled.Event;
import dev.sled.Subscriber;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The subscribers of one tree. Writers call {@link #publish} while holding the written key's leaf
 * lock, so each key's events are queued in commit order; the copy-on-write array keeps the common
 * no-subscriber case to one volatile read.
 */
public final class Subscriptions {

    private static final QueueSubscriber[] NONE = new QueueSubscriber[0];
    private volatile QueueSubscriber[] subscribers = NONE;
    private final int bufferSize;

    public Subscriptions(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    public Subscriber subscribe(Bytes prefix) {
        QueueSubscriber s = new QueueSubscriber(prefix, bufferSize, this::unsubscribe);
        synchronized (this) {
            QueueSubscriber[] next = Arrays.copyOf(subscribers, subscribers.length + 1);
            next[next.length - 1] = s;
            subscribers = next;
        }
        return s;
    }

    private synchronized void unsubscribe(QueueSubscriber s) {
        subscribers = Arrays.stream(subscribers).filter(x -> x != s).toArray(QueueSubscriber[]::new);
    }

    /** Delivers an insert (value non-null) or remove (value null) of {@code key}. */
    public void publish(Bytes key, @Nullable Bytes value) {
        QueueSubscriber[] subs = subscribers;
        if (subs.length == 0) {
            return;
        }
        Event event = null;
        for (QueueSubscriber s : subs) {
            if (key.startsWith(s.prefix())) {
                if (event == null) {
                    event = value == null ? new Event.Remove(key) : new Event.Insert(key, value);
                }
                s.offer(event);
            }
        }
    }

    public boolean isEmpty() {
        return subscribers.length == 0;
    }

    public int count() {
        return subscribers.length;
    }

    /** Ends every subscriber (database closed or tree dropped). */
    public void closeAll() {
        for (QueueSubscriber s : subscribers) {
            s.close();
        }
    }
}
