package dev.sled.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bare log measures a ceiling, so it must do the work it stands for: every durable put written and synced. */
class LogStoreTest {

    @Test
    void concurrentDurablePutsAllLandInTheLog(@TempDir Path dir) throws Exception {
        int threads = 8;
        int perThread = 200;
        try (Store log = StoreKind.LOG.open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                done.add(pool.submit(() -> {
                    for (int i = base; i < base + perThread; i++) {
                        log.putDurable(Data.key(i), Data.value(i, 7));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }
        // Records are [u16 length][key][u16 length][value], packed from the start of the preallocated file.
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("log")));
        Set<ByteBuffer> keys = new HashSet<>();
        for (short len; (len = file.getShort()) != 0; ) {
            byte[] key = new byte[len];
            file.get(key);
            short valueLength = file.getShort();
            file.position(file.position() + valueLength);
            keys.add(ByteBuffer.wrap(key));
        }
        assertThat(keys).hasSize(threads * perThread).contains(ByteBuffer.wrap(Data.key(0)), ByteBuffer.wrap(Data.key(1599)));
    }

    @Test
    void readsAreRefusedWithTheReason(@TempDir Path dir) {
        try (Store log = StoreKind.LOG.open(dir)) {
            assertThatThrownBy(() -> log.get(Data.key(1))).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("W6 only");
        }
    }
}
