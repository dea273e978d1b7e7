package dev.sled;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several threads on disjoint and shared keys, checking invariants rather than timings. */
class ConcurrencyTest {

    @TempDir
    Path dir;
    SledDb db;

    private SledConfig cfg() {
        return SledConfig.builder().path(dir.resolve("db")).nodeMaxEntries(6).cacheCapacity(128 * 1024)
                .segmentSize(64 * 1024).flushEveryMs(1);
    }

    @BeforeEach
    void open() {
        db = cfg().open();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static void runAll(int threads, ThrowingRunnable body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            fs.add(pool.submit(() -> {
                body.run(id);
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }

    interface ThrowingRunnable {
        void run(int thread) throws Exception;
    }

    @Test
    void disjointWritersLoseNothingWhileIteratorsStayOrdered() throws Exception {
        int writers = 4;
        int perWriter = 3000;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> problem = new AtomicReference<>();
        Thread scanner = new Thread(() -> {
            while (!stop.get()) {
                Bytes prev = null;
                try (SledIterator it = db.iterator()) {
                    while (it.hasNext()) {
                        Bytes k = it.next().key();
                        if (prev != null && prev.compareTo(k) >= 0) {
                            problem.set("iterator returned " + k + " after " + prev);
                        }
                        prev = k;
                    }
                }
                Bytes next = null;
                try (SledIterator it = db.iterator().reverse()) {
                    while (it.hasNext()) {
                        Bytes k = it.next().key();
                        if (next != null && next.compareTo(k) <= 0) {
                            problem.set("reverse iterator returned " + k + " after " + next);
                        }
                        next = k;
                    }
                }
            }
        });
        scanner.start();
        runAll(writers, t -> {
            for (int i = 0; i < perWriter; i++) {
                db.insert(Bytes.ofLong(((long) i << 8) | t), Bytes.ofLong(i));
                if (i % 3 == 0) {
                    db.remove(Bytes.ofLong(((long) (i / 2) << 8) | t));
                }
            }
        });
        stop.set(true);
        scanner.join();
        assertThat(problem.get()).isNull();
        assertAllPresent(writers, perWriter);
        // Writes that raced with background flushes must all be on disk after close.
        db.close();
        db = cfg().open();
        assertAllPresent(writers, perWriter);
    }

    /**
     * Each thread writes its own run of keys, ascending, then in random order, then descending, and reads
     * every write back at once, by get and by a one-key range. Ascending runs split their leaves at the
     * runs' ends, the last one at the tree's end, while lookups copy the index; removals merge leaves; the
     * small cache evicts them. A lookup that lands on a leaf no longer covering its key returns null.
     * (With index copies that lost the index's last leaves, one run in four or five failed.)
     */
    @RepeatedTest(4)
    void everyThreadReadsItsOwnWritesBack() throws Exception {
        int threads = 4;
        int keysPerThread = 3000;
        java.util.concurrent.atomic.AtomicLong removed = new java.util.concurrent.atomic.AtomicLong();
        runAll(threads, t -> {
            java.util.Random rnd = new java.util.Random(t);
            List<Long> mine = new ArrayList<>();
            for (long i = 0; i < keysPerThread; i++) {
                mine.add((long) t * keysPerThread + i);
            }
            for (int round = 0; round < 3; round++) {
                if (round == 1) {
                    java.util.Collections.shuffle(mine, rnd);
                } else if (round == 2) {
                    mine.sort(java.util.Comparator.reverseOrder());
                }
                for (long k : mine) {
                    Bytes key = Bytes.ofLong(k);
                    Bytes value = Bytes.ofLong(k * 10 + round);
                    db.insert(key, value);
                    assertThat(db.get(key)).as("thread %d round %d: get after insert of %d", t, round, k).isEqualTo(value);
                    try (SledIterator it = db.range(KeyRange.closed(key, key))) {
                        assertThat(it.hasNext()).as("thread %d round %d: range after insert of %d", t, round, k).isTrue();
                        assertThat(it.next().value()).isEqualTo(value);
                    }
                    if (round == 2 && rnd.nextBoolean()) {
                        db.remove(key);
                        removed.incrementAndGet();
                        assertThat(db.get(key)).as("thread %d: get after remove of %d", t, k).isNull();
                    }
                }
            }
        });
        assertThat(db.size()).isEqualTo((long) threads * keysPerThread - removed.get());
    }

    /**
     * Threads that flush with their interrupt set still get durable writes, and keep the interrupt: a
     * caller waiting for another's flush stops waiting and queues on the flush lock instead.
     */
    @Test
    void interruptedWritersStillFlushAndKeepTheirInterrupt() throws Exception {
        int threads = 8;
        int perThread = 200;
        runAll(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                db.insert(Bytes.ofLong((long) t * perThread + i), Bytes.ofLong(i));
                Thread.currentThread().interrupt();
                db.flush();
                assertThat(Thread.interrupted()).as("the interrupt survives flush()").isTrue();
            }
        });
        db.close();
        db = cfg().open();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertThat(db.get(Bytes.ofLong((long) t * perThread + i))).isEqualTo(Bytes.ofLong(i));
            }
        }
    }

    /** A thread with its interrupt set can open, recover, write, flush and close a database, and keeps the interrupt. */
    @Test
    void anInterruptedThreadOpensUsesAndClosesTheDatabase() {
        db.insert(Bytes.of("before"), Bytes.of("1"));
        db.close();
        Thread.currentThread().interrupt();
        try {
            db = cfg().open();
            assertThat(db.get(Bytes.of("before"))).isEqualTo(Bytes.of("1"));
            db.insert(Bytes.of("after"), Bytes.of("2"));
            db.flush();
            db.close();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        db = cfg().open();
        assertThat(db.get(Bytes.of("after"))).isEqualTo(Bytes.of("2"));
    }

    /**
     * An interrupt that arrives while a thread reads a leaf from disk or flushes closes a plain
     * {@code FileChannel} for every thread; here threads are interrupted again and again during reads of
     * data larger than the cache and during flushes, and every read still answers, every flush still
     * succeeds, and the database stays healthy.
     */
    @Test
    void interruptsDuringReadsAndFlushesNeverCloseTheFiles() throws Exception {
        int keys = 20_000;
        for (int i = 0; i < keys; i++) {
            db.insert(Bytes.ofLong(i), Bytes.wrap(new byte[100]).slice(0, 100 - i % 7));
        }
        db.flush();
        int threads = 4;
        List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread interrupter = new Thread(() -> {
            while (!done.get()) {
                workers.forEach(Thread::interrupt);
                Thread.onSpinWait();
            }
        });
        interrupter.start();
        try {
            runAll(threads, t -> {
                workers.add(Thread.currentThread());
                java.util.Random rnd = new java.util.Random(t);
                for (int op = 0; op < 4000; op++) {
                    int k = rnd.nextInt(keys);
                    assertThat(db.get(Bytes.ofLong(k))).as("key %d", k).isNotNull().extracting(Bytes::length).isEqualTo(100 - k % 7);
                    if (op % 100 == 0) {
                        db.insert(Bytes.ofLong(keys + t * 4000L + op), Bytes.ofLong(op));
                        db.flush();
                    }
                }
                workers.remove(Thread.currentThread());
                Thread.interrupted();
            });
        } finally {
            done.set(true);
            interrupter.join();
        }
        db.close();
        db = cfg().open();
        assertThat(db.size()).isEqualTo(keys + threads * 40L);
    }

    private void assertAllPresent(int writers, int perWriter) {
        for (int t = 0; t < writers; t++) {
            for (int i = 0; i < perWriter; i++) {
                boolean removed = false;
                for (int j = 2 * i; j <= 2 * i + 1 && j < perWriter; j++) {
                    removed |= j % 3 == 0;
                }
                Bytes v = db.get(Bytes.ofLong(((long) i << 8) | t));
                if (!removed) {
                    assertThat(v).as("thread %d key %d", t, i).isEqualTo(Bytes.ofLong(i));
                }
            }
        }
    }

    /** Checks run against the even keys below 2000, stored as "stable", while the odd keys churn. */
    @FunctionalInterface
    private interface ChurnChecks {
        void run() throws Exception;
    }

    /**
     * Stores the stable keys, then runs {@code checks} while another thread inserts and removes the odd
     * keys between them, {@code stride} apart (leaves split and merge under the checks).
     */
    private void whileOddKeysChurn(int stride, ChurnChecks checks) throws Exception {
        for (int i = 0; i < 2000; i += 2) {
            db.insert(Bytes.ofLong(i), Bytes.of("stable"));
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread churn = new Thread(() -> {
            long n = 0;
            while (!stop.get()) {
                long k = (n++ * stride % 1000) * 2 + 1;
                db.insert(Bytes.ofLong(k), Bytes.of("churn"));
                db.remove(Bytes.ofLong(k));
            }
        });
        churn.start();
        try {
            checks.run();
        } finally {
            stop.set(true);
            churn.join();
        }
    }

    @Test
    void keysPresentThroughoutAScanAreAlwaysReturned() throws Exception {
        whileOddKeysChurn(1, () -> {
            for (int round = 0; round < 30; round++) {
                long stable = 0;
                try (SledIterator it = db.iterator()) {
                    while (it.hasNext()) {
                        if (it.next().value().equals(Bytes.of("stable"))) {
                            stable++;
                        }
                    }
                }
                assertThat(stable).isEqualTo(1000);
            }
        });
    }

    @Test
    void bothEndsOfABoundedScanMeetOnceWhileNeighboursChange() throws Exception {
        java.util.Random rnd = new java.util.Random(42);
        whileOddKeysChurn(7, () -> {
            for (int round = 0; round < 300; round++) {
                long from = rnd.nextInt(2000);
                long to = from + rnd.nextInt(2001 - (int) from);
                List<Long> front = new ArrayList<>();
                List<Long> back = new ArrayList<>();
                try (SledIterator it = db.range(KeyRange.closedOpen(Bytes.ofLong(from), Bytes.ofLong(to)))) {
                    while (true) {
                        boolean fromFront = rnd.nextBoolean();
                        if (fromFront ? !it.hasNext() : !it.hasNextBack()) {
                            break;
                        }
                        (fromFront ? front : back).add((fromFront ? it.next() : it.nextBack()).key().toLong());
                    }
                }
                List<Long> all = new ArrayList<>(front);
                for (int i = back.size() - 1; i >= 0; i--) {
                    all.add(back.get(i));
                }
                assertThat(all).as("round %d over [%d, %d): the front's keys then the back's, in order", round, from, to)
                        .isSorted().doesNotHaveDuplicates().allMatch(k -> k >= from && k < to);
                assertThat(all.stream().filter(k -> k % 2 == 0).count()).as("round %d: every stable key once", round)
                        .isEqualTo(java.util.stream.LongStream.range(from, to).filter(k -> k % 2 == 0).count());
            }
        });
    }

    @Test
    void casAndUpdateCountersAreExact() throws Exception {
        int threads = 8;
        int perThread = 500;
        runAll(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                db.updateAndFetch(Bytes.of("a"), v -> Bytes.ofLong(v == null ? 1 : v.toLong() + 1));
                for (;;) {
                    Bytes cur = db.get(Bytes.of("b"));
                    Bytes next = Bytes.ofLong(cur == null ? 1 : cur.toLong() + 1);
                    if (db.compareAndSwap(Bytes.of("b"), cur, next).isSuccess()) {
                        break;
                    }
                }
                db.openTree("m").setMergeOperator((k, old, op) -> Bytes.ofLong((old == null ? 0 : old.toLong()) + op.toLong()));
                db.openTree("m").merge(Bytes.of("c"), Bytes.ofLong(1));
            }
        });
        assertThat(db.get(Bytes.of("a")).toLong()).isEqualTo(threads * perThread);
        assertThat(db.get(Bytes.of("b")).toLong()).isEqualTo(threads * perThread);
        assertThat(db.openTree("m").get(Bytes.of("c")).toLong()).isEqualTo(threads * perThread);
    }

    @Test
    void popMinHandsOutEachEntryOnce() throws Exception {
        int n = 4000;
        for (int i = 0; i < n; i++) {
            db.insert(Bytes.ofLong(i), Bytes.ofLong(i));
        }
        java.util.Set<Bytes> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        runAll(4, t -> {
            for (KeyValue kv; (kv = (t % 2 == 0 ? db.popMin() : db.popMax())) != null; ) {
                assertThat(seen.add(kv.key())).as("popped twice: %s", kv.key()).isTrue();
            }
        });
        assertThat(seen).hasSize(n);
        assertThat(db.isEmpty()).isTrue();
    }

    @Test
    void closeDuringUseFailsOtherThreadsCleanly() throws Exception {
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        AtomicBoolean sawClosed = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    for (long i = 0; ; i++) {
                        db.insert(Bytes.ofLong(i * 4 + id), Bytes.ofLong(i));
                        db.get(Bytes.ofLong(i));
                    }
                } catch (DatabaseClosedException e) {
                    sawClosed.set(true);
                } catch (Throwable e) {
                    unexpected.set(e);
                }
            });
            threads.add(th);
            th.start();
        }
        Thread.sleep(200);
        db.close();
        for (Thread th : threads) {
            th.join(10_000);
        }
        assertThat(unexpected.get()).isNull();
        assertThat(sawClosed.get()).isTrue();
    }
}
