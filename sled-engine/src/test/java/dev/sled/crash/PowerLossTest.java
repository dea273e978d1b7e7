package dev.sled.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.SledIterator;
import dev.sled.StorageException;
import dev.sled.fault.PowerLossFileIo;
import dev.sled.internal.io.SystemFileIo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss: every write not covered by an fsync is dropped (and, in the torn mode, the last one is
 * half written) at a random moment; the reopened database must hold a prefix of the history that
 * includes every acknowledged unit.
 */
class PowerLossTest {

    @TempDir
    Path dir;

    /**
     * A small flush forces its catalog batch and its segment frames in parallel. If the power goes out
     * after the batch reached the disk but before the frames did, recovery must find a frame missing
     * and return to the last acknowledged state, not fail on (or serve) the missing frames.
     */
    @Test
    void aCatalogBatchThatReachedTheDiskBeforeItsFramesIsCutAtRecovery() throws Exception {
        Path path = dir.resolve("forced-together");
        PowerLossFileIo io = new PowerLossFileIo(SystemFileIo.INSTANCE, false);
        SledDb db = SledConfig.builder().path(path).fileIo(io).flushEveryMs(0).open();
        for (int i = 0; i < 100; i++) {
            db.insert(Bytes.ofLong(i), Bytes.of("acknowledged"));
        }
        db.flush();
        db.insert(Bytes.ofLong(7), Bytes.of("lost"));
        db.insert(Bytes.ofLong(1000), Bytes.of("lost"));
        io.stallForces("seg-");
        int forcesBefore = io.completedForces();
        Thread flush = new Thread(() -> assertThatThrownBy(db::flush).isInstanceOf(StorageException.class));
        flush.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (io.completedForces() == forcesBefore && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(io.completedForces()).as("the catalog batch was forced while the frames were not").isGreaterThan(forcesBefore);
        io.powerOff();
        flush.join();
        try (SledDb reopened = SledConfig.builder().path(path).flushEveryMs(0).open()) {
            assertThat(reopened.get(Bytes.ofLong(7))).isEqualTo(Bytes.of("acknowledged"));
            assertThat(reopened.get(Bytes.ofLong(1000))).isNull();
            assertThat(reopened.size()).isEqualTo(100);
            reopened.insert(Bytes.ofLong(1000), Bytes.of("again"));
            reopened.flush();
        }
        try (SledDb again = SledConfig.builder().path(path).flushEveryMs(0).open()) {
            assertThat(again.get(Bytes.ofLong(1000))).isEqualTo(Bytes.of("again"));
        }
    }

    /** Writers sharing flushes (group commit): every write whose flush() returned survives the power cut. */
    @Test
    void concurrentDurableWritersShareFlushesAndLoseNothingAcknowledged() throws Exception {
        Path path = dir.resolve("group");
        PowerLossFileIo io = new PowerLossFileIo(SystemFileIo.INSTANCE, true);
        SledDb db = SledConfig.builder().path(path).fileIo(io).flushEveryMs(0).open();
        int writers = 8;
        ConcurrentLinkedQueue<Bytes> acknowledged = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            pool.submit(() -> {
                for (int i = 0; ; i++) {
                    Bytes key = Bytes.of(writer + "-" + i);
                    try {
                        db.insert(key, key);
                        db.flush();
                    } catch (RuntimeException powerOff) {
                        return;
                    }
                    acknowledged.add(key);
                }
            });
        }
        Thread.sleep(300);
        io.powerOff();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(db.stats().flushes()).as("flushes shared by %d writers", writers).isLessThan(acknowledged.size());
        try (SledDb reopened = SledConfig.builder().path(path).flushEveryMs(0).open()) {
            for (Bytes key : acknowledged) {
                assertThat(reopened.get(key)).as("acknowledged %s", key).isEqualTo(key);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void unsyncedWritesVanishButAcknowledgedOnesSurvive(boolean tear) throws Exception {
        for (int round = 0; round < 40; round++) {
            long seed = 1000L * round + (tear ? 1 : 0);
            Random rnd = new Random(seed);
            Path path = dir.resolve("db" + round);
            PowerLossFileIo io = new PowerLossFileIo(SystemFileIo.INSTANCE, tear);
            SledDb db = SledConfig.builder().path(path).fileIo(io).flushEveryMs(0).segmentSize(4096)
                    .nodeMaxEntries(4 + rnd.nextInt(6)).cacheCapacity(64 * 1024).open();
            List<CrashWorkload.Unit> history = CrashWorkload.history(seed, 400);
            int acked = 0;
            int applied = 0;
            int cut = rnd.nextInt(history.size());
            try {
                for (; applied < cut; applied++) {
                    CrashWorkload.apply(db, history.get(applied));
                    if (rnd.nextInt(6) == 0) {
                        db.flush();
                        acked = applied + 1;
                    }
                }
            } finally {
                io.powerOff();
            }
            try (SledDb reopened = SledConfig.builder().path(path).flushEveryMs(0).open()) {
                assertPrefix(reopened, history, acked, applied, seed);
            }
        }
    }

    private static void assertPrefix(SledDb db, List<CrashWorkload.Unit> history, int acked, int applied, long seed) {
        Map<String, TreeMap<Bytes, Bytes>> actual = new TreeMap<>();
        Map<String, TreeMap<Bytes, Bytes>> model = new TreeMap<>();
        for (String t : CrashWorkload.TREES) {
            TreeMap<Bytes, Bytes> m = new TreeMap<>();
            try (SledIterator it = db.openTree(t).iterator()) {
                it.forEachRemaining(kv -> m.put(kv.key(), kv.value()));
            }
            actual.put(t, m);
            model.put(t, new TreeMap<>());
        }
        List<Integer> matches = new ArrayList<>();
        for (int p = 0; p <= applied; p++) {
            if (p >= acked && model.equals(actual)) {
                matches.add(p);
                break;
            }
            if (p < applied) {
                CrashWorkload.applyToModel(model, history.get(p));
            }
        }
        assertThat(matches).as("seed %d: recovered state must equal the history after n units, %d <= n <= %d", seed, acked, applied)
                .isNotEmpty();
    }
}
