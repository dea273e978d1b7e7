package dev.sled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serializability, progress under contention and crash atomicity of transactions. */
class TransactionTest {

    @TempDir
    Path dir;
    SledConfig cfg;
    SledDb db;

    @BeforeEach
    void open() {
        cfg = SledConfig.builder().path(dir.resolve("db")).nodeMaxEntries(8).flushEveryMs(0);
        db = cfg.open();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Bytes k(String s) {
        return Bytes.of(s);
    }

    @Test
    void aBodyThatFailsOnATornViewRunsAgainButOneThatFailsOnAConsistentViewFails() throws Exception {
        db.insert(Bytes.of("k1"), Bytes.of("cats"));
        db.insert(Bytes.of("k2"), Bytes.of("dogs"));
        AtomicInteger attempts = new AtomicInteger();
        String seen = db.transaction(tx -> {
            Bytes first = tx.get(Bytes.of("k1"));
            if (attempts.incrementAndGet() == 1) { // another thread swaps the two values between the body's reads
                Thread swap = new Thread(() -> db.transaction(other -> {
                    Bytes a = other.get(Bytes.of("k1"));
                    other.insert(Bytes.of("k1"), other.get(Bytes.of("k2")));
                    other.insert(Bytes.of("k2"), a);
                    return null;
                }));
                swap.start();
                swap.join();
            }
            Bytes second = tx.get(Bytes.of("k2"));
            if (first.equals(second)) {
                throw new IllegalStateException("saw " + first + " twice: a torn view");
            }
            return first.toUtf8String() + "+" + second.toUtf8String();
        });
        assertThat(seen).isEqualTo("dogs+cats");
        assertThat(attempts).hasValue(2);

        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.get(Bytes.of("k1"));
            throw new IllegalStateException("refused on a consistent view");
        })).isInstanceOf(IllegalStateException.class).hasMessage("refused on a consistent view");
    }

    @Test
    void aCommitThatChangedWhatATransactionReadMayHaveGivenItAMixedView() {
        db.insert(k("read"), k("1"));
        Transaction pointRead = db.beginTransaction();
        pointRead.tree(db).get(k("read"));
        db.insert(k("read"), k("2"));
        assertThat(pointRead.mayHaveSeenMixedView()).isTrue();
        pointRead.rollback();
        assertThat(pointRead.mayHaveSeenMixedView()).as("after the rollback").isTrue();

        Transaction scan = db.beginTransaction();
        try (SledIterator it = scan.tree(db).scanPrefix(k("item:"))) {
            it.forEachRemaining(kv -> { });
        }
        db.insert(k("item:new"), k("x"));
        assertThat(scan.mayHaveSeenMixedView()).as("an insert into a scanned range").isTrue();
    }

    @Test
    void bankTransfersKeepTheTotalForConcurrentReadersAndAcrossReopen() throws Exception {
        SledTree checking = db.openTree("checking");
        SledTree savings = db.openTree("savings");
        int accounts = 20;
        long initial = 1000;
        for (int i = 0; i < accounts; i++) {
            checking.insert(Bytes.ofLong(i), Bytes.ofLong(initial));
            savings.insert(Bytes.ofLong(i), Bytes.ofLong(initial));
        }
        long total = 2 * accounts * initial;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger badSums = new AtomicInteger();
        AtomicInteger sums = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int seed = w;
            futures.add(pool.submit(() -> {
                Random rnd = new Random(seed);
                for (int n = 0; n < 400; n++) {
                    SledTree from = rnd.nextBoolean() ? checking : savings;
                    SledTree to = rnd.nextBoolean() ? checking : savings;
                    Bytes a = Bytes.ofLong(rnd.nextInt(accounts));
                    Bytes b = Bytes.ofLong(rnd.nextInt(accounts));
                    long amount = rnd.nextInt(50);
                    checking.transaction(tx -> {
                        TransactionalTree f = tx.tree(from);
                        TransactionalTree t = tx.tree(to);
                        long fa = f.get(a).toLong();
                        if (fa < amount) {
                            return false;
                        }
                        f.insert(a, Bytes.ofLong(fa - amount));
                        t.insert(b, Bytes.ofLong(t.get(b).toLong() + amount));
                        return true;
                    });
                }
            }));
        }
        for (int r = 0; r < 2; r++) {
            futures.add(pool.submit(() -> {
                do {
                    long sum = checking.transaction(tx -> {
                        long s = 0;
                        for (TransactionalTree t : List.of(tx, tx.tree(savings))) {
                            try (SledIterator it = t.range(KeyRange.all())) {
                                while (it.hasNext()) {
                                    s += it.next().value().toLong();
                                }
                            }
                        }
                        return s;
                    });
                    sums.incrementAndGet();
                    if (sum != total) {
                        badSums.incrementAndGet();
                    }
                } while (!stop.get());
            }));
        }
        for (int i = 0; i < 4; i++) {
            futures.get(i).get(120, TimeUnit.SECONDS);
        }
        stop.set(true);
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(sums.get()).isPositive();
        assertThat(badSums.get()).isZero();
        assertThat(sum(db.openTree("checking")) + sum(db.openTree("savings"))).isEqualTo(total);
        db.close();
        db = cfg.open();
        assertThat(sum(db.openTree("checking")) + sum(db.openTree("savings"))).isEqualTo(total);
    }

    private static long sum(SledTree t) {
        long s = 0;
        try (SledIterator it = t.iterator()) {
            while (it.hasNext()) {
                s += it.next().value().toLong();
            }
        }
        return s;
    }

    @Test
    void writeSkewIsPrevented() throws Exception {
        // Two doctors on call; each may go off call only if the other stays. Serializable: never both off.
        for (int round = 0; round < 50; round++) {
            db.insert(k("alice"), k("on"));
            db.insert(k("bob"), k("on"));
            CountDownLatch bothRead = new CountDownLatch(2);
            Thread t1 = new Thread(() -> goOffCall(k("alice"), k("bob"), bothRead));
            Thread t2 = new Thread(() -> goOffCall(k("bob"), k("alice"), bothRead));
            t1.start();
            t2.start();
            t1.join();
            t2.join();
            assertThat(List.of(db.get(k("alice")), db.get(k("bob")))).as("round %d", round).contains(k("on"));
        }
    }

    private void goOffCall(Bytes me, Bytes other, CountDownLatch bothRead) {
        AtomicBoolean first = new AtomicBoolean(true);
        db.transaction(tx -> {
            boolean otherOn = tx.get(other).equals(k("on"));
            if (first.getAndSet(false)) {
                bothRead.countDown();
                try {
                    bothRead.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (otherOn) {
                tx.insert(me, k("off"));
            }
            return null;
        });
    }

    @Test
    void phantomInsertIntoAScannedRangeConflicts() {
        db.insert(k("item:1"), k("x"));
        Transaction tx = db.beginTransaction();
        long count;
        try (SledIterator it = tx.tree(db).scanPrefix(k("item:"))) {
            count = it.stream().count();
        }
        tx.tree(db).insert(k("count"), Bytes.ofLong(count));
        db.insert(k("item:2"), k("y"));
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        assertThat(db.get(k("count"))).isNull();
    }

    @Test
    void deleteInsideAScannedRangeConflicts() {
        db.insert(k("item:1"), k("x"));
        db.insert(k("item:2"), k("y"));
        Transaction tx = db.beginTransaction();
        try (SledIterator it = tx.tree(db).scanPrefix(k("item:"))) {
            it.forEachRemaining(kv -> { });
        }
        tx.tree(db).insert(k("seen"), k("2"));
        db.remove(k("item:1"));
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void writesOutsideTheScannedPartDoNotConflict() {
        db.insert(k("a"), k("1"));
        db.insert(k("m"), k("2"));
        Transaction tx = db.beginTransaction();
        try (SledIterator it = tx.tree(db).range(KeyRange.closed(k("a"), k("c")))) {
            it.forEachRemaining(kv -> { });
        }
        tx.tree(db).insert(k("out"), k("x"));
        db.insert(k("z"), k("outside"));
        tx.commit();
        assertThat(db.get(k("out"))).isEqualTo(k("x"));
    }

    @Test
    void dozensOfThreadsOnTheSameTwoKeysAllCommit() throws Exception {
        db.insert(k("x"), Bytes.ofLong(0));
        db.insert(k("y"), Bytes.ofLong(0));
        int threads = 32;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    db.transaction(tx -> {
                        tx.insert(k("x"), Bytes.ofLong(tx.get(k("x")).toLong() + 1));
                        tx.insert(k("y"), Bytes.ofLong(tx.get(k("y")).toLong() + 1));
                        return null;
                    });
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(db.get(k("x")).toLong()).isEqualTo(threads * perThread);
        assertThat(db.get(k("y")).toLong()).isEqualTo(threads * perThread);
        assertThat(db.stats().transactionCommits()).isGreaterThanOrEqualTo(threads * perThread);
        assertThat(db.stats().inserts()).as("inserts inside transactions count").isGreaterThanOrEqualTo(2L * threads * perThread);
    }

    @Test
    void transactionsAndPlainWritesOnTheSameKeysStaySerializable() throws Exception {
        db.insert(k("n"), Bytes.ofLong(0));
        int n = 2000;
        Thread plain = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                db.updateAndFetch(k("n"), v -> Bytes.ofLong(v.toLong() + 1));
            }
        });
        Thread tx = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                db.transaction(t -> t.insert(k("n"), Bytes.ofLong(t.get(k("n")).toLong() + 1)));
            }
        });
        plain.start();
        tx.start();
        plain.join();
        tx.join();
        assertThat(db.get(k("n")).toLong()).isEqualTo(2L * n);
    }

    @Test
    void retryBudgetIsReportedWithASpecificException() {
        SledDb tiny = SledConfig.builder().path(dir.resolve("tiny")).transactionMaxAttempts(1).flushEveryMs(0).open();
        try {
            tiny.insert(k("k"), k("0"));
            assertThatThrownBy(() -> tiny.transaction(tx -> {
                tx.get(k("k"));
                Thread other = new Thread(() -> tiny.insert(k("k"), Bytes.of(String.valueOf(System.nanoTime()))));
                other.start();
                other.join();
                tx.insert(k("k"), k("mine"));
                return null;
            })).isInstanceOf(TransactionConflictException.class).hasMessageContaining("1 conflicting attempts");
        } finally {
            tiny.close();
        }
    }

    @Test
    void nestedTransactionIsRefused() {
        assertThatThrownBy(() -> db.transaction(tx -> db.transaction(inner -> null)))
                .isInstanceOf(TransactionMisuseException.class);
    }

    @Test
    void treeOfAnotherDatabaseIsRefused() {
        try (SledDb other = SledConfig.builder().path(dir.resolve("other")).flushEveryMs(0).open()) {
            assertThatThrownBy(() -> db.transaction(tx -> tx.tree(other).get(k("a"))))
                    .isInstanceOf(TransactionMisuseException.class).hasMessageContaining("another database");
        }
    }

    @Test
    void flushOnCommitMakesTheCommitDurable() {
        db.transaction(tx -> {
            tx.insert(k("durable"), k("yes"));
            tx.flushOnCommit();
            return null;
        });
        assertThat(db.stats().flushes()).isPositive();
    }
}
