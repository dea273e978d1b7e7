package dev.sled.etcd.internal.watch;

import com.google.protobuf.UnsafeByteOperations;
import dev.sled.Bytes;
import dev.sled.Event;
import dev.sled.SledException;
import dev.sled.StorageException;
import dev.sled.SubscriberOverflowException;
import dev.sled.etcd.EtcdSubscriber;
import dev.sled.etcd.RevisionCompactedException;
import dev.sled.etcd.internal.db.EtcdTree;
import dev.sled.etcd.internal.kv.KeySpace;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A subscriber fed by one etcd prefix watch. jetcd calls {@link #onNext} on its threads; the consumer takes
 * from a queue bounded by the configured buffer size. A full buffer overflows the subscriber (the writer is
 * a remote commit and cannot be held back): it keeps what it buffered and then throws
 * {@link SubscriberOverflowException}. A watch that fell behind compaction is reported once with
 * {@link RevisionCompactedException} and restarted at the compaction revision.
 */
final class PrefixSubscriber implements EtcdSubscriber {

    /** Queue item: an event with its revision. */
    private record Item(Event event, long revision) {
    }

    private static final Object END = new Object();

    private final Watches owner;
    private final EtcdTree tree;
    private final Bytes prefix;
    private final ByteSequence watchKey;
    private final int capacity;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private final EventPublisher publisher = new EventPublisher(this);
    private volatile Watch.@Nullable Watcher watcher;
    private volatile boolean closed;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long revision;
    private @Nullable Object pending;

    PrefixSubscriber(Watches owner, EtcdTree tree, Bytes prefix, int capacity, long fromRevision) {
        this.owner = owner;
        this.revision = fromRevision - 1;
        this.tree = tree;
        this.prefix = prefix;
        this.watchKey = ByteSequence.from(tree.key(prefix).toByteArray());
        this.capacity = capacity;
    }

    synchronized void start(long fromRevision) {
        if (closed) {
            return;
        }
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(fromRevision).build();
        watcher = owner.watchClient().watch(watchKey, option, new Feed());
    }

    /**
     * The listener of one jetcd watcher. jetcd calls {@code onCompleted} whenever a watcher closes, also
     * after a compaction error, so a feed replaced by a restarted watch is retired and ignored.
     */
    private final class Feed implements Watch.Listener {
        private volatile boolean retired;

        @Override
        public void onNext(WatchResponse response) {
            if (!retired) {
                enqueue(response);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (retired) {
                return;
            }
            if (t instanceof CompactedException c) {
                retired = true;
                long compactRevision = c.getCompactedRevision();
                queue.add(new RevisionCompactedException("subscriber to prefix " + prefix + " of tree " + tree.name()
                        + " fell behind etcd's compaction: the events before revision " + compactRevision + " are lost;"
                        + " re-read the state you track; the subscriber continues from revision " + compactRevision,
                        compactRevision, t));
                owner.restartLater(() -> start(compactRevision));
            } else if (!(t instanceof EtcdException e && (e.getErrorCode() == ErrorCode.UNAVAILABLE
                    || e.getErrorCode() == ErrorCode.INTERNAL))) {
                // jetcd resumes UNAVAILABLE and INTERNAL failures on another member itself; anything else ends its watch.
                retired = true;
                end(new StorageException("watch of prefix " + prefix + " of tree " + tree.name() + " failed: "
                        + t.getMessage(), t));
            }
        }

        @Override
        public void onCompleted() {
            if (!retired) {
                end(null);
            }
        }
    }

    private void enqueue(WatchResponse response) {
        for (WatchEvent e : response.getEvents()) {
            if (buffered.incrementAndGet() > capacity) {
                end(new SubscriberOverflowException("subscriber to prefix " + prefix + " of tree " + tree.name()
                        + " missed events: its buffer of " + capacity + " events was full (EtcdSledConfig.subscriberBufferSize);"
                        + " it is closed, watch again from revision " + (e.getKeyValue().getModRevision() - 1)
                        + " to resynchronise"));
                return;
            }
            Bytes key = tree.userKey(UnsafeByteOperations.unsafeWrap(e.getKeyValue().getKey().getBytes()));
            Event event = e.getEventType() == WatchEvent.EventType.DELETE ? new Event.Remove(key)
                    : new Event.Insert(key, KeySpace.bytes(UnsafeByteOperations.unsafeWrap(e.getKeyValue().getValue().getBytes())));
            queue.add(new Item(event, e.getKeyValue().getModRevision()));
        }
    }

    /** Stops the watch; the consumer gets what was buffered, then {@code failure} (if any), then the end. */
    private void end(@Nullable SledException failure) {
        // Not synchronized on this subscriber: jetcd calls in here holding its watch lock, which start() takes.
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Watch.Watcher w = watcher;
        if (w != null) {
            owner.restartLater(w::close);
        }
        if (failure != null) {
            queue.add(failure);
        }
        queue.add(END);
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return pending != END;
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException("subscriber to prefix " + prefix + " is closed");
        }
        return consume();
    }

    @Override
    public @Nullable Event next(Duration timeout) throws InterruptedException {
        if (pending == null) {
            pending = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (pending == null || pending == END) {
            return null;
        }
        return consume();
    }

    private Event consume() {
        Object item = pending;
        pending = null;
        if (item instanceof SubscriberOverflowException overflow) {
            close();
            throw overflow;
        }
        if (item instanceof SledException failure) {
            throw failure;
        }
        Item it = (Item) item;
        buffered.decrementAndGet();
        revision = it.revision();
        return it.event();
    }

    @Override
    public long revision() {
        return revision;
    }

    @Override
    public Flow.Publisher<Event> publisher() {
        return publisher;
    }

    @Override
    public Bytes prefix() {
        return prefix;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        end(null);
        owner.closed(this);
    }
}
