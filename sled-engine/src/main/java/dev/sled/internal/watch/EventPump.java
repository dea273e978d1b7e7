package dev.sled.internal.watch;

import dev.sled.Event;
import dev.sled.Subscriber;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/** Pushes a subscriber's events to a {@link Flow.Subscriber} on a daemon thread, honouring demand. */
final class EventPump implements Flow.Subscription {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Subscriber source;
    private final Flow.Subscriber<? super Event> target;
    private final AtomicLong demand = new AtomicLong();
    private final Thread thread;
    /**
     * Set by {@link #cancel()} before it closes the source: the pump then sends nothing more, not even
     * the completion it would send for a closed source (it may see the close before the interrupt).
     */
    private volatile boolean cancelled;

    EventPump(Subscriber source, Flow.Subscriber<? super Event> target) {
        this.source = source;
        this.target = target;
        this.thread = new Thread(this::run, "sled-subscriber-" + source.prefix());
        this.thread.setDaemon(true);
    }

    void start() {
        target.onSubscribe(this);
        thread.start();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            source.close();
            target.onError(new IllegalArgumentException("Flow.Subscription.request needs n > 0, got " + n));
            return;
        }
        demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        source.close();
        thread.interrupt();
    }

    private void run() {
        try {
            while (!source.isClosed() || source.hasNext()) {
                synchronized (this) {
                    while (demand.get() == 0 && !source.isClosed()) {
                        wait(POLL.toMillis());
                    }
                }
                if (demand.get() == 0) {
                    break;
                }
                Event e = source.next(POLL);
                if (cancelled) {
                    return;
                }
                if (e != null) {
                    demand.decrementAndGet();
                    target.onNext(e);
                } else if (source.isClosed()) {
                    break;
                }
            }
            if (!cancelled) {
                target.onComplete();
            }
        } catch (InterruptedException e) {
            // cancelled
        } catch (RuntimeException e) {
            if (!cancelled) {
                target.onError(e);
            }
        }
    }
}
