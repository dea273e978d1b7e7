package dev.sled.etcd;

import dev.sled.Subscriber;

/**
 * A {@link Subscriber} fed by an etcd watch. Events arrive asynchronously after their commit; the events
 * of one batch or transaction share a revision and arrive together.
 *
 * <p>If the watch falls behind etcd's compaction (it was disconnected while the history it needed was
 * discarded), {@code next()} throws {@link RevisionCompactedException} once: the events in between are
 * lost, so re-read the state you track. The subscriber stays open and continues from the compaction
 * revision on.
 */
public interface EtcdSubscriber extends Subscriber {

    /** The revision of the last event returned by {@code next()}, or the revision before the start. */
    long revision();
}
