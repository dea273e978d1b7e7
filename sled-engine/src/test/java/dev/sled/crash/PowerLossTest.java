package dev.sled.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.SledIterator;
import dev.sled.CorruptionException;
import dev.sled.fault.PowerLossFileIo;
import dev.sled.internal.format.Frame;
import dev.sled.internal.format.FormatVersion;
import dev.sled.internal.format.MetaRecord;
import dev.sled.internal.io.SystemFileIo;
import dev.sled.internal.storage.Location;
import dev.sled.internal.storage.LogTail;
import dev.sled.internal.storage.SegmentStore;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
     * A flush commits with one fsync of the segment log; the catalog's copy of the batch is written
     * lazily. A power cut that loses that copy must not lose the flush.
     */
    @Test
    void aCommitOnlyTheSegmentLogHoldsIsRecovered() throws Exception {
        Path path = dir.resolve("tail");
        writeDurablyThenCutPower(path, PowerLossFileIo.Loss.DROP, 100);
        try (SledDb reopened = SledConfig.builder().path(path).flushEveryMs(0).open()) {
            assertThat(reopened.size()).isEqualTo(100);
            assertThat(reopened.get(Bytes.ofLong(99))).isEqualTo(Bytes.of("v99"));
        }
    }

    /**
     * The commit frame and the frames it names are forced by one fsync; after a power cut the commit may
     * be on disk without one of its frames. That flush never returned: recovery must return to the state
     * before it, and the discarded commit must not shadow the next one, which takes the same sequence number.
     */
    @Test
    void aCommitWhoseFrameDidNotReachTheDiskIsDiscarded() throws Exception {
        Path path = dir.resolve("torn-frame");
        PowerLossFileIo io = new PowerLossFileIo(SystemFileIo.INSTANCE, PowerLossFileIo.Loss.DROP, 1);
        SledDb db = SledConfig.builder().path(path).fileIo(io).flushEveryMs(0).open();
        for (int i = 0; i < 100; i++) {
            db.insert(Bytes.ofLong(i), Bytes.of("acknowledged"));
        }
        db.flush();
        db.insert(Bytes.ofLong(7), Bytes.of("lost"));
        db.insert(Bytes.ofLong(1000), Bytes.of("lost"));
        db.flush();
        io.powerOff();
        damageAFrameOfTheLastCommit(path);
        try (SledDb reopened = SledConfig.builder().path(path).flushEveryMs(0).open()) {
            assertThat(reopened.get(Bytes.ofLong(7))).isEqualTo(Bytes.of("acknowledged"));
            assertThat(reopened.get(Bytes.ofLong(1000))).isNull();
            assertThat(reopened.size()).isEqualTo(100);
        }
        PowerLossFileIo second = new PowerLossFileIo(SystemFileIo.INSTANCE, PowerLossFileIo.Loss.DROP, 2);
        SledDb again = SledConfig.builder().path(path).fileIo(second).flushEveryMs(0).open();
        again.insert(Bytes.ofLong(1000), Bytes.of("again"));
        again.flush();
        second.powerOff();
        try (SledDb third = SledConfig.builder().path(path).flushEveryMs(0).open()) {
            assertThat(third.get(Bytes.ofLong(1000))).isEqualTo(Bytes.of("again"));
            assertThat(third.get(Bytes.ofLong(7))).isEqualTo(Bytes.of("acknowledged"));
        }
    }

    /**
     * The catalog's copies are written without fsync, so a power cut may keep a later page of the
     * catalog log and lose an earlier one. That is harmless while the segment log holds the commits;
     * when it does not, the damage is reported, not silently skipped.
     */
    @Test
    void aDamagedCatalogBatchIsHarmlessOnlyWhileTheSegmentLogHoldsItsCommits() throws Exception {
        Path path = dir.resolve("catalog-gap");
        writeDurablyThenCutPower(path, PowerLossFileIo.Loss.NONE, 50);
        Path log = onlyFile(path, ".log");
        flipByte(log, FormatVersion.HEADER_SIZE + Frame.HEADER + 1);
        Path copy = dir.resolve("catalog-gap-copy");
        copyDirectory(path, copy);
        try (SledDb reopened = SledConfig.builder().path(path).flushEveryMs(0).open()) {
            assertThat(reopened.size()).isEqualTo(50);
        }
        try (FileChannel segment = FileChannel.open(copy.resolve(SegmentStore.fileName(1)), StandardOpenOption.WRITE)) {
            segment.truncate(FormatVersion.HEADER_SIZE);
        }
        assertThatThrownBy(() -> SledConfig.builder().path(copy).flushEveryMs(0).open())
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(log.getFileName().toString())
                .hasMessageContaining("segment log does not hold");
    }

    /** Writes keys 0..n-1 (values "v" + i), flushing after each, then cuts the power with {@code loss}. */
    private static void writeDurablyThenCutPower(Path path, PowerLossFileIo.Loss loss, int n) throws Exception {
        PowerLossFileIo io = new PowerLossFileIo(SystemFileIo.INSTANCE, loss, 1);
        SledDb db = SledConfig.builder().path(path).fileIo(io).flushEveryMs(0).open();
        for (int i = 0; i < n; i++) {
            db.insert(Bytes.ofLong(i), Bytes.of("v" + i));
            db.flush();
        }
        io.powerOff();
    }

    /** Flips one byte in the frame that the segment log's last commit wrote for its first node. */
    private static void damageAFrameOfTheLastCommit(Path path) throws Exception {
        List<Integer> segments = SegmentStore.segmentIds(SystemFileIo.INSTANCE, path);
        LogTail tail = LogTail.read(path, SystemFileIo.INSTANCE, segments, Location.of(0, 0), 0);
        List<LogTail.Commit> commits = tail.commits();
        MetaRecord.Leaf leaf = commits.get(commits.size() - 1).leaves().get(0);
        long at = leaf.frames().newestLocation();
        flipByte(path.resolve(SegmentStore.fileName(Location.segment(at))), Location.offset(at) + Frame.HEADER + 2);
    }

    private static void flipByte(Path file, long position) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.put(0, (byte) (b.get(0) ^ 0x5A));
            ch.write(b.rewind(), position);
        }
    }

    private static Path onlyFile(Path dir, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matching = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertThat(matching).hasSize(1);
            return matching.get(0);
        }
    }

    private static void copyDirectory(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** Writers sharing flushes (group commit): every write whose flush() returned survives the power cut. */
    @Test
    void concurrentDurableWritersShareFlushesAndLoseNothingAcknowledged() throws Exception {
        Path path = dir.resolve("group");
        PowerLossFileIo io = new PowerLossFileIo(SystemFileIo.INSTANCE, PowerLossFileIo.Loss.SCRAMBLE, 1);
        SledDb db = SledConfig.builder().path(path).fileIo(io).flushEveryMs(0).open();
        long flushesAtOpen = db.stats().flushes();
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
        // A count rather than a time: on a loaded machine a few hundred milliseconds may see few flushes.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acknowledged.size() < 400 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        io.powerOff();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(db.stats().flushes() - flushesAtOpen).as("flushes shared by %d writers", writers)
                .isLessThan(acknowledged.size());
        try (SledDb reopened = SledConfig.builder().path(path).flushEveryMs(0).open()) {
            for (Bytes key : acknowledged) {
                assertThat(reopened.get(key)).as("acknowledged %s", key).isEqualTo(key);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PowerLossFileIo.Loss.class)
    void unsyncedWritesVanishButAcknowledgedOnesSurvive(PowerLossFileIo.Loss loss) throws Exception {
        for (int round = 0; round < 40; round++) {
            long seed = 1000L * round + loss.ordinal();
            Random rnd = new Random(seed);
            Path path = dir.resolve("db" + round);
            PowerLossFileIo io = new PowerLossFileIo(SystemFileIo.INSTANCE, loss, seed);
            // every other round with sled's smallest segments: most frames then get a segment file of their own
            SledDb db = SledConfig.builder().path(path).fileIo(io).flushEveryMs(0).segmentSize(round % 2 == 0 ? 4096 : 256)
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
