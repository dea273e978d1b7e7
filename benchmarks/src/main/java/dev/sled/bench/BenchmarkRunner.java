package dev.sled.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs sled and its peers (LMDB, RocksDB, H2 MVStore) through the workloads W1 to W8 of
 * {@code shared/reference/peer-benchmarks.md}, plus sled's ID generator, disjoint-key transactions and
 * compression, and prints the results as a Markdown table with sled's ratio to each peer. From the
 * repository root:
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests &amp;&amp; java -Dn=1000000 -jar benchmarks/target/benchmarks.jar
 * </pre>
 *
 * <p>Every phase of every store runs in a JVM of its own with the same options ({@link JvmOptions}),
 * one after another, so that no store inherits another's JIT state, heap or threads. System properties:
 * <ul>
 *   <li>{@code n}: keys in the data set, default 1,000,000 (operation counts scale with it; at least
 *       1,000). {@code -Dn=100000} gives a quick run.</li>
 *   <li>{@code stores}: a comma-separated subset of {@code sled,lmdb,rocksdb,mvstore,log,etcd}, default all but
 *       {@code etcd}. {@code log} is no database but the disk's ceiling for W6 ({@link LogStore}); {@code etcd} is
 *       sled's etcd backend on the cluster at {@code etcd.endpoints} (default the local cluster of
 *       {@code sled-etcd/src/test/scripts/etcd-cluster.sh start}, clients on 127.0.0.1:23791-23793).</li>
 *   <li>{@code etcd.n}: keys in etcd's data set, default the smaller of N and 2,000: every etcd operation is a
 *       network round trip with a quorum write, so the same counts as the embedded stores would take hours.</li>
 *   <li>{@code phases}: a comma-separated subset of the phase names ({@code fill-seq}, {@code reopen}, {@code reopen-cold},
 *       {@code gets-1}, {@code gets-2}, {@code scans}, {@code mixed}, {@code durable-1},
 *       {@code durable-8}, {@code fill-random}, {@code compression}) and {@code jmh} for the ID generator
 *       and transaction benchmarks. Phases after {@code fill-seq} need its data.</li>
 *   <li>{@code dir}: where the stores' files go, default {@code target/bench-data}. It must be on a
 *       real disk: fsync on tmpfs costs nothing and would void W6.</li>
 * </ul>
 * The table goes to standard output and to {@code <dir>/results.md}; progress goes to standard error.
 */
public final class BenchmarkRunner {

    private static final String JMH = "jmh";

    private BenchmarkRunner() {
    }

    public static void main(String[] args) {
        int n = Integer.getInteger("n", 1_000_000);
        int etcdN = Integer.getInteger("etcd.n", Math.min(n, 2000));
        if (n < 1000 || etcdN < 1000) {
            throw new IllegalArgumentException("n and etcd.n must be at least 1000, were " + n + " and " + etcdN);
        }
        List<StoreKind> stores = Arrays.stream(System.getProperty("stores", "sled,lmdb,rocksdb,mvstore,log").split(","))
                .map(String::trim).map(StoreKind::of).sorted().toList();
        List<String> selected = Arrays.stream(System.getProperty("phases", "all").split(",")).map(String::trim).toList();
        Path dir = Path.of(System.getProperty("dir", "target/bench-data")).toAbsolutePath();
        Instant started = Instant.now();
        String loadBefore = loadAverage();

        Results results = new Results();
        // Phase by phase, each across all stores: the load of a shared machine drifts over minutes, and
        // running the stores' figures for one workload close together keeps their ratios comparable.
        for (Phase phase : Phase.values()) {
            for (StoreKind kind : stores) {
                if (phase.appliesTo(kind) && (selected.contains("all") || selected.contains(phase.id()))) {
                    int size = kind == StoreKind.ETCD ? etcdN : n;
                    System.err.printf("== %s %s (N = %,d)%n", kind.id(), phase.id(), size);
                    Disk.syncAll();
                    if (!ChildJvm.run(kind, phase, size, dir, results)) {
                        System.err.printf("   %s %s FAILED%n", kind.id(), phase.id());
                    }
                }
            }
        }
        if (stores.contains(StoreKind.SLED) && (selected.contains("all") || selected.contains(JMH))) {
            Microbenchmarks.run(dir, results);
        }

        String heading = String.format(Locale.ROOT,
                "N = %,d%s; %s; JDK %s; %d cores; the run took %d min; load average %s before, %s after", n,
                stores.contains(StoreKind.ETCD) ? String.format(Locale.ROOT, " (etcd: %,d)", etcdN) : "",
                started.truncatedTo(ChronoUnit.MINUTES), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Duration.between(started, Instant.now()).toMinutes(),
                loadBefore, loadAverage());
        String table = Report.markdown(results, stores, heading);
        System.out.println(table);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("results.md"), table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one-minute load average: on a shared machine, how much the figures may be disturbed. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
