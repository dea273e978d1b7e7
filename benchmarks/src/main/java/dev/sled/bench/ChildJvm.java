package dev.sled.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one phase for one store in a fresh JVM and collects its figures. */
final class ChildJvm {

    /** Far above any phase at N = 1M on a 2-core machine; only a hung store reaches it. */
    private static final long TIMEOUT_MINUTES = 30;

    private ChildJvm() {
    }

    /** Returns whether the phase succeeded; its figures are in {@code results} either way (NaN on failure). */
    static boolean run(StoreKind kind, Phase phase, int n, Path dir, Results results) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.ARGS);
        for (String property : List.of("etcd.endpoints", Warmup.MIN_MS, Warmup.MAX_MS, StoreKind.CACHE_MB)) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PhaseMain.class.getName(),
                kind.id(), phase.id(), Integer.toString(n), dir.toAbsolutePath().toString()));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<String> figures = Collections.synchronizedList(new ArrayList<>());
            // Read on a thread of its own so that the timeout below still applies to a child that hangs.
            Thread reader = new Thread(() -> collect(p, figures), "child-output");
            reader.setDaemon(true);
            reader.start();
            boolean ok = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) && p.exitValue() == 0;
            if (!ok) {
                p.destroyForcibly();
                results.markFailed(kind, phase.metricsOf(kind));
                return false;
            }
            reader.join();
            for (String f : figures) {
                String[] parts = f.split(" ");
                if (parts[0].equals(PhaseMain.LATENCY_PREFIX.trim())) {
                    results.putLatency(kind, Metric.valueOf(parts[1]), Double.parseDouble(parts[2]), Double.parseDouble(parts[3]));
                } else {
                    results.put(kind, Metric.valueOf(parts[0]), Double.parseDouble(parts[1]));
                }
            }
            return true;
        } catch (IOException e) {
            System.err.println("   cannot start a JVM: " + e);
            results.markFailed(kind, phase.metricsOf(kind));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Keeps the child's figures; its other output goes to stderr, so that stdout holds only the table. */
    private static void collect(Process p, List<String> figures) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(PhaseMain.RESULT_PREFIX)) {
                    figures.add(line.substring(PhaseMain.RESULT_PREFIX.length()));
                } else if (line.startsWith(PhaseMain.LATENCY_PREFIX)) {
                    figures.add(line);
                } else {
                    System.err.println("   " + line);
                }
            }
        } catch (IOException e) {
            System.err.println("   lost the output of a child JVM: " + e);
        }
    }
}
