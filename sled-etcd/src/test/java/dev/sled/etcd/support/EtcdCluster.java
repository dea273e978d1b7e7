package dev.sled.etcd.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An etcd cluster on loopback, run as child processes so that tests can crash and restart single members.
 * Members are {@code m0..m(size-1)} with client ports {@code clientBase+i} and peer ports {@code peerBase+i}.
 */
public final class EtcdCluster implements AutoCloseable {

    private final int size;
    private final Path dir;
    private final int clientBase;
    private final int peerBase;
    private final List<String> extraFlags;
    private final Process[] members;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    public EtcdCluster(int size, Path dir, int clientBase, int peerBase, List<String> extraFlags) {
        this.size = size;
        this.dir = dir;
        this.clientBase = clientBase;
        this.peerBase = peerBase;
        this.extraFlags = List.copyOf(extraFlags);
        this.members = new Process[size];
    }

    public List<String> endpoints() {
        List<String> e = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            e.add(endpoint(i));
        }
        return e;
    }

    public String endpoint(int member) {
        return scheme() + "://127.0.0.1:" + (clientBase + member);
    }

    /** {@code https} when the members were given a certificate. */
    private String scheme() {
        return extraFlags.contains("--cert-file") ? "https" : "http";
    }

    /** Starts every member and waits until each reports healthy. */
    public void start() {
        for (int i = 0; i < size; i++) {
            start(i);
        }
        awaitHealthy(Duration.ofSeconds(30));
    }

    /** Starts (or restarts, keeping its data) one member. */
    public void start(int member) {
        StringBuilder initial = new StringBuilder();
        for (int i = 0; i < size; i++) {
            initial.append(i == 0 ? "" : ",").append("m").append(i).append("=http://127.0.0.1:").append(peerBase + i);
        }
        List<String> cmd = new ArrayList<>(List.of(EtcdBinary.path(), "--name", "m" + member,
                "--data-dir", dir.resolve("m" + member).toString(),
                "--listen-client-urls", endpoint(member), "--advertise-client-urls", endpoint(member),
                "--listen-peer-urls", "http://127.0.0.1:" + (peerBase + member),
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + (peerBase + member),
                "--initial-cluster", initial.toString(), "--initial-cluster-state", "new",
                "--initial-cluster-token", "sled-test-" + clientBase));
        cmd.addAll(extraFlags);
        try {
            Files.createDirectories(dir);
            members[member] = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("m" + member + ".log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start etcd member m" + member + ": " + cmd, e);
        }
    }

    /** Crashes one member (SIGKILL) and waits until the process is gone. */
    public void kill(int member) {
        Process p = members[member];
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("etcd member m" + member + " (pid " + p.pid() + ") did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        members[member] = null;
    }

    public boolean isRunning(int member) {
        return members[member] != null && members[member].isAlive();
    }

    /** Whether the member answers its health check (which needs a leader); for TLS members, whether it listens. */
    public boolean healthy(int member) {
        if (scheme().equals("https")) {
            try {
                new Socket("127.0.0.1", clientBase + member).close();
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint(member) + "/health"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body().contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until every member started and not killed is healthy. One that exited by itself (a port held by an
     * orphan of an earlier run, say) fails at once, naming its log.
     */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int i = 0; i < size && all; i++) {
                if (members[i] != null && !members[i].isAlive()) {
                    throw new IllegalStateException("etcd member m" + i + " exited with " + members[i].exitValue()
                            + "; its log is " + dir.resolve("m" + i + ".log"));
                }
                all = members[i] == null || healthy(i);
            }
            if (all) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("etcd cluster " + endpoints() + " not healthy within " + timeout + "; logs in " + dir);
    }

    @Override
    public void close() {
        for (int i = 0; i < size; i++) {
            kill(i);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
