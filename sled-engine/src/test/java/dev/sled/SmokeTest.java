package dev.sled;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir
    Path dir;

    @Test
    void writesSurviveReopen() {
        SledConfig cfg = SledConfig.builder().path(dir.resolve("db")).nodeMaxEntries(8).segmentSize(4096).cacheCapacity(64 * 1024);
        try (SledDb db = cfg.open()) {
            for (int i = 0; i < 5000; i++) {
                db.insert(Bytes.ofLong(i), Bytes.of("v" + i));
            }
            for (int i = 0; i < 5000; i += 3) {
                db.remove(Bytes.ofLong(i));
            }
            assertThat(db.get(Bytes.ofLong(1))).isEqualTo(Bytes.of("v1"));
            db.flush();
        }
        try (SledDb db = cfg.open()) {
            assertThat(db.wasRecovered()).isTrue();
            assertThat(db.get(Bytes.ofLong(1))).isEqualTo(Bytes.of("v1"));
            assertThat(db.get(Bytes.ofLong(3))).isNull();
            assertThat(db.size()).isEqualTo(5000 - 1667);
            long prev = -1;
            try (SledIterator it = db.iterator()) {
                while (it.hasNext()) {
                    long k = it.next().key().toLong();
                    assertThat(k).isGreaterThan(prev);
                    prev = k;
                }
            }
        }
    }
}
