package dev.sled.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.Event;
import dev.sled.SledBatch;
import dev.sled.SubscriberOverflowException;
import dev.sled.etcd.internal.db.EtcdDb;
import dev.sled.etcd.support.FreshEtcdDatabase;
import dev.sled.etcd.support.SharedCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Subscribers fed by etcd watches: filtering, batches, resumption, compaction, overflow, the reactive view. */
class EtcdWatchTest extends FreshEtcdDatabase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Event insert(String k, String v) {
        return new Event.Insert(b(k), b(v));
    }

    private static List<Event> take(EtcdSubscriber s, int n) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Event e = s.next(WAIT);
            assertThat(e).as("event %d of %d", i + 1, n).isNotNull();
            events.add(e);
        }
        return events;
    }

    @Test
    void deliversWritesUnderThePrefixOfThisTreeOnly() throws Exception {
        try (EtcdSubscriber s = tree.watchPrefix(b("user/"))) {
            tree.insert(b("user/1"), b("a"));
            tree.insert(b("other"), b("x"));
            db.openTree("elsewhere").insert(b("user/9"), b("x"));
            tree.insert(b("user/1"), b("a"));
            tree.remove(b("user/404"));
            tree.remove(b("user/1"));
            tree.compareAndSwap(b("user/2"), null, b("b"));
            assertThat(take(s, 3)).containsExactly(insert("user/1", "a"), new Event.Remove(b("user/1")), insert("user/2", "b"));
            assertThat(s.next(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void batchesAndTransactionsArriveTogetherAfterCommit() throws Exception {
        try (EtcdSubscriber s = tree.watchPrefix(Bytes.EMPTY)) {
            tree.applyBatch(new SledBatch().insert(b("a"), b("1")).insert(b("b"), b("2")));
            tree.transaction(tx -> {
                tx.insert(b("c"), b("3"));
                tx.remove(b("a"));
                return null;
            });
            List<Event> events = take(s, 4);
            assertThat(events.subList(0, 2)).containsExactly(insert("a", "1"), insert("b", "2"));
            assertThat(events.subList(2, 4)).containsExactlyInAnyOrder(new Event.Remove(b("a")), insert("c", "3"));
        }
    }

    @Test
    void aSubscriberResumesFromTheRevisionAnotherStoppedAt() throws Exception {
        long resumeAt;
        try (EtcdSubscriber first = tree.watchPrefix(Bytes.EMPTY)) {
            tree.insert(b("k1"), b("1"));
            take(first, 1);
            resumeAt = first.revision() + 1;
        }
        tree.insert(b("k2"), b("2"));
        tree.insert(b("k3"), b("3"));
        try (EtcdSubscriber second = tree.watchPrefix(Bytes.EMPTY, resumeAt)) {
            assertThat(take(second, 2)).containsExactly(insert("k2", "2"), insert("k3", "3"));
        }
    }

    @Test
    void aWatchBehindCompactionTellsItsSubscriberAndResumes() throws Exception {
        tree.insert(b("old"), b("1"));
        long missed = db.currentRevision();
        tree.insert(b("old"), b("2"));
        long compactedTo = db.currentRevision();
        ((EtcdDb) db).connection().compact(compactedTo);
        try (EtcdSubscriber s = tree.watchPrefix(Bytes.EMPTY, missed)) {
            assertThat(s.hasNext()).isTrue();
            assertThatThrownBy(s::next).isInstanceOf(RevisionCompactedException.class)
                    .hasMessageContaining("re-read")
                    .satisfies(e -> assertThat(((RevisionCompactedException) e).compactRevision()).isEqualTo(compactedTo));
            assertThat(s.isClosed()).isFalse();
            tree.insert(b("new"), b("3"));
            List<Event> after = new ArrayList<>();
            Event e;
            while ((e = s.next(WAIT)) != null && !e.equals(insert("new", "3"))) {
                after.add(e);
            }
            assertThat(e).isEqualTo(insert("new", "3"));
            assertThat(after).allMatch(ev -> ev.equals(insert("old", "2")));
        }
    }

    @Test
    void aFullBufferOverflowsTheSubscriberAfterItsBufferedEvents() throws Exception {
        db.close();
        db = EtcdSled.open(SharedCluster.freshConfig().subscriberBufferSize(2).build());
        tree = db.openTree("t");
        EtcdSubscriber s = tree.watchPrefix(Bytes.EMPTY);
        // A sibling database with the default buffer watches the same keys. Only once it has seen the last
        // write may the subscriber under test be read; read earlier, it would make room and not overflow.
        try (EtcdSledDb sibling = EtcdSled.open(SharedCluster.freshConfig().namespace(db.etcdConfig().namespace()).build());
                EtcdSubscriber witness = sibling.openTree("t").watchPrefix(Bytes.EMPTY)) {
            for (int i = 0; i < 5; i++) {
                tree.insert(b("k" + i), b("v"));
            }
            assertThat(take(witness, 5)).last().isEqualTo(insert("k4", "v"));
        }
        Thread.sleep(200);
        assertThat(take(s, 2)).containsExactly(insert("k0", "v"), insert("k1", "v"));
        assertThatThrownBy(s::next).isInstanceOf(SubscriberOverflowException.class).hasMessageContaining("buffer of 2");
        assertThat(s.isClosed()).isTrue();
        assertThat(s.hasNext()).isFalse();
    }

    @Test
    void thePublisherHonoursDemand() throws Exception {
        try (EtcdSubscriber s = tree.watchPrefix(Bytes.EMPTY)) {
            List<Event> received = new CopyOnWriteArrayList<>();
            CountDownLatch two = new CountDownLatch(2);
            Flow.Subscription[] subscription = new Flow.Subscription[1];
            s.publisher().subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription sub) {
                    subscription[0] = sub;
                    sub.request(2);
                }

                @Override
                public void onNext(Event item) {
                    received.add(item);
                    two.countDown();
                }

                @Override
                public void onError(Throwable throwable) {
                }

                @Override
                public void onComplete() {
                }
            });
            for (int i = 0; i < 3; i++) {
                tree.insert(b("k" + i), b("v"));
            }
            assertThat(two.await(30, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300);
            assertThat(received).hasSize(2);
            subscription[0].request(1);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(received).containsExactly(insert("k0", "v"), insert("k1", "v"), insert("k2", "v"));
            subscription[0].cancel();
            assertThat(s.isClosed()).isTrue();
        }
    }
}
