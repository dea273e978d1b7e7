package dev.sled.bench;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a fixed number of operations on several threads and times them from a common start. */
final class Workers {

    /** One operation; {@code rnd} is the calling thread's own generator. */
    @FunctionalInterface
    interface Op {
        void run(SplittableRandom rnd);
    }

    private Workers() {
    }

    /**
     * Runs {@code totalOps} operations split evenly over {@code threads} threads and returns the
     * nanoseconds from the moment all threads are released until the last one finishes; a sample of the
     * operations' latencies goes to {@code latencies}. The first failure of any thread is rethrown, so a
     * wrong answer fails the run instead of producing a figure.
     */
    static long run(int threads, long totalOps, long seed, Op op, Latencies latencies) {
        int stride = latencies.stride();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            long ops = totalOps / threads + (t < totalOps % threads ? 1 : 0);
            SplittableRandom rnd = new SplittableRandom(seed * 31 + t);
            long[] samples = new long[(int) (ops / stride) + 1];
            workers[t] = new Thread(() -> {
                ready.countDown();
                int sampled = 0;
                try {
                    go.await();
                    for (long i = 0; i < ops; i++) {
                        if (i % stride == 0) {
                            long start = System.nanoTime();
                            op.run(rnd);
                            samples[sampled++] = System.nanoTime() - start;
                        } else {
                            op.run(rnd);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                latencies.add(samples, sampled);
            }, "bench-worker-" + t);
            workers[t].start();
        }
        try {
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
            long elapsed = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("a worker failed", failure.get());
            }
            return elapsed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
