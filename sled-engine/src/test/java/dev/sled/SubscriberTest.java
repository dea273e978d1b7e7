package dev.sled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriberTest {

    @TempDir
    Path dir;
    SledDb db;

    @BeforeEach
    void open() {
        db = SledConfig.builder().path(dir.resolve("db")).subscriberBufferSize(16).flushEveryMs(0).open();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void batchAndTransactionEventsArriveAfterApplyInKeyOrder() throws Exception {
        try (Subscriber sub = db.watchPrefix(Bytes.EMPTY)) {
            db.applyBatch(new SledBatch().insert(Bytes.of("b"), Bytes.of("2")).insert(Bytes.of("a"), Bytes.of("1")));
            db.transaction(tx -> tx.remove(Bytes.of("a")));
            assertThat(sub.next(Duration.ofSeconds(5))).isEqualTo(new Event.Insert(Bytes.of("a"), Bytes.of("1")));
            assertThat(sub.next(Duration.ofSeconds(5))).isEqualTo(new Event.Insert(Bytes.of("b"), Bytes.of("2")));
            assertThat(sub.next(Duration.ofSeconds(5))).isEqualTo(new Event.Remove(Bytes.of("a")));
        }
    }

    @Test
    void noOpWritesEmitNothing() throws Exception {
        db.insert(Bytes.of("k"), Bytes.of("v"));
        try (Subscriber sub = db.watchPrefix(Bytes.EMPTY)) {
            for (int i = 0; i < 100; i++) {
                db.insert(Bytes.of("k"), Bytes.of("v"));
                db.remove(Bytes.of("absent"));
            }
            assertThat(sub.next(Duration.ofMillis(50))).isNull();
        }
    }

    @Test
    void aConsumerThatFallsBehindInABurstSlowsTheWritersInsteadOfMissingEvents() throws Exception {
        int n = 20_000;
        try (Subscriber sub = db.watchPrefix(Bytes.EMPTY)) {
            Thread writer = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    db.insert(Bytes.ofLong(i), Bytes.of("v"));
                }
            });
            writer.start();
            for (int i = 0; i < n; i++) {
                assertThat(sub.next(Duration.ofSeconds(10))).as("event %d of %d", i, n).isEqualTo(new Event.Insert(Bytes.ofLong(i), Bytes.of("v")));
                if (i % 1000 == 0) {
                    Thread.sleep(5); // a consumer slower than the writer now and then: the 16-event buffer fills
                }
            }
            writer.join();
        }
    }

    @Test
    void aSubscriberNobodyReadsHoldsWritersOnceAndLearnsItOverflowed() throws Exception {
        Subscriber sub = db.watchPrefix(Bytes.EMPTY);
        for (int i = 0; i < 1000; i++) {
            db.insert(Bytes.ofLong(i), Bytes.of("v"));
        }
        int received = 0;
        assertThatThrownBy(() -> {
            while (true) {
                sub.next();
            }
        }).isInstanceOf(SubscriberOverflowException.class).hasMessageContaining("missed events");
        assertThat(sub.isClosed()).isTrue();
        assertThat(received).isZero();
    }

    @Test
    void closingEndsTheIteratorAndReleasesTheSubscription() {
        Subscriber sub = db.watchPrefix(Bytes.of("p"));
        assertThat(db.stats().subscribers()).isEqualTo(1);
        sub.close();
        assertThat(sub.hasNext()).isFalse();
        assertThatThrownBy(sub::next).isInstanceOf(NoSuchElementException.class);
        assertThat(db.stats().subscribers()).isZero();
    }

    @Test
    void blockedConsumerWakesWhenTheDatabaseCloses() throws Exception {
        Subscriber sub = db.watchPrefix(Bytes.EMPTY);
        CountDownLatch ended = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            while (sub.hasNext()) {
                sub.next();
            }
            ended.countDown();
        });
        consumer.start();
        Thread.sleep(50);
        db.close();
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void flowPublisherHonoursDemand() throws Exception {
        Subscriber sub = db.watchPrefix(Bytes.EMPTY);
        List<Event> got = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(1);
        Flow.Subscription[] subscription = new Flow.Subscription[1];
        sub.publisher().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription[0] = s;
                s.request(2);
            }

            @Override
            public void onNext(Event item) {
                got.add(item);
                two.countDown();
            }

            @Override
            public void onError(Throwable throwable) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        for (int i = 0; i < 5; i++) {
            db.insert(Bytes.ofLong(i), Bytes.of("v"));
        }
        assertThat(two.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100);
        assertThat(got).hasSize(2);
        subscription[0].cancel();
        assertThat(sub.isClosed()).isTrue();
        assertThat(done.await(200, TimeUnit.MILLISECONDS)).as("no signal after cancel").isFalse();
    }
}
