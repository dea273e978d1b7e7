package dev.sled.bench;

import dev.sled.bench.jmh.IdGeneratorBenchmark;
import dev.sled.bench.jmh.TransactionBenchmark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs the sled-only JMH benchmarks (ID generator, transactions) at 1 and 2 threads, one fork each. */
final class Microbenchmarks {

    private Microbenchmarks() {
    }

    static void run(Path dir, Results results) {
        measure(IdGeneratorBenchmark.class, "generateId", 1, Metric.IDS_1, dir, results);
        measure(IdGeneratorBenchmark.class, "generateId", 2, Metric.IDS_2, dir, results);
        measure(TransactionBenchmark.class, "transfer", 1, Metric.TX_1, dir, results);
        measure(TransactionBenchmark.class, "transfer", 2, Metric.TX_2, dir, results);
        measure(TransactionBenchmark.class, "plainTransfer", 1, Metric.PLAIN_1, dir, results);
        measure(TransactionBenchmark.class, "plainTransfer", 2, Metric.PLAIN_2, dir, results);
    }

    private static void measure(Class<?> benchmark, String method, int threads, Metric metric, Path dir, Results results) {
        System.err.printf("== sled %s.%s (JMH, %d thread%s)%n", benchmark.getSimpleName(), method, threads, threads == 1 ? "" : "s");
        List<String> jvmArgs = new ArrayList<>(JvmOptions.ARGS);
        jvmArgs.add("-Dbench.dir=" + dir.toAbsolutePath());
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName() + "." + method) + "$")
                .threads(threads)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        try {
            RunResult result = new Runner(options).runSingle();
            results.put(StoreKind.SLED, metric, result.getPrimaryResult().getScore());
        } catch (RunnerException | RuntimeException e) {
            System.err.println("   failed: " + e);
            results.markFailed(StoreKind.SLED, List.of(metric));
        }
    }
}
