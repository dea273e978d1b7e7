package dev.sled.bench;

import java.nio.file.Path;

/**
 * The entry point of the JVM that runs one phase for one store:
 * {@code PhaseMain <store> <phase> <n> <dir>}. Figures go to standard output as
 * {@code RESULT <metric> <value>} and {@code LATENCY <metric> <p50 µs> <p99 µs>} lines, which
 * {@link BenchmarkRunner} collects.
 */
public final class PhaseMain {

    static final String RESULT_PREFIX = "RESULT ";
    static final String LATENCY_PREFIX = "LATENCY ";

    private PhaseMain() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: PhaseMain <store> <phase> <n> <dir>");
            System.exit(2);
        }
        StoreKind kind = StoreKind.of(args[0]);
        Phase phase = Phase.of(args[1]);
        PhaseContext context = new PhaseContext(kind, Integer.parseInt(args[2]), Path.of(args[3]),
                (metric, value) -> System.out.println(RESULT_PREFIX + metric.name() + " " + value),
                (metric, p50, p99) -> System.out.println(LATENCY_PREFIX + metric.name() + " " + p50 + " " + p99));
        phase.run(context);
        System.out.flush();
        // Exit explicitly: a store that leaves a non-daemon thread behind must not hang the whole run.
        System.exit(0);
    }
}
