package dev.sled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tree API's semantics, as sled documents them, for any backend: subclasses say how to open a
 * fresh database. Published in the test jar so other backends run the same tests.
 */
public abstract class SledContractTests {

    protected SledDb db;
    protected SledTree tree;

    /** Opens a new, empty database. */
    protected abstract SledDb openDb();

    @BeforeEach
    void open() {
        db = openDb();
        tree = db.openTree("contract");
    }

    @AfterEach
    void closeDb() {
        db.close();
    }

    protected static Bytes b(String s) {
        return Bytes.of(s);
    }

    protected static Bytes b(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return Bytes.wrap(out);
    }

    protected static List<Bytes> keys(SledIterator it) {
        List<Bytes> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(kv.key()));
        }
        return out;
    }

    @Test
    void insertReturnsPreviousValue() {
        assertThat(tree.insert(b("k"), b("1"))).isNull();
        assertThat(tree.insert(b("k"), b("2"))).isEqualTo(b("1"));
        assertThat(tree.get(b("k"))).isEqualTo(b("2"));
    }

    @Test
    void insertOfSameValueReturnsIt() {
        tree.insert(b("k"), b("v"));
        assertThat(tree.insert(b("k"), b("v"))).isEqualTo(b("v"));
    }

    @Test
    void removeReturnsPreviousValueAndAbsentIsNoop() {
        assertThat(tree.remove(b("missing"))).isNull();
        tree.insert(b("k"), b("v"));
        assertThat(tree.remove(b("k"))).isEqualTo(b("v"));
        assertThat(tree.containsKey(b("k"))).isFalse();
        assertThat(tree.get(b("k"))).isNull();
    }

    @Test
    void byteArrayOverloadsCopyTheirInput() {
        byte[] key = {1, 2};
        byte[] value = {3};
        tree.insert(key, value);
        value[0] = 9;
        assertThat(tree.get(key)).isEqualTo(b(3));
        assertThat(tree.containsKey(new byte[] {1, 2})).isTrue();
        assertThat(tree.remove(new byte[] {1, 2})).isEqualTo(b(3));
    }

    @Test
    void emptyKeyIsAValidKey() {
        tree.insert(Bytes.EMPTY, b("e"));
        tree.insert(b(0), b("zero"));
        assertThat(tree.get(Bytes.EMPTY)).isEqualTo(b("e"));
        assertThat(keys(tree.iterator())).containsExactly(Bytes.EMPTY, b(0));
    }

    @Test
    void orderIsUnsignedLexicographic() {
        for (Bytes k : List.of(b(255, 0), b(0), b(255), Bytes.EMPTY, b(127), b(128))) {
            tree.insert(k, b("v"));
        }
        assertThat(keys(tree.iterator())).containsExactly(Bytes.EMPTY, b(0), b(127), b(128), b(255), b(255, 0));
    }

    @Test
    void rangeBoundsAreHonoured() {
        for (int i = 0; i < 10; i++) {
            tree.insert(b(i), b("v"));
        }
        assertThat(keys(tree.range(KeyRange.closed(b(2), b(4))))).containsExactly(b(2), b(3), b(4));
        assertThat(keys(tree.range(KeyRange.closedOpen(b(2), b(4))))).containsExactly(b(2), b(3));
        assertThat(keys(tree.range(KeyRange.open(b(2), b(4))))).containsExactly(b(3));
        assertThat(keys(tree.range(KeyRange.openClosed(b(2), b(4))))).containsExactly(b(3), b(4));
        assertThat(keys(tree.range(KeyRange.atLeast(b(8))))).containsExactly(b(8), b(9));
        assertThat(keys(tree.range(KeyRange.greaterThan(b(8))))).containsExactly(b(9));
        assertThat(keys(tree.range(KeyRange.atMost(b(1))))).containsExactly(b(0), b(1));
        assertThat(keys(tree.range(KeyRange.lessThan(b(1))))).containsExactly(b(0));
        assertThat(keys(tree.range(b(7), null))).containsExactly(b(7), b(8), b(9));
        assertThat(keys(tree.range(null, b(1)))).containsExactly(b(0));
    }

    @Test
    void rangeWithStartAfterEndIsEmpty() {
        tree.insert(b(1), b("v"));
        tree.insert(b(5), b("v"));
        assertThat(keys(tree.range(KeyRange.closed(b(5), b(1))))).isEmpty();
        assertThat(keys(tree.range(KeyRange.closedOpen(b(3), b(3))))).isEmpty();
    }

    @Test
    void reverseRanges() {
        for (int i = 0; i < 10; i++) {
            tree.insert(b(i), b("v"));
        }
        assertThat(keys(tree.range(KeyRange.closed(b(2), b(4))).reverse())).containsExactly(b(4), b(3), b(2));
        assertThat(keys(tree.range(KeyRange.open(b(2), b(5))).reverse())).containsExactly(b(4), b(3));
        assertThat(keys(tree.iterator().reverse())).hasSize(10).first().isEqualTo(b(9));
    }

    @Test
    void bothEndsNarrowTheSameWindow() {
        for (int i = 0; i < 6; i++) {
            tree.insert(b(i), b("v"));
        }
        try (SledIterator it = tree.iterator()) {
            assertThat(it.next().key()).isEqualTo(b(0));
            assertThat(it.nextBack().key()).isEqualTo(b(5));
            assertThat(it.next().key()).isEqualTo(b(1));
            assertThat(it.nextBack().key()).isEqualTo(b(4));
            assertThat(it.next().key()).isEqualTo(b(2));
            assertThat(it.nextBack().key()).isEqualTo(b(3));
            assertThat(it.hasNext()).isFalse();
            assertThat(it.hasNextBack()).isFalse();
        }
    }

    @Test
    void scanPrefix() {
        for (String k : List.of("a", "ab", "abc", "abd", "ac", "b")) {
            tree.insert(b(k), b("v"));
        }
        assertThat(keys(tree.scanPrefix(b("ab")))).containsExactly(b("ab"), b("abc"), b("abd"));
        assertThat(keys(tree.scanPrefix(Bytes.EMPTY))).hasSize(6);
        assertThat(keys(tree.scanPrefix(b("z")))).isEmpty();
    }

    @Test
    void scanPrefixOfAllFfBytesRunsToTheEnd() {
        tree.insert(b(255, 255), b("v"));
        tree.insert(b(255, 255, 1), b("v"));
        tree.insert(b(255, 254), b("v"));
        assertThat(keys(tree.scanPrefix(b(255, 255)))).containsExactly(b(255, 255), b(255, 255, 1));
        assertThat(keys(tree.scanPrefix(b(255)))).hasSize(3);
    }

    @Test
    void firstLastAndStrictNeighbours() {
        assertThat(tree.first()).isNull();
        assertThat(tree.last()).isNull();
        assertThat(tree.isEmpty()).isTrue();
        for (int i = 1; i <= 5; i++) {
            tree.insert(b(i * 2), b("v" + i));
        }
        assertThat(tree.first().key()).isEqualTo(b(2));
        assertThat(tree.last().key()).isEqualTo(b(10));
        assertThat(tree.getLt(b(6)).key()).isEqualTo(b(4));
        assertThat(tree.getLt(b(5)).key()).isEqualTo(b(4));
        assertThat(tree.getGt(b(6)).key()).isEqualTo(b(8));
        assertThat(tree.getLt(b(2))).isNull();
        assertThat(tree.getGt(b(10))).isNull();
        assertThat(tree.getLt(Bytes.EMPTY)).isNull();
        assertThat(tree.getGt(Bytes.EMPTY).key()).isEqualTo(b(2));
    }

    @Test
    void popMinAndMax() {
        assertThat(tree.popMin()).isNull();
        for (int i = 0; i < 4; i++) {
            tree.insert(b(i), b("v"));
        }
        assertThat(tree.popMin().key()).isEqualTo(b(0));
        assertThat(tree.popMax().key()).isEqualTo(b(3));
        assertThat(tree.size()).isEqualTo(2);
    }

    @Test
    void sizeClearAndChecksum() {
        long empty = tree.checksum();
        for (int i = 0; i < 100; i++) {
            tree.insert(Bytes.ofLong(i), b("v"));
        }
        assertThat(tree.size()).isEqualTo(100);
        long full = tree.checksum();
        assertThat(full).isNotEqualTo(empty);
        SledTree other = db.openTree("other");
        for (int i = 99; i >= 0; i--) {
            other.insert(Bytes.ofLong(i), b("v"));
        }
        assertThat(other.checksum()).isEqualTo(full);
        tree.clear();
        assertThat(tree.isEmpty()).isTrue();
        assertThat(tree.checksum()).isEqualTo(empty);
    }

    @Test
    void compareAndSwapSemantics() {
        assertThat(tree.compareAndSwap(b("k"), null, b("1")).isSuccess()).isTrue();
        CompareAndSwapResult miss = tree.compareAndSwap(b("k"), null, b("2"));
        assertThat(miss.isSuccess()).isFalse();
        assertThat(miss.current()).isEqualTo(b("1"));
        assertThat(miss.proposed()).isEqualTo(b("2"));
        assertThat(tree.compareAndSwap(b("k"), b("1"), b("2")).isSuccess()).isTrue();
        assertThat(tree.compareAndSwap(b("k"), b("2"), null).isSuccess()).isTrue();
        assertThat(tree.get(b("k"))).isNull();
        CompareAndSwapResult gone = tree.compareAndSwap(b("k"), b("2"), b("3"));
        assertThat(gone.isSuccess()).isFalse();
        assertThat(gone.current()).isNull();
    }

    @Test
    void compareAndSwapFromAbsentToAbsentSucceeds() {
        assertThat(tree.compareAndSwap(b("k"), null, null).isSuccess()).isTrue();
        assertThat(tree.get(b("k"))).isNull();
    }

    @Test
    void updateAndFetchAndFetchAndUpdate() {
        assertThat(tree.updateAndFetch(b("n"), old -> Bytes.ofLong(old == null ? 1 : old.toLong() + 1))).isEqualTo(Bytes.ofLong(1));
        assertThat(tree.updateAndFetch(b("n"), old -> Bytes.ofLong(old.toLong() + 1))).isEqualTo(Bytes.ofLong(2));
        assertThat(tree.fetchAndUpdate(b("n"), old -> Bytes.ofLong(old.toLong() + 1))).isEqualTo(Bytes.ofLong(2));
        assertThat(tree.fetchAndUpdate(b("n"), old -> null)).isEqualTo(Bytes.ofLong(3));
        assertThat(tree.containsKey(b("n"))).isFalse();
    }

    @Test
    void mergeOperator() {
        assertThatThrownBy(() -> tree.merge(b("k"), b("x"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("merge operator");
        tree.setMergeOperator((key, old, operand) -> {
            if (operand.equals(b("delete"))) {
                return null;
            }
            return old == null ? operand : Bytes.of(old.toUtf8String() + operand.toUtf8String());
        });
        assertThat(tree.merge(b("k"), b("a"))).isEqualTo(b("a"));
        assertThat(tree.merge(b("k"), b("b"))).isEqualTo(b("ab"));
        assertThat(tree.get(b("k"))).isEqualTo(b("ab"));
        assertThat(tree.merge(b("k"), b("delete"))).isNull();
        assertThat(tree.containsKey(b("k"))).isFalse();
    }

    @Test
    void batchesApplyAllWrites() {
        tree.insert(b("gone"), b("x"));
        SledBatch batch = new SledBatch().insert(b("a"), b("1")).insert(b("b"), b("2")).remove(b("gone")).insert(b("a"), b("3"));
        tree.applyBatch(batch);
        assertThat(tree.get(b("a"))).isEqualTo(b("3"));
        assertThat(tree.get(b("b"))).isEqualTo(b("2"));
        assertThat(tree.get(b("gone"))).isNull();
    }

    @Test
    void treesAreIndependentKeyspaces() {
        SledTree a = db.openTree("a");
        SledTree b2 = db.openTree(Bytes.of("b"));
        a.insert(b("k"), b("in a"));
        assertThat(b2.get(b("k"))).isNull();
        assertThat(db.openTree("a")).isSameAs(a);
        assertThat(db.treeNames()).contains(Bytes.of(SledDb.DEFAULT_TREE), Bytes.of("a"), Bytes.of("b"));
    }

    @Test
    void dropTree() {
        SledTree t = db.openTree("dropme");
        t.insert(b("k"), b("v"));
        assertThat(db.dropTree("dropme")).isTrue();
        assertThat(db.dropTree("dropme")).isFalse();
        assertThatThrownBy(() -> t.get(b("k"))).isInstanceOf(TreeNotFoundException.class);
        assertThat(db.openTree("dropme").get(b("k"))).isNull();
        assertThatThrownBy(() -> db.dropTree(SledDb.DEFAULT_TREE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void databaseIsItsDefaultTree() {
        db.insert(b("k"), b("v"));
        assertThat(db.name()).isEqualTo(Bytes.of(SledDb.DEFAULT_TREE));
        assertThat(db.openTree(SledDb.DEFAULT_TREE).get(b("k"))).isEqualTo(b("v"));
    }

    @Test
    void generatedIdsIncrease() {
        long prev = -1;
        for (int i = 0; i < 1000; i++) {
            long id = db.generateId();
            assertThat(id).isGreaterThan(prev);
            prev = id;
        }
    }

    @Test
    void nullsAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> tree.insert((Bytes) null, b("v"))).isInstanceOf(NullPointerException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> tree.insert(b("k"), (Bytes) null)).isInstanceOf(NullPointerException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> tree.get((Bytes) null)).isInstanceOf(NullPointerException.class).hasMessageContaining("key");
    }

    @Test
    void useAfterCloseFails() {
        db.close();
        assertThatThrownBy(() -> tree.get(b("k"))).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> tree.insert(b("k"), b("v"))).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> db.openTree("x")).isInstanceOf(DatabaseClosedException.class);
    }

    @Test
    void transactionCommitsAcrossTrees() {
        SledTree other = db.openTree("other");
        String r = tree.transaction(tx -> {
            tx.insert(b("a"), b("1"));
            tx.tree(other).insert(b("b"), b("2"));
            assertThat(tx.get(b("a"))).isEqualTo(b("1"));
            assertThat(tree.get(b("a"))).isNull();
            return "done";
        });
        assertThat(r).isEqualTo("done");
        assertThat(tree.get(b("a"))).isEqualTo(b("1"));
        assertThat(other.get(b("b"))).isEqualTo(b("2"));
    }

    @Test
    void abortedTransactionLeavesNoWritesAndKeepsTheException() {
        class Boom extends Exception {
        }
        assertThatThrownBy(() -> tree.transaction(tx -> {
            tx.insert(b("a"), b("1"));
            throw new Boom();
        })).isInstanceOf(Boom.class);
        assertThat(tree.get(b("a"))).isNull();
    }

    @Test
    void transactionRangeScansSeeOwnWrites() {
        tree.insert(b("a"), b("1"));
        tree.insert(b("c"), b("3"));
        List<Bytes> seen = tree.transaction(tx -> {
            tx.insert(b("b"), b("2"));
            tx.remove(b("c"));
            return keys(tx.range(KeyRange.all()));
        });
        assertThat(seen).containsExactly(b("a"), b("b"));
        assertThat(keys(tree.iterator())).containsExactly(b("a"), b("b"));
    }

    @Test
    void plainWritesInsideATransactionBodyAreRefused() {
        assertThatThrownBy(() -> tree.transaction(tx -> tree.insert(b("a"), b("1"))))
                .isInstanceOf(TransactionMisuseException.class).hasMessageContaining("TransactionalTree");
        Bytes outside = tree.transaction(tx -> tree.get(b("a")));
        assertThat(outside).isNull();
    }

    @Test
    void explicitTransactionCommitAndRollback() {
        try (Transaction tx = db.beginTransaction()) {
            tx.tree(tree).insert(b("a"), b("1"));
            tx.rollback();
        }
        assertThat(tree.get(b("a"))).isNull();
        Transaction tx = db.beginTransaction();
        tx.tree(tree).insert(b("a"), b("1"));
        tx.commit();
        assertThat(tx.state()).isEqualTo(Transaction.State.COMMITTED);
        assertThat(tree.get(b("a"))).isEqualTo(b("1"));
        Transaction ro = db.beginReadOnlyTransaction();
        assertThatThrownBy(() -> ro.tree(tree).insert(b("b"), b("2"))).isInstanceOf(TransactionMisuseException.class);
    }

    @Test
    void explicitTransactionConflicts() {
        tree.insert(b("k"), b("0"));
        Transaction tx = db.beginTransaction();
        Bytes seen = tx.tree(tree).get(b("k"));
        tree.insert(b("k"), b("1"));
        tx.tree(tree).insert(b("k"), Bytes.of(seen.toUtf8String() + "!"));
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        assertThat(tree.get(b("k"))).isEqualTo(b("1"));
    }

    @Test
    void anEscalatedTransactionHoldsOtherCommitsButNotPlainWritesUntilItEnds() throws Exception {
        Transaction escalated = db.beginTransaction(4);
        escalated.tree(tree).insert(b("mine"), b("1"));
        CompletableFuture<Bytes> other = CompletableFuture.supplyAsync(
                () -> tree.transaction(tx -> tx.insert(b("theirs"), b("2"))));

        tree.insert(b("plain"), b("3"));
        assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> other.get(200, TimeUnit.MILLISECONDS));
        assertThat(tree.get(b("theirs"))).isNull();

        escalated.commit();
        other.get(10, TimeUnit.SECONDS);
        assertThat(tree.get(b("theirs"))).isEqualTo(b("2"));
        assertThat(tree.get(b("mine"))).isEqualTo(b("1"));
    }

    @Test
    void anEscalatedReadOnlyTransactionHoldsOtherCommitsUntilItEnds() throws Exception {
        tree.insert(b("k"), b("0"));
        Transaction reader = db.beginReadOnlyTransaction(SledDb.ESCALATED_ATTEMPT);
        assertThat(reader.tree(tree).get(b("k"))).isEqualTo(b("0"));
        CompletableFuture<Bytes> writer = CompletableFuture.supplyAsync(
                () -> tree.transaction(tx -> tx.insert(b("k"), b("1"))));

        assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> writer.get(200, TimeUnit.MILLISECONDS));
        reader.commit(); // what it read still holds: the writer waited
        assertThat(reader.state()).isEqualTo(Transaction.State.COMMITTED);
        writer.get(10, TimeUnit.SECONDS);
        assertThat(tree.get(b("k"))).isEqualTo(b("1"));
    }

    @Test
    void earlierAttemptsDoNotHoldOtherCommits() throws Exception {
        try (Transaction third = db.beginTransaction(3)) {
            third.tree(tree).insert(b("mine"), b("1"));
            CompletableFuture.supplyAsync(() -> tree.transaction(tx -> tx.insert(b("theirs"), b("2"))))
                .get(10, TimeUnit.SECONDS);
            third.commit();
        }
        assertThat(tree.get(b("theirs"))).isEqualTo(b("2"));
    }

    @Test
    void theEscalatedThreadsOwnTransactionsCommitMeanwhileAndCloseEndsTheEscalation() throws Exception {
        CompletableFuture.runAsync(() -> {
            try (Transaction escalated = db.beginTransaction(4)) {
                Transaction inner = db.beginTransaction();
                inner.tree(tree).insert(b("inner"), b("1"));
                inner.commit();
                Transaction nested = db.beginTransaction(5);
                nested.tree(tree).insert(b("nested"), b("2"));
                nested.commit();
                escalated.tree(tree).insert(b("discarded"), b("3"));
            }
        }).get(10, TimeUnit.SECONDS);

        CompletableFuture.supplyAsync(() -> tree.transaction(tx -> tx.insert(b("after"), b("4"))))
            .get(10, TimeUnit.SECONDS);
        assertThat(keys(tree.iterator())).containsExactly(b("after"), b("inner"), b("nested"));
    }

    @Test
    void attemptsStartAtOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> db.beginTransaction(0));
        assertThatIllegalArgumentException().isThrownBy(() -> db.beginReadOnlyTransaction(0));
    }

    @Test
    void aTransactionWhoseReadsStillHoldSawNoMixedView() {
        tree.insert(b("read"), b("1"));
        Transaction tx = db.beginTransaction();
        tx.tree(tree).get(b("read"));
        try (SledIterator it = tx.tree(tree).scanPrefix(b("scanned:"))) {
            it.forEachRemaining(kv -> { });
        }
        tree.insert(b("unread"), b("2"));

        assertThat(tx.mayHaveSeenMixedView()).isFalse();
        tx.rollback();
        assertThat(tx.mayHaveSeenMixedView()).as("after the rollback").isFalse();
    }

    @Test
    void subscriberSeesInsertsAndRemovesForItsPrefix() throws Exception {
        try (Subscriber sub = tree.watchPrefix(b("user:"))) {
            tree.insert(b("user:1"), b("a"));
            tree.insert(b("other"), b("x"));
            tree.remove(b("user:1"));
            Event first = sub.next(java.time.Duration.ofSeconds(5));
            Event second = sub.next(java.time.Duration.ofSeconds(5));
            assertThat(first).isEqualTo(new Event.Insert(b("user:1"), b("a")));
            assertThat(second).isEqualTo(new Event.Remove(b("user:1")));
            assertThat(sub.next(java.time.Duration.ofMillis(50))).isNull();
        }
    }
}
