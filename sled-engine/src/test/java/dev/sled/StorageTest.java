package dev.sled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files, recovery, limits and bad input of the embedded engine. */
class StorageTest {

    @TempDir
    Path dir;

    private SledConfig cfg() {
        return SledConfig.builder().path(dir.resolve("db")).flushEveryMs(0);
    }

    @Test
    void secondOpenOfTheSamePathFailsFast() {
        try (SledDb db = cfg().open()) {
            assertThatThrownBy(() -> cfg().open()).isInstanceOf(DatabaseLockedException.class).hasMessageContaining("already open");
        }
    }

    @Test
    void pathThatIsAFileIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> SledConfig.builder().path(file).open()).isInstanceOf(SledException.class).hasMessageContaining("is a file");
    }

    @Test
    void createNewFailsWhenADatabaseExists() {
        cfg().open().close();
        assertThatThrownBy(() -> cfg().createNew(true).open()).isInstanceOf(SledException.class).hasMessageContaining("createNew");
    }

    @Test
    void wasRecoveredTellsNewFromExisting() {
        try (SledDb db = cfg().open()) {
            assertThat(db.wasRecovered()).isFalse();
        }
        try (SledDb db = cfg().open()) {
            assertThat(db.wasRecovered()).isTrue();
        }
    }

    @Test
    void reopeningAdoptsTheStoredSegmentSizeAndCompressionUnlessSet() {
        cfg().segmentSize(64 * 1024).open().close();
        try (SledDb db = cfg().open()) {
            assertThat(db.config().segmentSize()).as("reported as in use").isEqualTo(64 * 1024);
            assertThat(db.config().compression()).isFalse();
        }
        try (SledDb db = cfg().segmentSize(64 * 1024).compression(false).open()) {
            assertThat(db.config().segmentSize()).isEqualTo(64 * 1024);
        }
    }

    @Test
    void reopeningWithAnotherSegmentSizeOrCompressionFailsNamingBothValues() {
        cfg().segmentSize(64 * 1024).open().close();
        assertThatThrownBy(() -> cfg().segmentSize(8 << 20).open()).isInstanceOf(ConfigMismatchException.class)
                .hasMessageContaining("created with segmentSize 65536").hasMessageContaining("asks for 8388608")
                .hasMessageContaining("leave it unset").hasMessageContaining("export()")
                .extracting(e -> ((ConfigMismatchException) e).parameter()).isEqualTo("segmentSize");
        assertThatThrownBy(() -> cfg().compression(true).open()).isInstanceOf(ConfigMismatchException.class)
                .hasMessageContaining("created with compression false").hasMessageContaining("asks for true");
        // the refused opens released the lock and left the database as it was
        try (SledDb db = cfg().open()) {
            assertThat(db.config().segmentSize()).isEqualTo(64 * 1024);
        }
    }

    @Test
    void temporaryDatabasesAreDeletedOnClose() {
        Path p = dir.resolve("tmp");
        try (SledDb db = SledConfig.builder().path(p).temporary(true).open()) {
            db.insert(Bytes.of("k"), Bytes.of("v"));
        }
        assertThat(p).doesNotExist();
    }

    @Test
    void foreignFilesAreRejectedWithAClearMessage() throws IOException {
        cfg().open().close();
        try (FileChannel ch = FileChannel.open(snapshot(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("NOTSLED!".getBytes()), 0);
        }
        assertThatThrownBy(() -> cfg().open()).isInstanceOf(FormatVersionException.class)
                .hasMessageContaining("not a sled-for-Java").hasMessageContaining("NOTSLED!");
    }

    @Test
    void newerFormatVersionIsRejected() throws IOException {
        cfg().open().close();
        writeFormatVersion(snapshot(), 99);
        assertThatThrownBy(() -> cfg().open()).isInstanceOf(FormatVersionException.class).hasMessageContaining("version 99")
                .hasMessageContaining("newer");
    }

    @Test
    void oversizedKeysAndValuesAreRejected() {
        try (SledDb db = cfg().open()) {
            assertThatThrownBy(() -> db.insert(Bytes.wrap(new byte[SledConfig.MAX_KEY_SIZE + 1]), Bytes.EMPTY))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key of " + (SledConfig.MAX_KEY_SIZE + 1) + " bytes");
            assertThatThrownBy(() -> db.compareAndSwap(Bytes.of("k"), null, Bytes.wrap(new byte[SledConfig.MAX_VALUE_SIZE + 1])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value of");
        }
    }

    @Test
    void keysOfAMebibyteSplitNodesAndSurviveReopen() {
        java.util.TreeMap<Bytes, Bytes> model = new java.util.TreeMap<>();
        java.util.Random rnd = new java.util.Random(7);
        SledConfig config = cfg().nodeMaxEntries(4).segmentSize(1 << 20);
        try (SledDb db = config.open()) {
            for (int i = 0; i < 24; i++) {
                byte[] key = new byte[(1 << 20) + rnd.nextInt(3)];
                java.util.Arrays.fill(key, (byte) 0xFF);
                key[key.length - 1] = (byte) rnd.nextInt(256); // long shared prefixes: separators are long too
                key[rnd.nextInt(key.length)] = (byte) i;
                model.put(Bytes.wrap(key), Bytes.of("v" + i));
                db.insert(Bytes.wrap(key), Bytes.of("v" + i));
            }
            db.flush();
        }
        assertReopenedHolds(config, model);
    }

    @Test
    void configSettersNameTheBadValue() {
        assertThatThrownBy(() -> SledConfig.builder().segmentSize(1000)).hasMessageContaining("was 1000");
        assertThatThrownBy(() -> SledConfig.builder().cacheCapacity(10)).hasMessageContaining("was 10");
        assertThatThrownBy(() -> SledConfig.builder().flushEveryMs(-1)).hasMessageContaining("was -1");
        assertThatThrownBy(() -> SledConfig.builder().compressionLevel(30)).hasMessageContaining("was 30");
    }

    @Test
    void sledsSmallestCacheAndSegmentsAreAccepted() {
        assertThat(SledConfig.builder().cacheCapacity(256).segmentSize(256))
                .extracting(SledConfig::cacheCapacity, SledConfig::segmentSize).containsExactly(256L, 256);
        assertThatThrownBy(() -> SledConfig.builder().cacheCapacity(255)).hasMessageContaining("at least 256 bytes, was 255");
        assertThatThrownBy(() -> SledConfig.builder().segmentSize(128)).hasMessageContaining("between 256 and").hasMessageContaining("was 128");
    }

    /**
     * sled accepts a 256-byte cache and 256-byte segments, and its tests use them. A cache smaller than one
     * node evicts every clean leaf after each use, and a segment smaller than most frames gives each frame
     * a file of its own; both must still hold exactly what was written, across flushes, compaction and
     * reopens. (0 keeps the default.)
     */
    @ParameterizedTest(name = "cache {0} B, segments {1} B")
    @CsvSource({"256, 0", "0, 256", "256, 2048"})
    void tinyCachesAndSegmentsHoldExactlyWhatWasWritten(long cache, int segment) {
        SledConfig config = cfg().nodeMaxEntries(4);
        if (cache > 0) {
            config.cacheCapacity(cache);
        }
        if (segment > 0) {
            config.segmentSize(segment);
        }
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        Random random = new Random(cache * 31 + segment);
        SledDb db = config.open();
        try {
            for (int op = 1; op <= 10_000; op++) {
                Bytes key = Bytes.ofLong(random.nextInt(1000));
                if (random.nextInt(3) == 0) {
                    assertThat(db.remove(key)).isEqualTo(model.remove(key));
                } else {
                    byte[] value = new byte[random.nextInt(40)];
                    random.nextBytes(value);
                    assertThat(db.insert(key, Bytes.wrap(value))).isEqualTo(model.put(key, Bytes.wrap(value)));
                }
                if (op % 1000 == 0) {
                    db.flush();
                }
                if (op % 2500 == 0) {
                    db.close();
                    db = config.open();
                }
                Bytes probe = Bytes.ofLong(random.nextInt(1000));
                assertThat(db.get(probe)).as("op %d", op).isEqualTo(model.get(probe));
            }
            db.flush();
        } finally {
            db.close();
        }
        assertReopenedHolds(config, model);
    }

    @Test
    void largeValuesAndManyTrees() {
        try (SledDb db = cfg().segmentSize(64 * 1024).open()) {
            byte[] big = new byte[3 << 20];
            new Random(1).nextBytes(big);
            db.insert(Bytes.of("big"), Bytes.wrap(big));
            for (int t = 0; t < 300; t++) {
                db.openTree("tree-" + t).insert(Bytes.of("k"), Bytes.ofLong(t));
            }
            db.flush();
        }
        try (SledDb db = cfg().open()) {
            assertThat(db.get(Bytes.of("big")).length()).isEqualTo(3 << 20);
            assertThat(db.treeNames()).hasSize(301);
            assertThat(db.openTree("tree-299").get(Bytes.of("k"))).isEqualTo(Bytes.ofLong(299));
        }
    }

    @Test
    void datasetTenTimesTheCacheStaysWithinTheBudget() {
        long cache = 256 * 1024;
        try (SledDb db = cfg().cacheCapacity(cache).segmentSize(256 * 1024).open()) {
            byte[] value = new byte[100];
            for (int i = 0; i < 30_000; i++) {
                db.insert(Bytes.ofLong(i), Bytes.wrap(value));
            }
            db.flush();
            long sum = 0;
            for (int i = 0; i < 30_000; i += 7) {
                sum += db.get(Bytes.ofLong(i)).length();
            }
            assertThat(sum).isEqualTo(100L * ((30_000 + 6) / 7));
            SledStats s = db.stats();
            assertThat(s.cacheBytes()).as("%s", s).isLessThan(2 * cache);
            assertThat(s.cacheMisses()).isPositive();
        }
    }

    @Test
    void aFewWritesToStoredLeavesFlushAsSmallDeltasThatSurviveEvictionAndReopen() {
        java.util.TreeMap<Bytes, Bytes> model = new java.util.TreeMap<>();
        Random random = new Random(42);
        // Compaction of segments holding bases and deltas is exercised by ModelTest and the crash tests.
        SledConfig config = cfg().cacheCapacity(64 * 1024);
        try (SledDb db = config.open()) {
            for (int i = 0; i < 5000; i++) {
                byte[] value = new byte[100];
                random.nextBytes(value);
                model.put(Bytes.ofLong(i), Bytes.wrap(value));
                db.insert(Bytes.ofLong(i), Bytes.wrap(value));
            }
            long whole = db.flush();
            for (int round = 0; round < 30; round++) {
                for (int w = 0; w < 3; w++) {
                    Bytes key = Bytes.ofLong(random.nextInt(5000));
                    if (random.nextInt(4) == 0) {
                        model.remove(key);
                        db.remove(key);
                    } else {
                        Bytes value = Bytes.ofLong(random.nextLong());
                        model.put(key, value);
                        db.insert(key, value);
                    }
                }
                long flushed = db.flush();
                assertThat(flushed).as("a flush of 3 writes, after a first flush of %d bytes", whole).isLessThan(whole / 50);
                // a small cache keeps evicting, so later reads rebuild leaves from a base and its delta
                for (int i = 0; i < 5000; i += 97) {
                    assertThat(db.get(Bytes.ofLong(i))).isEqualTo(model.get(Bytes.ofLong(i)));
                }
            }
            assertThat(db.stats().cacheMisses()).isPositive();
        }
        assertReopenedHolds(config, model);
    }

    @Test
    void aLeafWrittenAgainAndAgainFlushesAboutItsNewWritesEachTime() {
        java.util.TreeMap<Bytes, Bytes> model = new java.util.TreeMap<>();
        SledConfig config = cfg().cacheCapacity(64 * 1024);
        try (SledDb db = config.open()) {
            for (int i = 0; i < 5000; i++) {
                model.put(Bytes.ofLong(i), Bytes.wrap(new byte[100]));
                db.insert(Bytes.ofLong(i), Bytes.wrap(new byte[100]));
            }
            db.flush();
            // 40 new keys in one leaf, each written and flushed on its own: with deltas only since the base,
            // each flush would carry every entry written since the last whole image (a mean of about 1.9 KB).
            List<Long> flushed = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] v = new byte[100];
                java.util.Arrays.fill(v, (byte) (i + 1));
                model.put(Bytes.ofLong(2000 + i), Bytes.wrap(v));
                db.insert(Bytes.ofLong(2000 + i), Bytes.wrap(v));
                flushed.add(db.flush());
            }
            assertThat(flushed.stream().mapToLong(Long::longValue).average().orElseThrow())
                    .as("mean bytes per flush of one 116-byte entry: %s", flushed).isLessThan(1000);
        }
        // reopening and a small cache rebuild leaves from a base and two deltas
        assertReopenedHolds(config, model);
    }

    @Test
    void smallDurableWritesOverwriteZerosAheadInsteadOfGrowingTheSegmentFile() throws IOException {
        Path db = dir.resolve("db");
        try (SledDb sled = cfg().open()) {
            sled.insert(Bytes.of("first"), Bytes.of("write"));
            sled.flush();
            Path segment = newestSegment(db);
            long size = Files.size(segment);
            for (int i = 0; i < 50; i++) {
                sled.insert(Bytes.ofLong(i), Bytes.of("value " + i));
                sled.flush();
            }
            // growing the file would make each fdatasync commit the file system's journal too
            assertThat(newestSegment(db)).isEqualTo(segment);
            assertThat(Files.size(segment)).isEqualTo(size);
        }
        Path segment = newestSegment(db);
        long closedSize = Files.size(segment);
        try (SledDb sled = cfg().open()) {
            assertThat(sled.size()).isEqualTo(51);
            assertThat(sled.get(Bytes.ofLong(49))).isEqualTo(Bytes.of("value 49"));
        }
        assertThat(closedSize).as("a clean close cuts the zeros").isLessThan(64 * 1024);
    }

    private Path snapshot() throws IOException {
        try (var files = Files.list(dir.resolve("db"))) {
            return files.filter(p -> p.toString().endsWith(".snap")).findFirst().orElseThrow();
        }
    }

    /** Overwrites the format version in {@code file}'s header (after its 8-byte magic). */
    private static void writeFormatVersion(Path file, int version) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).putInt(0, version), 8);
        }
    }

    /** Reopens the database and checks that it holds exactly {@code model}, in order. */
    private static void assertReopenedHolds(SledConfig config, java.util.SortedMap<Bytes, Bytes> model) {
        try (SledDb db = config.open(); SledIterator it = db.iterator()) {
            java.util.List<KeyValue> all = new java.util.ArrayList<>();
            it.forEachRemaining(all::add);
            assertThat(all).containsExactlyElementsOf(model.entrySet().stream().map(e -> new KeyValue(e.getKey(), e.getValue())).toList());
        }
    }

    private static Path newestSegment(Path db) throws IOException {
        try (var files = Files.list(db)) {
            return files.filter(p -> p.getFileName().toString().startsWith("seg-")).max(Path::compareTo).orElseThrow();
        }
    }

    @Test
    void version2FilesOpenAsTheyAre() throws IOException {
        try (SledDb db = cfg().open()) {
            db.insert(Bytes.of("k"), Bytes.of("v"));
        }
        try (var files = Files.list(dir.resolve("db"))) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("LOCK")).toList()) {
                writeFormatVersion(f, 2);
            }
        }
        try (SledDb db = cfg().open()) {
            assertThat(db.get(Bytes.of("k"))).isEqualTo(Bytes.of("v"));
        }
    }

    @Test
    void olderFormatVersionIsRejectedWithTheWayToMigrate() throws IOException {
        cfg().open().close();
        writeFormatVersion(snapshot(), 1);
        assertThatThrownBy(() -> cfg().open()).isInstanceOf(FormatVersionException.class).hasMessageContaining("version 1")
                .hasMessageContaining("export()");
    }

    @Test
    void overwritesDoNotGrowTheFilesWithoutBound() {
        try (SledDb db = cfg().segmentSize(64 * 1024).open()) {
            overwriteRounds(db, 20, new byte[100]);
            long logical = 2000L * (8 + 100);
            assertThat(db.sizeOnDisk()).isLessThan(3 * logical);
        }
    }

    /** Overwrites keys 0 to 1999 {@code rounds} times, flushing after each round; {@code value} changes each write. */
    private static void overwriteRounds(SledDb db, int rounds, byte[] value) {
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < 2000; i++) {
                db.insert(Bytes.ofLong(i), Bytes.wrap(value.clone()));
                value[0]++;
            }
            db.flush();
        }
    }

    /**
     * With a background flusher, a durable single write's flush writes its own few hundred bytes and
     * leaves relocating the garbage of earlier writes to that thread, which still keeps the files bounded.
     * (Without one, a caller's flush relocates once it has earned 256 KiB of credit.)
     */
    @Test
    void callersFlushesLeaveRelocationToTheBackgroundFlusher() throws InterruptedException {
        try (SledDb db = SledConfig.builder().path(dir.resolve("db")).segmentSize(64 * 1024).flushEveryMs(20).open()) {
            byte[] value = new byte[100];
            overwriteRounds(db, 10, value);
            long most = 0;
            for (int i = 0; i < 2000; i++) {
                db.insert(Bytes.ofLong(i * 7 % 2000), Bytes.wrap(value.clone()));
                value[0]++;
                most = Math.max(most, db.flush());
            }
            assertThat(most).as("the most one durable write's flush wrote").isLessThan(32 * 1024);
            long logical = 2000L * (8 + 100);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (db.sizeOnDisk() >= 3 * logical && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(db.sizeOnDisk()).isLessThan(3 * logical);
        }
    }

    /**
     * Durable writes scattered over a large, otherwise cold data set copy nothing while the log as a whole
     * holds little garbage. The same writes run twice: with segments too large for any to fill during them
     * (so none can be a victim), and with small ones that seal every few dozen flushes, each mostly
     * garbage at once. Moving the survivors of those young segments used to mix them with the next writes,
     * which then moved them again: the small segments' flushes wrote 1.5 times the bytes. Before segments
     * were sealed at their used size, 260 times: the fill's segments, five leaves in 64 KiB, all looked
     * sparse, and were copied again and again.
     */
    @Test
    void scatteredDurableWritesCopyNothingWhileTheLogIsMostlyLive() {
        long large = hotPhaseBytes(dir.resolve("large"), 8 << 20);
        long small = hotPhaseBytes(dir.resolve("small"), 64 << 10);
        assertThat(small).as("bytes flushed with 64 KiB segments, against %d with 8 MiB ones", large)
                .isLessThan(large + large / 5);
    }

    /** Fills 200,000 cold keys, then makes 4,000 durable writes to random ones; returns the bytes they flushed. */
    private static long hotPhaseBytes(Path path, int segmentSize) {
        try (SledDb db = SledConfig.builder().path(path).segmentSize(segmentSize).flushEveryMs(0).open()) {
            for (int i = 0; i < 200_000; i++) {
                db.insert(Bytes.ofLong(i), Bytes.wrap(new byte[100]));
            }
            db.flush();
            Random random = new Random(42);
            long bytes = 0;
            for (int i = 0; i < 4_000; i++) {
                db.insert(Bytes.ofLong(random.nextInt(200_000)), Bytes.ofLong(i));
                bytes += db.flush();
            }
            return bytes;
        }
    }

    /**
     * Dropping a tree frees its nodes with one small flush, and with no background flusher: a data set
     * this small never earns a caller's flush relocation work, yet the segments the drop left without a
     * live frame are deleted by that flush.
     */
    @Test
    void aSmallFlushDeletesTheSegmentsItLeftWithoutLiveData() {
        SledConfig config = cfg().segmentSize(4096);
        try (SledDb db = config.open()) {
            SledTree doomed = db.openTree("doomed");
            for (int i = 0; i < 500; i++) {
                doomed.insert(Bytes.ofLong(i), Bytes.wrap(new byte[100]));
            }
            db.insert(Bytes.of("kept"), Bytes.of("value"));
            db.flush();
            long filled = db.sizeOnDisk();
            assertThat(filled).isGreaterThan(500L * 100);

            db.dropTree("doomed");
            db.flush();

            assertThat(db.sizeOnDisk()).as("against %d before the drop", filled).isLessThan(filled / 4);
            assertThat(db.get(Bytes.of("kept"))).isEqualTo(Bytes.of("value"));
        }
        try (SledDb db = config.open()) {
            assertThat(db.get(Bytes.of("kept"))).isEqualTo(Bytes.of("value"));
            assertThat(db.treeNames()).doesNotContain(Bytes.of("doomed"));
        }
    }

    @Test
    void idsNeverRepeatAcrossRestarts() {
        long last;
        try (SledDb db = cfg().idReservation(10).open()) {
            assertThat(db.generateId()).isZero();
            for (int i = 0; i < 25; i++) {
                db.generateId();
            }
            last = db.generateId();
        }
        try (SledDb db = cfg().idReservation(10).open()) {
            assertThat(db.generateId()).isGreaterThan(last);
        }
    }

    @Test
    void compressedDatabasesRoundTripAndAreSmaller() {
        long plain;
        long packed;
        byte[] text = "the quick brown fox jumps over the lazy dog ".repeat(4).getBytes();
        try (SledDb db = SledConfig.builder().path(dir.resolve("plain")).flushEveryMs(0).open()) {
            for (int i = 0; i < 5000; i++) {
                db.insert(Bytes.ofLong(i), Bytes.wrap(text));
            }
            db.flush();
            plain = db.sizeOnDisk();
        }
        try (SledDb db = SledConfig.builder().path(dir.resolve("zstd")).compression(true).compressionLevel(3).flushEveryMs(0).open()) {
            for (int i = 0; i < 5000; i++) {
                db.insert(Bytes.ofLong(i), Bytes.wrap(text));
            }
            db.flush();
            packed = db.sizeOnDisk();
        }
        try (SledDb db = SledConfig.builder().path(dir.resolve("zstd")).flushEveryMs(0).open()) {
            assertThat(db.config().compression()).as("the stored setting is adopted").isTrue();
            assertThat(db.get(Bytes.ofLong(4999))).isEqualTo(Bytes.wrap(text));
        }
        assertThat(packed).isLessThan(plain / 2);
    }

    @Test
    void exportAndImportMoveEveryTree() {
        try (SledDb a = SledConfig.builder().path(dir.resolve("a")).flushEveryMs(0).open();
                SledDb b = SledConfig.builder().path(dir.resolve("b")).flushEveryMs(0).open()) {
            a.insert(Bytes.of("k"), Bytes.of("v"));
            a.openTree("t").insert(Bytes.of("x"), Bytes.of("y"));
            try (var export = a.export()) {
                b.importFrom(export);
            }
            assertThat(b.get(Bytes.of("k"))).isEqualTo(Bytes.of("v"));
            assertThat(b.openTree("t").get(Bytes.of("x"))).isEqualTo(Bytes.of("y"));
            try (var again = a.export()) {
                assertThatThrownBy(() -> b.importFrom(again)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("overwriting");
            }
        }
    }

    @Test
    void reopenReadsOnlyTheCatalogNotTheData() {
        try (SledDb db = cfg().open()) {
            for (int i = 0; i < 50_000; i++) {
                db.insert(Bytes.ofLong(i), Bytes.wrap(new byte[100]));
            }
        }
        try (SledDb db = cfg().open()) {
            assertThat(db.stats().cacheMisses()).isZero();
            assertThat(db.get(Bytes.ofLong(49_999))).isNotNull();
            assertThat(db.stats().cacheMisses()).isEqualTo(1);
        }
    }

    @Test
    void bitFlipsInSegmentsAreReportedWithFileAndOffset() throws IOException {
        try (SledDb db = cfg().open()) {
            for (int i = 0; i < 1000; i++) {
                db.insert(Bytes.ofLong(i), Bytes.of("value-" + i));
            }
        }
        List<Path> segs = Files.list(dir.resolve("db")).filter(p -> p.getFileName().toString().startsWith("seg-")).collect(Collectors.toList());
        Path seg = segs.get(0);
        long size = Files.size(seg);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, size / 2);
            one.put(0, (byte) (one.get(0) ^ 0x10));
            ch.write(one.flip(), size / 2);
        }
        try (SledDb db = cfg().open()) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1000; i++) {
                    db.get(Bytes.ofLong(i));
                }
            }).isInstanceOf(CorruptionException.class).hasMessageContaining(seg.getFileName().toString()).hasMessageContaining("offset");
        }
    }
}
