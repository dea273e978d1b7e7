package dev.sled;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background cache warming after a reopen: when it starts, what it loads, and where it stops. */
class CacheWarmingTest {

    private static final int KEYS = 20_000;

    @TempDir
    Path dir;

    private SledConfig cfg(long cache) {
        return SledConfig.builder().path(dir.resolve("db")).flushEveryMs(0).cacheCapacity(cache);
    }

    private void fill() {
        try (SledDb db = cfg(64L << 20).open()) {
            for (int i = 0; i < KEYS; i++) {
                db.insert(Bytes.ofLong(i), Bytes.wrap(new byte[100]));
            }
        }
    }

    @Test
    void theFirstMissWarmsTheWholeDataSetSoLaterReadsHitTheCache() throws InterruptedException {
        fill();
        try (SledDb db = cfg(64L << 20).open()) {
            Thread.sleep(50);
            assertThat(db.stats().cacheBytes()).as("nothing loads before the first read").isZero();
            assertThat(db.get(Bytes.ofLong(0))).isNotNull();
            awaitWarmerFinished();
            assertThat(db.stats().cacheBytes()).isGreaterThan(100L * KEYS);
            for (int i = 0; i < KEYS; i += 97) {
                assertThat(db.get(Bytes.ofLong(i))).isNotNull();
            }
            assertThat(db.stats().cacheMisses()).as("only the first read missed").isEqualTo(1);
        }
    }

    @Test
    void warmingStopsShortOfTheCacheBudgetAndNeverEvicts() throws InterruptedException {
        fill();
        long cache = 256 * 1024;
        try (SledDb db = cfg(cache).open()) {
            db.get(Bytes.ofLong(KEYS - 1));
            awaitWarmerFinished();
            assertThat(db.stats().cacheBytes()).isLessThanOrEqualTo(cache);
            assertThat(db.get(Bytes.ofLong(KEYS - 1))).as("the leaf read first was not evicted").isNotNull();
            assertThat(db.stats().cacheMisses()).isEqualTo(1);
        }
    }

    @Test
    void turnedOffNothingLoadsButWhatIsRead() throws InterruptedException {
        fill();
        try (SledDb db = cfg(64L << 20).warmCache(false).open()) {
            assertThat(db.get(Bytes.ofLong(0))).isNotNull();
            long oneLeaf = db.stats().cacheBytes();
            Thread.sleep(200);
            assertThat(db.stats().cacheBytes()).isEqualTo(oneLeaf).isLessThan(100L * KEYS / 10);
        }
    }

    /**
     * Waits until the warmer has finished its pass: the first miss starts its thread before returning. A
     * cache that merely stopped growing for a while could be a warmer waiting for a core.
     */
    private static void awaitWarmerFinished() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("sled-cache-warmer")) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(t.isAlive()).as("the warmer finished within 30 s").isFalse();
            }
        }
    }

    @Test
    void closingWhileWarmingLeavesTheDataIntact() {
        fill();
        for (int round = 0; round < 5; round++) {
            try (SledDb db = cfg(64L << 20).open()) {
                db.get(Bytes.ofLong(round));
            }
        }
        try (SledDb db = cfg(64L << 20).open()) {
            for (int i = 0; i < KEYS; i++) {
                assertThat(db.get(Bytes.ofLong(i))).isNotNull();
            }
        }
    }
}
