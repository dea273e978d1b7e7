package dev.sled.etcd.bench;

import dev.sled.Bytes;
import dev.sled.KeyValue;
import dev.sled.Sled;
import dev.sled.SledBatch;
import dev.sled.SledDb;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import dev.sled.etcd.EtcdSled;
import dev.sled.etcd.EtcdSledConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Latency percentiles and throughput of the same operations on the embedded engine and on etcd, printed as a
 * Markdown table. Run against a cluster started with {@code etcd-cluster.sh start DIR}:
 *
 * <pre>
 * java -cp ... dev.sled.etcd.bench.LatencyBenchmark [ops-per-measurement] [endpoint,...]
 * </pre>
 *
 * Sequential single-thread latencies; throughput with 4 threads writing distinct keys. Every etcd write is
 * acknowledged by a majority of members (fsynced); embedded writes are measured without flush, as
 * applications use them, so the comparison shows the cost of replication, not of durability alone.
 */
public final class LatencyBenchmark {

    private static final int KEYS = 1000;
    private static final int BIG_TREE_KEYS = 20_000;
    private static final int THREADS = 4;

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<String> endpoints = args.length > 1 ? List.of(args[1].split(","))
                : List.of("http://127.0.0.1:23791", "http://127.0.0.1:23792", "http://127.0.0.1:23793");
        Path dir = Files.createTempDirectory("sled-bench");
        List<String[]> rows = new ArrayList<>();
        try (SledDb embedded = Sled.open(dir.resolve("db"));
                SledDb etcd = EtcdSled.open(EtcdSledConfig.builder().endpoints(endpoints)
                        .namespace("bench-" + UUID.randomUUID()).build())) {
            for (String[] r : run("embedded", embedded, ops)) {
                rows.add(r);
            }
            for (String[] r : run("etcd (3 members)", etcd, ops)) {
                rows.add(r);
            }
        }
        System.out.println("| backend | operation | p50 µs | p99 µs | ops/s |");
        System.out.println("|---|---|---:|---:|---:|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    private static List<String[]> run(String name, SledDb db, int ops) throws Exception {
        SledTree tree = db.openTree("bench");
        SledBatch load = new SledBatch();
        for (int i = 0; i < KEYS; i++) {
            load.insert(key(i), Bytes.ofLong(0));
            if (load.size() == 100) {
                tree.applyBatch(load);
                load = new SledBatch();
            }
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(row(name, "insert (overwrite)", measure(ops, () -> tree.insert(key(random()), Bytes.ofLong(System.nanoTime())))));
        rows.add(row(name, "get", measure(ops, () -> tree.get(key(random())))));
        rows.add(row(name, "get + compareAndSwap", measure(ops, () -> {
            Bytes k = key(random());
            tree.compareAndSwap(k, tree.get(k), Bytes.ofLong(System.nanoTime()));
        })));
        rows.add(row(name, "transaction (2 reads, 2 writes)", measure(ops, () -> tree.transaction(tx -> {
            Bytes a = key(random());
            Bytes b = key(random());
            long x = tx.get(a).toLong();
            long y = tx.get(b).toLong();
            tx.insert(a, Bytes.ofLong(x - 1));
            tx.insert(b, Bytes.ofLong(y + 1));
            return null;
        }))));
        rows.add(row(name, "scan 100 forward", measure(Math.max(10, ops / 10), () -> scan(tree, false))));
        rows.add(row(name, "scan 100 reverse", measure(Math.max(10, ops / 10), () -> scan(tree, true))));
        rows.add(new String[] {name, "insert, " + THREADS + " threads", "", "",
                String.format(Locale.ROOT, "%.0f", throughput(tree, ops))});
        rows.addAll(reverseReads(name, db));
        return rows;
    }

    /**
     * Reads from the end of a larger tree: etcd sorts a descending range only after reading all of it, so
     * {@code last()} costs O(tree) there, while {@code getLt} and later reverse pages use narrow windows.
     */
    private static List<String[]> reverseReads(String name, SledDb db) {
        SledTree big = db.openTree("big");
        SledBatch load = new SledBatch();
        for (int i = 0; i < BIG_TREE_KEYS; i++) {
            load.insert(key(i), Bytes.ofLong(i));
            if (load.size() == 100) {
                big.applyBatch(load);
                load = new SledBatch();
            }
        }
        String tree = " (" + BIG_TREE_KEYS / 1000 + "k keys)";
        List<String[]> rows = new ArrayList<>();
        rows.add(row(name, "last()" + tree, measure(50, big::last)));
        rows.add(row(name, "getLt(random key)" + tree, measure(200,
                () -> big.getLt(key(ThreadLocalRandom.current().nextInt(BIG_TREE_KEYS))))));
        rows.add(row(name, "first 1000 of a reverse scan" + tree, measure(10, () -> read(big.iterator().reverse(), 1000))));
        rows.add(row(name, "first 1000 of a forward scan" + tree, measure(10, () -> read(big.iterator(), 1000))));
        return rows;
    }

    private static void read(SledIterator it, int n) {
        try (it) {
            for (int i = 0; i < n && it.hasNext(); i++) {
                it.next();
            }
        }
    }

    private static void scan(SledTree tree, boolean reverse) {
        Bytes from = key(random() % (KEYS - 100));
        try (SledIterator it = reverse ? tree.range(from, null).reverse() : tree.range(from, null)) {
            for (int i = 0; i < 100 && it.hasNext(); i++) {
                KeyValue kv = it.next();
                kv.value();
            }
        }
    }

    private static double throughput(SledTree tree, int ops) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < ops / THREADS; i++) {
                    tree.insert(key(random()), Bytes.ofLong(System.nanoTime()));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return (ops / THREADS * THREADS) / ((System.nanoTime() - start) / 1e9);
    }

    private static long[] measure(int ops, Runnable op) {
        for (int i = 0; i < Math.min(200, ops / 2); i++) {
            op.run();
        }
        long[] nanos = new long[ops];
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            long t = System.nanoTime();
            op.run();
            nanos[i] = System.nanoTime() - t;
        }
        long total = System.nanoTime() - start;
        Arrays.sort(nanos);
        return new long[] {nanos[ops / 2], nanos[(int) (ops * 0.99)], (long) (ops / (total / 1e9))};
    }

    private static String[] row(String backend, String op, long[] m) {
        return new String[] {backend, op, fmt(m[0] / 1000.0), fmt(m[1] / 1000.0), String.valueOf(m[2])};
    }

    private static String fmt(double micros) {
        return String.format(Locale.ROOT, micros < 10 ? "%.1f" : "%.0f", micros);
    }

    private static int random() {
        return ThreadLocalRandom.current().nextInt(KEYS);
    }

    private static Bytes key(int i) {
        return Bytes.of(String.format("key%08d", i));
    }
}
