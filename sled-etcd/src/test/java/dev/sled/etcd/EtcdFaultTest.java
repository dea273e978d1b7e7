package dev.sled.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.Event;
import dev.sled.SledBatch;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import dev.sled.etcd.support.EtcdBinary;
import dev.sled.etcd.support.EtcdCluster;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults on a real 3-member cluster of its own (client ports 24811-24813), so that crashing members cannot
 * disturb the other test classes: a leader crash under load, the loss of quorum, a full backend.
 */
class EtcdFaultTest {

    private static final int ACCOUNTS = 6;
    private static final long OPENING_BALANCE = 1000;

    private static EtcdCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        EtcdBinary.require();
        cluster = new EtcdCluster(3, Files.createTempDirectory("sled-etcd-faults"), 24811, 24821, List.of());
        cluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Every test leaves all members running and healthy for the next one. */
    @AfterEach
    void restoreMembers() {
        for (int i = 0; i < 3; i++) {
            if (!cluster.isRunning(i)) {
                cluster.start(i);
            }
        }
        cluster.awaitHealthy(Duration.ofSeconds(30));
    }

    private static EtcdSledConfig.Builder config() {
        return EtcdSledConfig.builder().endpoints(cluster.endpoints()).namespace("fault-" + UUID.randomUUID())
                .requestTimeout(Duration.ofSeconds(3));
    }

    /** Asked again for up to 10 s: under load a member's status call may miss its deadline. */
    private static int leaderOf(EtcdSledDb db) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            ClusterStatus status = db.clusterStatus();
            for (ClusterStatus.Member m : status.members()) {
                if (m.isLeader()) {
                    return cluster.endpoints().indexOf(m.endpoint());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no leader in " + status);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void killingTheLeaderUnderLoadLosesNoAcknowledgedWriteAndTheClientFailsOver() throws Exception {
        try (EtcdSledDb db = EtcdSled.open(config().build())) {
            SledTree accounts = db.openTree("accounts");
            SledTree log = db.openTree("log");
            SledBatch opening = new SledBatch();
            for (int i = 0; i < ACCOUNTS; i++) {
                opening.insert(Bytes.of("acct" + i), Bytes.ofLong(OPENING_BALANCE));
            }
            accounts.applyBatch(opening);
            EtcdSubscriber logWatch = db.openTree("log").watchPrefix(Bytes.EMPTY);
            Bytes afterFailover = Bytes.of("after-failover");

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
            ConcurrentLinkedQueue<Bytes> acknowledged = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            AtomicInteger unavailable = new AtomicInteger();
            AtomicInteger writesAfterKill = new AtomicInteger();
            AtomicInteger transfersAfterKill = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(5);
            // The watch is consumed while the workload runs, as an application would: its buffer is bounded,
            // and the watch must deliver every acknowledged write across the failover, up to a marker written
            // after it.
            Set<Bytes> watched = ConcurrentHashMap.newKeySet();
            Future<Event> marker = pool.submit(() -> {
                Event e;
                while ((e = logWatch.next(Duration.ofSeconds(120))) != null && !e.key().equals(afterFailover)) {
                    watched.add(e.key());
                }
                return e;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                workers.add(pool.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        Bytes key = Bytes.of("w" + writer + "-" + i);
                        try {
                            log.insert(key, Bytes.ofLong(i));
                            acknowledged.add(key);
                            if (System.nanoTime() > killedAt.get()) {
                                writesAfterKill.incrementAndGet();
                            }
                        } catch (EtcdUnavailableException e) {
                            unavailable.incrementAndGet();
                        } catch (RuntimeException e) {
                            unexpected.add(e);
                        }
                    }
                }));
                workers.add(pool.submit(() -> {
                    while (running.get()) {
                        Bytes from = Bytes.of("acct" + ThreadLocalRandom.current().nextInt(ACCOUNTS));
                        Bytes to = Bytes.of("acct" + ThreadLocalRandom.current().nextInt(ACCOUNTS));
                        try {
                            accounts.transaction(tx -> {
                                long amount = 1 + ThreadLocalRandom.current().nextInt(10);
                                tx.insert(from, Bytes.ofLong(tx.get(from).toLong() - amount));
                                tx.insert(to, Bytes.ofLong(tx.get(to).toLong() + amount));
                                return null;
                            });
                            if (System.nanoTime() > killedAt.get()) {
                                transfersAfterKill.incrementAndGet();
                            }
                        } catch (EtcdUnavailableException e) {
                            unavailable.incrementAndGet();
                        } catch (RuntimeException e) {
                            unexpected.add(e);
                        }
                    }
                }));
            }
            Thread.sleep(700);
            int leader = leaderOf(db);
            cluster.kill(leader);
            killedAt.set(System.nanoTime());
            // Run until both kinds of work have succeeded on the new leader (bounded: a slow CI machine may take a
            // few election rounds), and for at least 2 s so that the election itself is under load.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Thread.sleep(2000);
            while ((writesAfterKill.get() < 10 || transfersAfterKill.get() < 10) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            running.set(false);
            for (Future<?> f : workers) {
                f.get();
            }

            assertThat(unexpected).as("only unavailability may fail an operation during the election").isEmpty();
            assertThat(writesAfterKill.get()).as("plain writes resumed on the surviving members").isPositive();
            assertThat(transfersAfterKill.get()).as("transactions resumed on the surviving members").isPositive();
            try (EtcdSledDb reader = EtcdSled.open(config().namespace(db.etcdConfig().namespace()).build())) {
                SledTree readLog = reader.openTree("log");
                for (Bytes key : acknowledged) {
                    assertThat(readLog.get(key)).as("acknowledged write %s", key).isNotNull();
                }
                long total = 0;
                try (SledIterator it = reader.openTree("accounts").iterator()) {
                    while (it.hasNext()) {
                        total += it.next().value().toLong();
                    }
                }
                assertThat(total).as("transfers keep the total").isEqualTo(ACCOUNTS * OPENING_BALANCE);
            }
            log.insert(afterFailover, Bytes.of("x"));
            assertThat(marker.get(150, TimeUnit.SECONDS)).as("the subscriber followed the failover").isNotNull();
            assertThat(watched).as("the watch delivered every acknowledged write").containsAll(acknowledged);
            logWatch.close();
            pool.shutdown();
        }
    }

    @Test
    void withoutQuorumWritesFailClearlySerializableReadsStillWorkAndWritesResumeAfterRestart() throws Exception {
        EtcdSledConfig.Builder config = config();
        try (EtcdSledDb db = EtcdSled.open(config.build());
                EtcdSledDb stale = EtcdSled.open(config().namespace(db.etcdConfig().namespace()).serializableReads(true).build())) {
            db.insert(Bytes.of("k"), Bytes.of("before"));
            int leader = leaderOf(db);
            int follower = (leader + 1) % 3;
            cluster.kill(leader);
            cluster.kill(follower);

            QuorumLostException lost = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (lost == null && System.nanoTime() < deadline) {
                try {
                    db.insert(Bytes.of("k"), Bytes.of("during"));
                } catch (QuorumLostException e) {
                    lost = e;
                } catch (EtcdUnavailableException e) {
                    // The survivor may take an election timeout to notice it has no leader.
                    assertThat(e).hasMessageContaining(cluster.endpoint(0)).hasMessageContaining("may or may not");
                }
            }
            assertThat(lost).as("a write without quorum reports the lost quorum").isNotNull();
            assertThat(lost).hasMessageContaining("no leader").hasMessageContaining("not applied")
                    .hasMessageContaining(cluster.endpoint(0));
            assertThatThrownBy(() -> db.get(Bytes.of("k"))).isInstanceOf(QuorumLostException.class);
            assertThat(stale.get(Bytes.of("k"))).as("a serializable read is served by the survivor").isEqualTo(Bytes.of("before"));
            ClusterStatus status = db.clusterStatus();
            assertThat(status.reachableMembers()).isEqualTo(1);
            assertThat(status.hasQuorum()).isFalse();

            cluster.start(leader);
            cluster.start(follower);
            cluster.awaitHealthy(Duration.ofSeconds(30));
            db.insert(Bytes.of("k"), Bytes.of("after"));
            assertThat(db.get(Bytes.of("k"))).isEqualTo(Bytes.of("after"));
            assertThat(db.clusterStatus().hasQuorum()).isTrue();
        }
    }

    @Test
    void aFullBackendRaisesStorageFullAndKeepsServingReads() throws Exception {
        EtcdBinary.require();
        try (EtcdCluster tiny = new EtcdCluster(1, Files.createTempDirectory("sled-etcd-nospace"), 24831, 24841,
                List.of("--quota-backend-bytes=262144"))) {
            tiny.start();
            try (EtcdSledDb db = EtcdSled.open(EtcdSledConfig.builder().endpoints(tiny.endpoints()).namespace("full").build())) {
                Bytes value = Bytes.wrap(new byte[80 * 1024]);
                StorageFullException full = null;
                int written = 0;
                // etcd checks the quota against its backend's size as of the last batch commit (every 100 ms),
                // so a fast client can write several times the quota first: 40 writes once all passed.
                for (int i = 0; i < 400 && full == null; i++) {
                    if (i % 20 == 19) {
                        Thread.sleep(150); // let a batch commit pass, however fast the writes
                    }
                    try {
                        db.insert(Bytes.ofLong(i), value);
                        written++;
                    } catch (StorageFullException e) {
                        full = e;
                    }
                }
                assertThat(full).as("the NOSPACE alarm surfaces as StorageFullException").isNotNull();
                assertThat(full).hasMessageContaining("NOSPACE").hasMessageContaining("--quota-backend-bytes")
                        .hasMessageContaining(tiny.endpoint(0));
                // etcd may apply the write that crosses the quota and answer NOSPACE anyway, hence "may have been applied".
                assertThat(db.size()).isBetween((long) written, written + 1L);
                assertThat(db.get(Bytes.ofLong(0))).isEqualTo(value);
            }
        }
    }
}
