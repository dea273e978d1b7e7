package dev.sled;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak: writer threads run a mixed workload (inserts, removes, batches, transactions, scans) on
 * their own key ranges of several trees for {@code -Dsled.soak.seconds} (default 5), with a cache
 * smaller than the data, while a sampler reports heap, open files, threads and disk use over time. At
 * the end every thread's model must match the database, before and after a reopen, and nothing may
 * leak: file descriptors and threads return to their starting level after close.
 */
class SoakTest {

    @TempDir
    Path dir;

    @Test
    void mixedWorkloadRunsWithoutLeaksAndMatchesItsModel() throws Exception {
        int seconds = Integer.getInteger("sled.soak.seconds", 5);
        int threads = 4;
        long fdsBefore = openFiles();
        int threadsBefore = Thread.activeCount();
        SledConfig cfg = SledConfig.builder().path(dir.resolve("db")).cacheCapacity(256 * 1024).segmentSize(64 * 1024)
                .nodeMaxEntries(16).flushEveryMs(20);
        List<TreeMap<Bytes, Bytes>> models = new ArrayList<>();
        SledDb db = cfg.open();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            TreeMap<Bytes, Bytes> model = new TreeMap<>();
            models.add(model);
            int id = t;
            SledDb handle = db;
            futures.add(pool.submit(() -> {
                work(handle, id, model, end);
                return null;
            }));
        }
        List<String> samples = new ArrayList<>();
        while (System.nanoTime() < end) {
            samples.add(sample(db));
            Thread.sleep(Math.max(100, seconds * 100L));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        samples.add(sample(db));
        System.out.println("soak samples (heap MiB, open files, threads, disk KiB, cache KiB):");
        samples.forEach(System.out::println);
        for (int round = 0; round < 2; round++) {
            for (int t = 0; t < threads; t++) {
                List<KeyValue> actual = new ArrayList<>();
                try (SledIterator it = db.openTree("soak-" + (t % 2)).scanPrefix(Bytes.of("t" + t + ":"))) {
                    it.forEachRemaining(actual::add);
                }
                List<KeyValue> expected = new ArrayList<>();
                models.get(t).forEach((k, v) -> expected.add(new KeyValue(k, v)));
                assertThat(actual).as("thread %d, round %d", t, round).isEqualTo(expected);
            }
            db.close();
            db = cfg.open();
        }
        db.close();
        assertThat(openFiles()).as("open file descriptors after close").isLessThanOrEqualTo(fdsBefore + 2);
        Thread.sleep(200);
        assertThat(Thread.activeCount()).as("threads after close").isLessThanOrEqualTo(threadsBefore + 1);
    }

    private static void work(SledDb db, int id, TreeMap<Bytes, Bytes> model, long end) {
        Random rnd = new Random(id);
        SledTree tree = db.openTree("soak-" + (id % 2));
        while (System.nanoTime() < end) {
            Bytes key = Bytes.of("t" + id + ":" + rnd.nextInt(3000));
            Bytes value = Bytes.ofLong(rnd.nextLong());
            switch (rnd.nextInt(6)) {
                case 0, 1 -> {
                    tree.insert(key, value);
                    model.put(key, value);
                }
                case 2 -> {
                    tree.remove(key);
                    model.remove(key);
                }
                case 3 -> {
                    Bytes other = Bytes.of("t" + id + ":" + rnd.nextInt(3000));
                    tree.applyBatch(new SledBatch().insert(key, value).remove(other));
                    model.put(key, value);
                    model.remove(other);
                }
                case 4 -> {
                    tree.transaction(tx -> tx.insert(key, value));
                    model.put(key, value);
                }
                default -> {
                    try (SledIterator it = tree.range(KeyRange.atLeast(key))) {
                        for (int i = 0; i < 20 && it.hasNext(); i++) {
                            it.next();
                        }
                    }
                }
            }
        }
    }

    private static String sample(SledDb db) throws IOException {
        long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        SledStats s = db.stats();
        return String.format("%d, %d, %d, %d, %d", heap, openFiles(), Thread.activeCount(), s.diskBytes() >> 10, s.cacheBytes() >> 10);
    }

    private static long openFiles() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(fds)) {
            return s.count();
        }
    }
}
