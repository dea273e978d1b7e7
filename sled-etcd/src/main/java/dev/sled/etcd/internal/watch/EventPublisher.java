package dev.sled.etcd.internal.watch;

import dev.sled.Event;
import dev.sled.SledException;
import dev.sled.Subscriber;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A subscriber's events as a {@link Flow.Publisher}: one daemon thread per reactive subscriber takes events
 * as demand allows. One subscription only; cancelling closes the underlying subscriber.
 */
final class EventPublisher implements Flow.Publisher<Event> {

    private final Subscriber source;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    EventPublisher(Subscriber source) {
        this.source = source;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Event> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("this publisher accepts one subscriber only"));
            return;
        }
        Pump pump = new Pump(subscriber);
        subscriber.onSubscribe(pump);
        Thread t = new Thread(pump, "sled-etcd-publisher-" + source.prefix());
        t.setDaemon(true);
        t.start();
    }

    private final class Pump implements Flow.Subscription, Runnable {
        private final Flow.Subscriber<? super Event> downstream;
        private long demand;
        private boolean cancelled;

        Pump(Flow.Subscriber<? super Event> downstream) {
            this.downstream = downstream;
        }

        @Override
        public synchronized void request(long n) {
            if (n <= 0) {
                cancel();
                downstream.onError(new IllegalArgumentException("request(n) needs n > 0 (rule 3.9), was " + n));
                return;
            }
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            notifyAll();
        }

        @Override
        public void cancel() {
            synchronized (this) {
                cancelled = true;
                notifyAll();
            }
            source.close();
        }

        @Override
        public void run() {
            try {
                while (awaitDemand()) {
                    if (!source.hasNext()) {
                        if (!isCancelled()) {
                            downstream.onComplete();
                        }
                        return;
                    }
                    downstream.onNext(source.next());
                }
            } catch (SledException e) {
                downstream.onError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized boolean awaitDemand() throws InterruptedException {
            while (demand == 0 && !cancelled) {
                wait();
            }
            if (cancelled) {
                return false;
            }
            demand--;
            return true;
        }

        private synchronized boolean isCancelled() {
            return cancelled;
        }
    }
}
