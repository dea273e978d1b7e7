package dev.sled.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.SledIterator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes: a child JVM applies inserts, removes, batches and two-tree transactions with tiny nodes
 * and segments, and is killed with SIGKILL at a random moment. After each kill the database must reopen
 * to exactly the state after some prefix of the history that includes every acknowledged (flushed)
 * unit: nothing acknowledged lost, no batch or transaction half-applied, nothing reordered. Generated
 * IDs must never repeat. {@code -Dsled.crash.kills=N} sets the number of kills (the long profile
 * uses 2000).
 */
class CrashRecoveryTest {

    private static final int UNITS = 1_000_000;
    /** How far past the last reported unit the recovered state is looked for. */
    private static final int SEARCH_AHEAD = 2_000;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesKill9() throws Exception {
        int kills = Integer.getInteger("sled.crash.kills", 200);
        long seed = Long.getLong("sled.crash.seed", System.nanoTime());
        Random rnd = new Random(seed);
        Path db = dir.resolve("db");
        List<CrashWorkload.Unit> history = new ArrayList<>();
        CrashWorkload source = new CrashWorkload(seed);
        int prefix = 0;
        long maxId = -1;
        int killed = 0;
        int durableProgress = 0;
        for (int round = 0; round < kills; round++) {
            Child child = Child.start(db, seed, prefix);
            child.ready.await(60, TimeUnit.SECONDS);
            // Kill after a random number of applied units (not a random time), so slow machines still make progress.
            int target = prefix + 1 + rnd.nextInt(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (child.applied.get() < target && child.process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            child.process.destroyForcibly();
            assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).as("child process ended after SIGKILL").isTrue();
            // Read everything it printed before judging (no timeout: the pipe ends with the process).
            child.drain.join();
            killed++;
            // The child's "AT" lines are only a hint: search well past them, since the state must equal
            // some prefix at or after the acknowledged count and values are unique per unit.
            int searchTo = Math.max(child.applied.get(), child.acked.get()) + SEARCH_AHEAD;
            while (history.size() < searchTo) {
                history.add(source.next());
            }
            if (child.maxId.get() >= 0) {
                maxId = Math.max(maxId, child.maxId.get());
            }
            if (child.acked.get() > prefix) {
                durableProgress++;
            }
            try (SledDb reopened = SledConfig.builder().path(db).flushEveryMs(0).open()) {
                prefix = matchPrefix(reopened, history, child.acked.get(), searchTo, seed, round);
                long next = reopened.generateId();
                assertThat(next).as("seed %d round %d: generated ID after crash must exceed %d", seed, round, maxId).isGreaterThan(maxId);
                maxId = next;
            }
        }
        assertThat(killed).isEqualTo(kills);
        // Guard against a vacuous pass: most children must have acknowledged writes before being killed.
        assertThat(durableProgress).as("rounds whose child acknowledged new writes").isGreaterThan(kills / 2);
        System.out.printf("crash test: %d kills, %d with newly acknowledged writes, %d units recovered, seed %d%n",
                killed, durableProgress, prefix, seed);
    }

    /** The prefix length the database's state equals, at least {@code acked}; fails if there is none. */
    private static int matchPrefix(SledDb db, List<CrashWorkload.Unit> history, int acked, int applied, long seed, int round) {
        Map<String, TreeMap<Bytes, Bytes>> actual = new TreeMap<>();
        for (String t : CrashWorkload.TREES) {
            TreeMap<Bytes, Bytes> m = new TreeMap<>();
            try (SledIterator it = db.openTree(t).iterator()) {
                it.forEachRemaining(kv -> m.put(kv.key(), kv.value()));
            }
            actual.put(t, m);
        }
        Map<String, TreeMap<Bytes, Bytes>> model = new TreeMap<>();
        for (String t : CrashWorkload.TREES) {
            model.put(t, new TreeMap<>());
        }
        for (int i = 0; i < acked; i++) {
            CrashWorkload.applyToModel(model, history.get(i));
        }
        String atAck = difference(model, actual);
        for (int p = acked; p <= applied; p++) {
            if (model.equals(actual)) {
                return p;
            }
            if (p < applied) {
                CrashWorkload.applyToModel(model, history.get(p));
            }
        }
        StringBuilder units = new StringBuilder();
        for (int i = Math.max(0, acked - 3); i < applied && i < history.size(); i++) {
            units.append("\n  unit ").append(i + 1).append(' ').append(history.get(i).kind()).append(' ').append(history.get(i).writes());
        }
        fail("seed %d round %d: state after recovery is no prefix of the history between the %d acknowledged and %d applied units; "
                + "recovered %s; differences from the acknowledged state: %s; units around:%s",
                seed, round, acked, applied, summary(actual), atAck, units);
        return -1;
    }

    /** Keys whose values differ, each value shown by the sequence number of the unit that wrote it. */
    private static String difference(Map<String, TreeMap<Bytes, Bytes>> model, Map<String, TreeMap<Bytes, Bytes>> actual) {
        StringBuilder sb = new StringBuilder();
        for (String t : CrashWorkload.TREES) {
            java.util.Set<Bytes> keys = new java.util.TreeSet<>(model.get(t).keySet());
            keys.addAll(actual.get(t).keySet());
            for (Bytes k : keys) {
                Bytes m = model.get(t).get(k);
                Bytes a = actual.get(t).get(k);
                if (!java.util.Objects.equals(m, a)) {
                    sb.append(t).append('/').append(k.toLong()).append(": expected unit ").append(unitOf(m))
                            .append(" found unit ").append(unitOf(a)).append("; ");
                }
            }
        }
        return sb.toString();
    }

    private static String unitOf(Bytes value) {
        return value == null ? "none" : Long.toString(value.slice(0, 8).toLong());
    }

    private static String summary(Map<String, TreeMap<Bytes, Bytes>> state) {
        StringBuilder sb = new StringBuilder();
        state.forEach((t, m) -> sb.append(t).append(": ").append(m.size()).append(" keys; "));
        return sb.toString();
    }

    /** A running crash child and what it reported. */
    private static final class Child {
        final Process process;
        final CountDownLatch ready = new CountDownLatch(1);
        final AtomicInteger acked = new AtomicInteger();
        final AtomicInteger applied = new AtomicInteger();
        final AtomicLong maxId = new AtomicLong(-1);
        final Thread drain;

        private Child(Process process, int start) {
            this.process = process;
            acked.set(start);
            applied.set(start);
            drain = new Thread(this::read, "crash-child-reader");
            drain.setDaemon(true);
            drain.start();
        }

        static Child start(Path db, long seed, int start) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                    db.toString(), Long.toString(seed), Integer.toString(start), Integer.toString(UNITS));
            pb.redirectErrorStream(true);
            return new Child(pb.start(), start);
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (!line.matches("(ACK|AT|ID) \\d+")) {
                        System.err.println("crash child: " + line); // output, or a line torn by the kill
                    } else if (line.startsWith("ACK ")) {
                        acked.accumulateAndGet(Integer.parseInt(line.substring(4)), Math::max);
                    } else if (line.startsWith("AT ")) {
                        // max: the kill may tear the last line, leaving a shorter number
                        applied.accumulateAndGet(Integer.parseInt(line.substring(3)), Math::max);
                    } else {
                        maxId.accumulateAndGet(Long.parseLong(line.substring(3)), Math::max);
                    }
                }
            } catch (IOException e) {
                // the child was killed mid-line
            } finally {
                ready.countDown();
            }
        }
    }

}
