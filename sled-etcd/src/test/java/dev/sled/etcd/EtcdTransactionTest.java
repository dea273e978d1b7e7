package dev.sled.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.KeyRange;
import dev.sled.SledBatch;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import dev.sled.Transaction;
import dev.sled.TransactionConflictException;
import dev.sled.TransactionMisuseException;
import dev.sled.TransactionalTree;
import dev.sled.etcd.internal.db.EtcdDb;
import dev.sled.etcd.support.SharedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transactions on etcd: snapshot reads, buffered writes, and the serializability proofs. Each proof runs
 * the interfering write between the body's reads and its commit (through a second client, so that it is a
 * real concurrent commit) and checks that the commit conflicts and the re-run sees the new state.
 */
@ExtendWith(SharedCluster.class)
class EtcdTransactionTest {

    private EtcdSledDb db;
    private EtcdSledDb other;
    private SledTree tree;
    private SledTree otherTree;

    @BeforeEach
    void open() {
        db = SharedCluster.openFresh();
        other = EtcdSled.open(SharedCluster.freshConfig().namespace(db.etcdConfig().namespace()).build());
        tree = db.openTree("t");
        otherTree = other.openTree("t");
    }

    @AfterEach
    void close() {
        other.close();
        db.close();
    }

    @Test
    void anEmptyValueWrittenInATransactionIsStoredNotDeleted() {
        tree.insert(b("kept"), b("x"));

        tree.transaction(tx -> {
            tx.insert(b("empty"), Bytes.EMPTY);
            tx.insert(b("kept"), Bytes.EMPTY);
            SledBatch batch = new SledBatch();
            batch.insert(b("batched"), Bytes.EMPTY);
            tx.applyBatch(batch);
            return null;
        });

        assertThat(tree.get(b("empty"))).isEqualTo(Bytes.EMPTY);
        assertThat(tree.get(b("kept"))).isEqualTo(Bytes.EMPTY);
        assertThat(tree.get(b("batched"))).isEqualTo(Bytes.EMPTY);
        assertThat(keys(tree.iterator())).containsExactly("batched", "empty", "kept");
    }

    @Test
    void aSnapshotCompactedAwayIsAConflictThatARunAgainGetsPast() {
        tree.insert(b("a"), b("1"));
        tree.insert(b("b"), b("2"));
        try (Transaction tx = db.beginTransaction()) {
            TransactionalTree view = tx.tree(tree);
            assertThat(view.get(b("a"))).isEqualTo(b("1")); // pins the snapshot revision
            otherTree.insert(b("c"), b("3"));
            compactToNow();

            assertThatThrownBy(() -> view.get(b("b")))
                    .isInstanceOf(TransactionConflictException.class)
                    .hasMessageContaining("compacted away")
                    .hasCauseInstanceOf(RevisionCompactedException.class);
        }

        AtomicInteger runs = new AtomicInteger();
        String seen = tree.transaction(tx -> {
            Bytes a = tx.get(b("a"));
            if (runs.incrementAndGet() == 1) {
                otherTree.insert(b("c"), b("4"));
                compactToNow();
            }
            return a.toUtf8String() + tx.get(b("b")).toUtf8String();
        });
        assertThat(seen).isEqualTo("12");
        assertThat(runs).hasValue(2);
    }

    private void compactToNow() {
        ((EtcdDb) db).connection().compact(db.currentRevision());
    }

    private static Bytes b(String s) {
        return Bytes.of(s);
    }

    private static List<String> keys(SledIterator it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(kv.key().toUtf8String()));
        }
        return out;
    }

    @Test
    void readsSeeOwnWritesAndCommitAtomically() {
        tree.insert(b("a"), b("1"));
        String result = tree.transaction(tx -> {
            assertThat(tx.insert(b("a"), b("2"))).isEqualTo(b("1"));
            assertThat(tx.get(b("a"))).isEqualTo(b("2"));
            assertThat(tx.remove(b("a"))).isEqualTo(b("2"));
            assertThat(tx.get(b("a"))).isNull();
            tx.insert(b("b"), b("3"));
            assertThat(tree.get(b("b"))).isNull();
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(tree.get(b("a"))).isNull();
        assertThat(tree.get(b("b"))).isEqualTo(b("3"));
    }

    @Test
    void anExceptionAbortsWithoutWrites() {
        class Abort extends Exception {
        }
        assertThatThrownBy(() -> tree.transaction(tx -> {
            tx.insert(b("a"), b("1"));
            throw new Abort();
        })).isInstanceOf(Abort.class);
        assertThat(tree.get(b("a"))).isNull();
        assertThat(db.stats().transactionAborts()).isEqualTo(1);
    }

    @Test
    void scansMergeBufferedWritesInBothDirections() {
        tree.applyBatch(new SledBatch().insert(b("a"), b("1")).insert(b("c"), b("1")).insert(b("e"), b("1")));
        tree.transaction(tx -> {
            tx.insert(b("b"), b("2"));
            tx.remove(b("c"));
            tx.insert(b("e"), b("2"));
            tx.insert(b("z"), b("outside"));
            assertThat(keys(tx.range(KeyRange.closedOpen(b("a"), b("f"))))).containsExactly("a", "b", "e");
            try (SledIterator it = tx.range(KeyRange.closedOpen(b("a"), b("f")))) {
                assertThat(it.nextBack().value()).isEqualTo(b("2"));
                assertThat(it.next().key()).isEqualTo(b("a"));
                assertThat(it.nextBack().key()).isEqualTo(b("b"));
                assertThat(it.hasNext()).isFalse();
            }
            return null;
        });
    }

    @Test
    void writeSkewIsPrevented() {
        // Two doctors on call; each transaction lets one go off call only if the other stays on.
        tree.applyBatch(new SledBatch().insert(b("alice"), b("on")).insert(b("bob"), b("on")));
        AtomicInteger runs = new AtomicInteger();
        tree.transaction(tx -> {
            runs.incrementAndGet();
            Bytes alice = tx.get(b("alice"));
            Bytes bob = tx.get(b("bob"));
            if (runs.get() == 1) {
                // The other doctor's transaction commits in between: bob goes off call.
                otherTree.transaction(o -> {
                    if (o.get(b("alice")).equals(b("on"))) {
                        o.insert(b("bob"), b("off"));
                    }
                    return null;
                });
            }
            if (alice.equals(b("on")) && bob.equals(b("on"))) {
                tx.insert(b("alice"), b("off"));
            }
            return null;
        });
        assertThat(runs.get()).isEqualTo(2);
        assertThat(List.of(tree.get(b("alice")), tree.get(b("bob")))).contains(b("on"));
    }

    @Test
    void aPhantomInsertIntoAScannedRangeConflicts() {
        tree.applyBatch(new SledBatch().insert(b("job/1"), b("x")).insert(b("job/3"), b("x")));
        AtomicInteger runs = new AtomicInteger();
        long count = tree.transaction(tx -> {
            long n = keys(tx.scanPrefix(b("job/"))).size();
            if (runs.incrementAndGet() == 1) {
                otherTree.insert(b("job/2"), b("phantom"));
            }
            tx.insert(b("count"), Bytes.ofLong(n));
            return n;
        });
        assertThat(runs.get()).isEqualTo(2);
        assertThat(count).isEqualTo(3);
        assertThat(tree.get(b("count"))).isEqualTo(Bytes.ofLong(3));
    }

    @Test
    void aDeleteInsideAScannedRangeConflicts() {
        tree.applyBatch(new SledBatch().insert(b("job/1"), b("x")).insert(b("job/2"), b("x")).insert(b("job/3"), b("x")));
        AtomicInteger runs = new AtomicInteger();
        long count = tree.transaction(tx -> {
            long n = keys(tx.scanPrefix(b("job/"))).size();
            if (runs.incrementAndGet() == 1) {
                otherTree.remove(b("job/2"));
            }
            tx.insert(b("count"), Bytes.ofLong(n));
            return n;
        });
        assertThat(runs.get()).isEqualTo(2);
        assertThat(count).isEqualTo(2);
    }

    @Test
    void aScanThatStoppedEarlyIgnoresChangesBeyondWhatItRead() {
        db.close();
        db = EtcdSled.open(SharedCluster.freshConfig().pageSize(2).build());
        other.close();
        other = EtcdSled.open(SharedCluster.freshConfig().namespace(db.etcdConfig().namespace()).build());
        otherTree = other.openTree("t");
        tree = db.openTree("t");
        tree.applyBatch(new SledBatch().insert(b("a"), b("x")).insert(b("b"), b("x")).insert(b("c"), b("x"))
                .insert(b("d"), b("x")).insert(b("e"), b("x")));
        AtomicInteger runs = new AtomicInteger();
        tree.transaction(tx -> {
            try (SledIterator it = tx.range(KeyRange.all())) {
                it.next();
            }
            if (runs.incrementAndGet() == 1) {
                otherTree.insert(b("zz"), b("beyond the first page"));
            }
            tx.insert(b("marker"), b("y"));
            return null;
        });
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void concurrentBankTransfersKeepTheTotal() throws Exception {
        int accounts = 5;
        SledBatch init = new SledBatch();
        for (int i = 0; i < accounts; i++) {
            init.insert(b("acct" + i), Bytes.ofLong(100));
        }
        tree.applyBatch(init);
        AtomicInteger transfers = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        Bytes from = b("acct" + ((seed + i) % accounts));
                        Bytes to = b("acct" + ((seed + 2 * i + 1) % accounts));
                        if (from.equals(to)) {
                            continue;
                        }
                        tree.transaction(tx -> {
                            long f = tx.get(from).toLong();
                            long g = tx.get(to).toLong();
                            tx.insert(from, Bytes.ofLong(f - 7));
                            tx.insert(to, Bytes.ofLong(g + 7));
                            return null;
                        });
                        transfers.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long total = tree.transaction(tx -> {
            long sum = 0;
            try (SledIterator it = tx.scanPrefix(b("acct"))) {
                while (it.hasNext()) {
                    sum += it.next().value().toLong();
                }
            }
            return sum;
        });
        assertThat(total).isEqualTo(100L * accounts);
        assertThat(db.stats().transactionCommits()).isEqualTo(transfers.get() + 1);
    }

    @Test
    void transactionsSpanTreesAtomically() {
        SledTree log = db.openTree("log");
        tree.transaction(tx -> {
            TransactionalTree l = tx.tree(log);
            tx.insert(b("k"), b("v"));
            l.insert(b("entry"), b("k=v"));
            return null;
        });
        assertThat(tree.get(b("k"))).isEqualTo(b("v"));
        assertThat(log.get(b("entry"))).isEqualTo(b("k=v"));
    }

    @Test
    void explicitTransactionsReportConflictsAndReadOnlyOnesRejectWrites() {
        tree.insert(b("k"), b("1"));
        Transaction tx = db.beginTransaction();
        TransactionalTree t = tx.tree(tree);
        assertThat(t.get(b("k"))).isEqualTo(b("1"));
        t.insert(b("k"), b("from tx"));
        otherTree.insert(b("k"), b("2"));
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        assertThat(tx.state()).isEqualTo(Transaction.State.ROLLED_BACK);
        assertThat(tree.get(b("k"))).isEqualTo(b("2"));

        try (Transaction ro = db.beginReadOnlyTransaction()) {
            assertThat(ro.tree(tree).get(b("k"))).isEqualTo(b("2"));
            assertThatThrownBy(() -> ro.tree(tree).insert(b("k"), b("3"))).isInstanceOf(TransactionMisuseException.class);
            ro.commit();
        }
    }

    @Test
    void readsInsideATransactionRepeat() {
        tree.insert(b("k"), b("1"));
        try (Transaction tx = db.beginReadOnlyTransaction()) {
            TransactionalTree t = tx.tree(tree);
            assertThat(t.get(b("k"))).isEqualTo(b("1"));
            otherTree.insert(b("k"), b("2"));
            otherTree.insert(b("k2"), b("new"));
            assertThat(t.get(b("k"))).isEqualTo(b("1"));
            assertThat(t.get(b("k2"))).isNull();
        }
    }

    @Test
    void plainWritesInsideABodyAndOtherDatabasesTreesAreMisuse() {
        assertThatThrownBy(() -> tree.transaction(tx -> tree.insert(b("k"), b("v"))))
                .isInstanceOf(TransactionMisuseException.class);
        assertThatThrownBy(() -> tree.transaction(tx -> tx.tree(other.openTree("x"))))
                .isInstanceOf(TransactionMisuseException.class);
        assertThat(tree.get(b("k"))).isNull();
    }

    @Test
    void aTransactionOverEtcdsOperationLimitFailsWithoutWriting() {
        assertThatThrownBy(() -> tree.transaction(tx -> {
            SledBatch batch = new SledBatch();
            for (int i = 0; i < 129; i++) {
                batch.insert(b("k" + i), b("v"));
            }
            tx.applyBatch(batch);
            return null;
        })).isInstanceOf(RequestTooLargeException.class)
                .hasMessageContaining("129 writes").hasMessageContaining("--max-txn-ops")
                .satisfies(e -> assertThat(((RequestTooLargeException) e).limit())
                        .isEqualTo(RequestTooLargeException.Limit.TXN_OPERATIONS));
        assertThat(tree.isEmpty()).isTrue();
    }

    @Test
    void generateIdInsideATransaction() {
        long id = tree.transaction(TransactionalTree::generateId);
        assertThat(db.generateId()).isGreaterThan(id);
    }
}
