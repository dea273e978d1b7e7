package dev.sled.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StripedCounterTest {

    @Test
    void countsEveryAddOfManyMoreThreadsThanSlots() throws InterruptedException {
        StripedCounter counter = new StripedCounter();
        int threads = 100; // more than the most slots, so threads share slots and race on them
        int adds = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < adds; i++) {
                    counter.increment();
                }
                counter.add(-5);
            });
            thread.start();
            running.add(thread);
        }
        start.countDown();
        for (Thread thread : running) {
            thread.join();
        }
        assertThat(counter.sum()).isEqualTo((long) threads * (adds - 5));
    }

    @Test
    void startsAtZeroAndAddsLargeValues() {
        StripedCounter counter = new StripedCounter();
        assertThat(counter.sum()).isZero();
        counter.add(Long.MAX_VALUE / 2);
        counter.add(3);
        assertThat(counter.sum()).isEqualTo(Long.MAX_VALUE / 2 + 3);
    }
}
