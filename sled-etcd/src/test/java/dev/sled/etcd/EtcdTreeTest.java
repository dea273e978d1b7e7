package dev.sled.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.CompareAndSwapResult;
import dev.sled.DatabaseClosedException;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.SledBatch;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import dev.sled.TreeNotFoundException;
import dev.sled.etcd.support.FreshEtcdDatabase;
import dev.sled.etcd.support.SharedCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tree API on etcd, mirroring the embedded engine's semantics (sled 0.34's Tree). */
class EtcdTreeTest extends FreshEtcdDatabase {

    private List<String> keys(SledIterator it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(kv.key().toUtf8String()));
        }
        return out;
    }

    private void fill(String... keys) {
        SledBatch batch = new SledBatch();
        for (String k : keys) {
            batch.insert(b(k), b("v" + k));
        }
        tree.applyBatch(batch);
    }

    @Test
    void insertGetRemoveReturnPreviousValues() {
        assertThat(tree.insert(b("k"), b("1"))).isNull();
        assertThat(tree.insert(b("k"), b("2"))).isEqualTo(b("1"));
        assertThat(tree.get(b("k"))).isEqualTo(b("2"));
        assertThat(tree.containsKey(b("k"))).isTrue();
        assertThat(tree.remove(b("k"))).isEqualTo(b("2"));
        assertThat(tree.remove(b("k"))).isNull();
        assertThat(tree.get(b("k"))).isNull();
        assertThat(tree.containsKey(b("k"))).isFalse();
    }

    @Test
    void insertingTheStoredValueWritesNothing() {
        tree.insert(b("k"), b("same"));
        long before = db.currentRevision();
        assertThat(tree.insert(b("k"), b("same"))).isEqualTo(b("same"));
        assertThat(db.currentRevision()).isEqualTo(before);
    }

    @Test
    void emptyKeysAndValuesAndBinaryKeysInUnsignedOrder() {
        tree.insert(Bytes.EMPTY, Bytes.EMPTY);
        for (int v : new int[] {0xff, 0x80, 0x7f, 0x01, 0x00}) {
            tree.insert(Bytes.wrap(new byte[] {(byte) v}), Bytes.ofLong(v));
        }
        tree.insert(Bytes.wrap(new byte[] {(byte) 0xff, 0}), Bytes.EMPTY);
        List<Bytes> order = new ArrayList<>();
        try (SledIterator it = tree.iterator()) {
            it.forEachRemaining(kv -> order.add(kv.key()));
        }
        assertThat(order).containsExactly(Bytes.EMPTY, Bytes.wrap(new byte[] {0}), Bytes.wrap(new byte[] {1}),
                Bytes.wrap(new byte[] {0x7f}), Bytes.wrap(new byte[] {(byte) 0x80}), Bytes.wrap(new byte[] {(byte) 0xff}),
                Bytes.wrap(new byte[] {(byte) 0xff, 0}));
        assertThat(tree.get(Bytes.EMPTY)).isEqualTo(Bytes.EMPTY);
    }

    @Test
    void compareAndSwapFollowsSled() {
        assertThat(tree.compareAndSwap(b("k"), null, b("1")).isSuccess()).isTrue();
        CompareAndSwapResult miss = tree.compareAndSwap(b("k"), null, b("2"));
        assertThat(miss.isSuccess()).isFalse();
        assertThat(miss.current()).isEqualTo(b("1"));
        assertThat(miss.proposed()).isEqualTo(b("2"));
        assertThat(tree.compareAndSwap(b("k"), b("1"), b("2")).isSuccess()).isTrue();
        assertThat(tree.compareAndSwap(b("k"), b("1"), b("3")).current()).isEqualTo(b("2"));
        assertThat(tree.compareAndSwap(b("k"), b("2"), null).isSuccess()).isTrue();
        assertThat(tree.get(b("k"))).isNull();
        assertThat(tree.compareAndSwap(b("absent"), null, null).isSuccess()).isTrue();
        assertThat(tree.compareAndSwap(b("absent"), b("x"), b("y")).current()).isNull();
    }

    @Test
    void updateAndFetchAndFetchAndUpdate() {
        assertThat(tree.updateAndFetch(b("n"), old -> Bytes.ofLong(old == null ? 1 : old.toLong() + 1))).isEqualTo(Bytes.ofLong(1));
        assertThat(tree.fetchAndUpdate(b("n"), old -> Bytes.ofLong(old.toLong() + 1))).isEqualTo(Bytes.ofLong(1));
        assertThat(tree.get(b("n"))).isEqualTo(Bytes.ofLong(2));
        assertThat(tree.updateAndFetch(b("n"), old -> null)).isNull();
        assertThat(tree.containsKey(b("n"))).isFalse();
    }

    @Test
    void concurrentUpdatesLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        tree.updateAndFetch(b("c"), old -> Bytes.ofLong(old == null ? 1 : old.toLong() + 1));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(tree.get(b("c")).toLong()).isEqualTo(100);
    }

    @Test
    void mergeUsesTheTreesOperator() {
        assertThatThrownBy(() -> tree.merge(b("m"), Bytes.ofLong(1))).isInstanceOf(IllegalStateException.class);
        tree.setMergeOperator((key, old, operand) -> Bytes.ofLong((old == null ? 0 : old.toLong()) + operand.toLong()));
        tree.merge(b("m"), Bytes.ofLong(5));
        assertThat(tree.merge(b("m"), Bytes.ofLong(7))).isEqualTo(Bytes.ofLong(12));
        tree.setMergeOperator((key, old, operand) -> null);
        assertThat(tree.merge(b("m"), Bytes.ofLong(0))).isNull();
        assertThat(tree.containsKey(b("m"))).isFalse();
    }

    @Test
    void batchAppliesAtomicallyWithLastWriteWinning() {
        tree.insert(b("gone"), b("x"));
        SledBatch batch = new SledBatch().insert(b("a"), b("1")).insert(b("a"), b("2")).insert(b("b"), b("3")).remove(b("gone"));
        long before = db.currentRevision();
        tree.applyBatch(batch);
        assertThat(db.currentRevision()).isEqualTo(before + 1);
        assertThat(keys(tree.iterator())).containsExactly("a", "b");
        assertThat(tree.get(b("a"))).isEqualTo(b("2"));
    }

    @Test
    void rangesWithEveryKindOfBound() {
        fill("a", "b", "c", "d", "e");
        assertThat(keys(tree.range(KeyRange.closedOpen(b("b"), b("d"))))).containsExactly("b", "c");
        assertThat(keys(tree.range(KeyRange.closed(b("b"), b("d"))))).containsExactly("b", "c", "d");
        assertThat(keys(tree.range(KeyRange.open(b("b"), b("d"))))).containsExactly("c");
        assertThat(keys(tree.range(KeyRange.openClosed(b("b"), b("d"))))).containsExactly("c", "d");
        assertThat(keys(tree.range(KeyRange.atLeast(b("d"))))).containsExactly("d", "e");
        assertThat(keys(tree.range(KeyRange.greaterThan(b("d"))))).containsExactly("e");
        assertThat(keys(tree.range(KeyRange.atMost(b("b"))))).containsExactly("a", "b");
        assertThat(keys(tree.range(KeyRange.lessThan(b("b"))))).containsExactly("a");
        assertThat(keys(tree.range(KeyRange.closedOpen(b("d"), b("b"))))).isEmpty();
        assertThat(keys(tree.range(b("c"), null))).containsExactly("c", "d", "e");
    }

    @Test
    void reverseAndDoubleEndedIterationAcrossPages() {
        db.close();
        db = EtcdSled.open(SharedCluster.freshConfig().pageSize(2).build());
        tree = db.openTree("t");
        fill("a", "b", "c", "d", "e", "f", "g");
        assertThat(keys(tree.iterator())).containsExactly("a", "b", "c", "d", "e", "f", "g");
        assertThat(keys(tree.iterator().reverse())).containsExactly("g", "f", "e", "d", "c", "b", "a");
        try (SledIterator it = tree.range(KeyRange.closed(b("b"), b("f")))) {
            List<String> seen = new ArrayList<>();
            seen.add(it.next().key().toUtf8String());
            seen.add(it.nextBack().key().toUtf8String());
            seen.add(it.next().key().toUtf8String());
            seen.add(it.nextBack().key().toUtf8String());
            seen.add(it.next().key().toUtf8String());
            assertThat(it.hasNext()).isFalse();
            assertThat(it.hasNextBack()).isFalse();
            assertThat(seen).containsExactly("b", "f", "c", "e", "d");
        }
    }

    @Test
    void reversePagesFoundInNarrowWindowsCoverTheWholeRange() {
        db.close();
        db = EtcdSled.open(SharedCluster.freshConfig().pageSize(4).build());
        tree = db.openTree("t");
        SledBatch batch = new SledBatch().insert(b("a"), b("x")).insert(b("b"), b("x"));
        List<Bytes> expected = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            batch.insert(Bytes.ofLong(i * 3), b("x"));
            expected.add(Bytes.ofLong(i * 3));
        }
        tree.applyBatch(batch);
        expected.add(b("a"));
        expected.add(b("b"));
        List<Bytes> reversed = new ArrayList<>();
        try (SledIterator it = tree.iterator().reverse()) {
            it.forEachRemaining(kv -> reversed.add(kv.key()));
        }
        java.util.Collections.reverse(reversed);
        assertThat(reversed).isEqualTo(expected);
        assertThat(tree.getLt(Bytes.ofLong(150)).key()).isEqualTo(Bytes.ofLong(147));
        assertThat(tree.getLt(Bytes.ofLong(0))).isNull();
        assertThat(tree.getLt(b("b")).key()).isEqualTo(b("a"));
        assertThat(tree.popMax().key()).isEqualTo(b("b"));
        List<Bytes> inTransaction = tree.transaction(tx -> {
            List<Bytes> keys = new ArrayList<>();
            try (SledIterator it = tx.range(KeyRange.lessThan(Bytes.ofLong(30))).reverse()) {
                it.forEachRemaining(kv -> keys.add(kv.key()));
            }
            return keys;
        });
        assertThat(inTransaction).containsExactly(Bytes.ofLong(27), Bytes.ofLong(24), Bytes.ofLong(21), Bytes.ofLong(18), Bytes.ofLong(15),
                Bytes.ofLong(12), Bytes.ofLong(9), Bytes.ofLong(6), Bytes.ofLong(3), Bytes.ofLong(0));
    }

    @Test
    void iterationIsWeaklyConsistentAndNeverRepeatsKeys() {
        db.close();
        db = EtcdSled.open(SharedCluster.freshConfig().pageSize(2).build());
        tree = db.openTree("t");
        fill("a", "c", "e", "g");
        List<String> seen = new ArrayList<>();
        try (SledIterator it = tree.iterator()) {
            seen.add(it.next().key().toUtf8String());
            tree.insert(b("b"), b("late"));
            tree.insert(b("f"), b("late"));
            tree.remove(b("g"));
            it.forEachRemaining(kv -> seen.add(kv.key().toUtf8String()));
        }
        assertThat(seen).startsWith("a", "c").contains("e", "f").doesNotContain("g").doesNotHaveDuplicates().isSorted();
    }

    @Test
    void prefixScans() {
        fill("app", "apple", "apply", "b", "ap");
        assertThat(keys(tree.scanPrefix(b("app")))).containsExactly("app", "apple", "apply");
        assertThat(keys(tree.scanPrefix(Bytes.EMPTY))).hasSize(5);
        tree.insert(Bytes.wrap(new byte[] {(byte) 0xff, (byte) 0xff, 1}), b("x"));
        assertThat(tree.scanPrefix(Bytes.wrap(new byte[] {(byte) 0xff})).stream().count()).isEqualTo(1);
    }

    @Test
    void orderedPointReadsAndPops() {
        assertThat(tree.first()).isNull();
        assertThat(tree.last()).isNull();
        assertThat(tree.popMin()).isNull();
        fill("b", "d", "f");
        assertThat(tree.first().key()).isEqualTo(b("b"));
        assertThat(tree.last().key()).isEqualTo(b("f"));
        assertThat(tree.getLt(b("d")).key()).isEqualTo(b("b"));
        assertThat(tree.getLt(b("b"))).isNull();
        assertThat(tree.getLt(Bytes.EMPTY)).isNull();
        assertThat(tree.getGt(b("d")).key()).isEqualTo(b("f"));
        assertThat(tree.getGt(Bytes.EMPTY).key()).isEqualTo(b("b"));
        assertThat(tree.getGt(b("f"))).isNull();
        assertThat(tree.popMin()).isEqualTo(new KeyValue(b("b"), b("vb")));
        assertThat(tree.popMax()).isEqualTo(new KeyValue(b("f"), b("vf")));
        assertThat(keys(tree.iterator())).containsExactly("d");
    }

    @Test
    void concurrentPopsTakeEachEntryOnce() throws Exception {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(String.format("k%02d", i));
        }
        fill(all.toArray(String[]::new));
        Set<String> popped = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    KeyValue kv;
                    while ((kv = tree.popMin()) != null) {
                        if (!popped.add(kv.key().toUtf8String())) {
                            duplicates.add(kv.key().toUtf8String());
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(duplicates).isEmpty();
        assertThat(popped).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void sizeIsEmptyClearAndChecksum() {
        assertThat(tree.isEmpty()).isTrue();
        fill("a", "b", "c");
        assertThat(tree.size()).isEqualTo(3);
        assertThat(tree.isEmpty()).isFalse();
        long sum = tree.checksum();
        SledTree other = db.openTree("other");
        other.applyBatch(new SledBatch().insert(b("a"), b("va")).insert(b("b"), b("vb")).insert(b("c"), b("vc")));
        assertThat(other.checksum()).isEqualTo(sum);
        tree.clear();
        assertThat(tree.isEmpty()).isTrue();
        assertThat(other.size()).isEqualTo(3);
    }

    /** SledDb.checksum covers every tree in name order (name, then keys and values), as the embedded engine's. */
    @Test
    void dbChecksumCoversEveryTreeInNameOrderAsTheEmbeddedEngine(@TempDir Path dir) {
        fill("a", "b");
        db.openTree("other").insert(b("k"), b("v"));
        db.insert(b("d"), b("default"));
        try (SledDb embedded = SledConfig.builder().path(dir.resolve("twin")).flushEveryMs(0).open()) {
            embedded.openTree("t").applyBatch(new SledBatch().insert(b("a"), b("va")).insert(b("b"), b("vb")));
            embedded.openTree("other").insert(b("k"), b("v"));
            embedded.insert(b("d"), b("default"));
            assertThat(db.checksum()).isEqualTo(embedded.checksum()).isNotEqualTo(db.openTree(SledDb.DEFAULT_TREE).checksum());
            db.dropTree("other");
            embedded.dropTree("other");
            assertThat(db.checksum()).isEqualTo(embedded.checksum());
        }
    }

    @Test
    void treesAreIndependentAndDroppable() {
        SledTree a = db.openTree("a");
        SledTree again = db.openTree("a");
        assertThat(again).isSameAs(a);
        a.insert(b("k"), b("in a"));
        tree.insert(b("k"), b("in t"));
        assertThat(db.get(b("k"))).isNull();
        assertThat(db.treeNames()).contains(b(SledDb.DEFAULT_TREE), b("a"), b("t"));
        assertThat(db.dropTree("a")).isTrue();
        assertThat(db.dropTree("a")).isFalse();
        assertThatThrownBy(() -> a.get(b("k"))).isInstanceOf(TreeNotFoundException.class);
        assertThat(db.openTree("a").get(b("k"))).isNull();
        assertThat(tree.get(b("k"))).isEqualTo(b("in t"));
        assertThatThrownBy(() -> db.dropTree(SledDb.DEFAULT_TREE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTreeDroppedByAnotherClientRejectsWrites() {
        try (EtcdSledDb second = EtcdSled.open(SharedCluster.freshConfig().namespace(db.etcdConfig().namespace()).build())) {
            SledTree mine = second.openTree("shared");
            mine.insert(b("k"), b("v"));
            assertThat(db.dropTree("shared")).isTrue();
            assertThatThrownBy(() -> mine.insert(b("k2"), b("v"))).isInstanceOf(TreeNotFoundException.class);
            assertThat(second.openTree("shared").isEmpty()).isTrue();
        }
    }

    @Test
    void twoClientsOfOneNamespaceShareTheDatabase() {
        try (EtcdSledDb second = EtcdSled.open(SharedCluster.freshConfig().namespace(db.etcdConfig().namespace()).build())) {
            assertThat(second.wasRecovered()).isTrue();
            tree.insert(b("k"), b("v"));
            assertThat(second.openTree("t").get(b("k"))).isEqualTo(b("v"));
        }
        assertThat(db.wasRecovered()).isFalse();
    }

    @Test
    void generatedIdsAreUniqueAndIncreasingAcrossClients() throws Exception {
        try (EtcdSledDb second = EtcdSled.open(SharedCluster.freshConfig().namespace(db.etcdConfig().namespace()).build())) {
            Set<Long> ids = new HashSet<>();
            long previous = -1;
            for (int i = 0; i < 20; i++) {
                long id = (i % 2 == 0 ? db : second).generateId();
                assertThat(id).isGreaterThan(previous);
                previous = id;
                ids.add(id);
            }
            assertThat(ids).hasSize(20);
        }
    }

    @Test
    void flushIsANoOpAndClosedDatabaseRejectsCalls() throws Exception {
        assertThat(tree.flush()).isZero();
        assertThat(tree.flushAsync().get()).isZero();
        db.close();
        assertThat(db.isClosed()).isTrue();
        assertThatThrownBy(() -> tree.get(b("k"))).isInstanceOf(DatabaseClosedException.class);
    }

    @Test
    void exportAndImportCopyEveryTree() {
        fill("a", "b");
        db.openTree("other").insert(b("x"), b("y"));
        try (EtcdSledDb target = SharedCluster.openFresh(); var export = db.export()) {
            target.importFrom(export);
            assertThat(keys(target.openTree("t").iterator())).containsExactly("a", "b");
            assertThat(target.openTree("other").get(b("x"))).isEqualTo(b("y"));
        }
    }

    @Test
    void statsAndClusterStatus() {
        tree.insert(b("k"), b("v"));
        tree.get(b("k"));
        assertThat(db.stats().inserts()).isEqualTo(1);
        assertThat(db.stats().gets()).isEqualTo(1);
        ClusterStatus status = db.clusterStatus();
        assertThat(status.hasQuorum()).isTrue();
        assertThat(status.reachableMembers()).isEqualTo(3);
        assertThat(status.members()).filteredOn(ClusterStatus.Member::isLeader).hasSize(1);
        assertThat(db.sizeOnDisk()).isPositive();
    }
}
