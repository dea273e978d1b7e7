package dev.sled.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.StorageException;
import dev.sled.internal.io.SystemFileIo;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * I/O failures during flushes: the failing flush reports a clear exception, the database refuses
 * further writes instead of half-applying them, a failed fsync is never reported as success, and
 * reopening recovers every write acknowledged before the failure.
 */
class FaultInjectionTest {

    @TempDir
    Path dir;

    private SledConfig cfg(FaultInjectingFileIo io) {
        return SledConfig.builder().path(dir.resolve("db")).fileIo(io).flushEveryMs(0).segmentSize(4096).nodeMaxEntries(8);
    }

    @ParameterizedTest
    @EnumSource(value = FaultInjectingFileIo.Fault.class, names = {"WRITE_ERROR", "FSYNC_ERROR", "DISK_FULL"})
    void aFailedFlushIsReportedAndNothingAcknowledgedIsLost(FaultInjectingFileIo.Fault fault) {
        FaultInjectingFileIo io = new FaultInjectingFileIo(SystemFileIo.INSTANCE);
        SledDb db = cfg(io).open();
        for (int i = 0; i < 500; i++) {
            db.insert(Bytes.ofLong(i), Bytes.of("acked-" + i));
        }
        db.flush();
        for (int i = 500; i < 1000; i++) {
            db.insert(Bytes.ofLong(i), Bytes.of("unacked-" + i));
        }
        io.arm(fault, 0);
        assertThatThrownBy(db::flush).isInstanceOf(StorageException.class).hasMessageContaining("injected");
        assertThat(io.injected()).isPositive();
        assertThat(db.stats().failure()).contains("flush failed");
        assertThatThrownBy(() -> db.insert(Bytes.of("x"), Bytes.of("y"))).isInstanceOf(StorageException.class)
                .hasMessageContaining("read-only");
        assertThatThrownBy(db::flush).isInstanceOf(StorageException.class);
        assertThat(db.get(Bytes.ofLong(1))).isEqualTo(Bytes.of("acked-1"));
        io.disarm();
        db.close();
        try (SledDb reopened = SledConfig.builder().path(dir.resolve("db")).flushEveryMs(0).open()) {
            for (int i = 0; i < 500; i++) {
                assertThat(reopened.get(Bytes.ofLong(i))).isEqualTo(Bytes.of("acked-" + i));
            }
            reopened.insert(Bytes.of("after"), Bytes.of("recovery"));
        }
    }

    @Test
    void shortWritesAreCompletedTransparently() {
        FaultInjectingFileIo io = new FaultInjectingFileIo(SystemFileIo.INSTANCE);
        try (SledDb db = cfg(io).open()) {
            io.arm(FaultInjectingFileIo.Fault.SHORT_WRITE, 0);
            for (int i = 0; i < 2000; i++) {
                db.insert(Bytes.ofLong(i), Bytes.of("v" + i));
            }
            db.flush();
            assertThat(io.injected()).isPositive();
            io.disarm();
        }
        try (SledDb db = SledConfig.builder().path(dir.resolve("db")).flushEveryMs(0).open()) {
            assertThat(db.get(Bytes.ofLong(1999))).isEqualTo(Bytes.of("v1999"));
            assertThat(db.size()).isEqualTo(2000);
        }
    }

    @Test
    void aReadErrorIsReportedNotTurnedIntoAWrongValue() {
        FaultInjectingFileIo io = new FaultInjectingFileIo(SystemFileIo.INSTANCE);
        try (SledDb db = cfg(io).open()) {
            for (int i = 0; i < 2000; i++) {
                db.insert(Bytes.ofLong(i), Bytes.of("v" + i));
            }
        }
        FaultInjectingFileIo io2 = new FaultInjectingFileIo(SystemFileIo.INSTANCE);
        try (SledDb db = cfg(io2).open()) {
            io2.arm(FaultInjectingFileIo.Fault.READ_ERROR, 0);
            assertThatThrownBy(() -> db.get(Bytes.ofLong(7))).isInstanceOf(StorageException.class).hasMessageContaining("injected read error");
            io2.disarm();
            assertThat(db.get(Bytes.ofLong(7))).isEqualTo(Bytes.of("v7"));
        }
    }

    @Test
    void aFailingBackgroundFlushMarksTheDatabaseFailed() throws Exception {
        FaultInjectingFileIo io = new FaultInjectingFileIo(SystemFileIo.INSTANCE);
        try (SledDb db = cfg(io).flushEveryMs(10).open()) {
            io.arm(FaultInjectingFileIo.Fault.FSYNC_ERROR, 0);
            long deadline = System.currentTimeMillis() + 5000;
            // Keep writing until a background flush has failed: it may fail before the first write (on
            // what open left dirty), after which writes are refused.
            for (int i = 0; db.stats().failure() == null && System.currentTimeMillis() < deadline; i++) {
                try {
                    db.insert(Bytes.of("k" + i), Bytes.of("v"));
                } catch (RuntimeException refused) {
                    assertThat(db.stats().failure()).as("a write refused only after the failure: " + refused).isNotNull();
                }
                Thread.sleep(10);
            }
            assertThat(db.stats().failure()).isNotNull().contains("fsync");
            io.disarm();
        }
    }
}
