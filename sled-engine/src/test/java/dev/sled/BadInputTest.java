package dev.sled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Flow;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input at every public method: a null argument, a closed database, a dropped tree, an oversized
 * key or value, an invalid argument, a foreign or unusable file. Each gets an exception whose message
 * names the problem, and none writes anything.
 */
class BadInputTest {

    private static final Bytes K = Bytes.of("k");
    private static final Bytes V = Bytes.of("v");

    @TempDir
    Path dir;
    SledDb db;
    SledTree tree;

    private SledConfig cfg() {
        return SledConfig.builder().path(dir.resolve("db")).flushEveryMs(0);
    }

    @BeforeEach
    void open() {
        db = cfg().open();
        tree = db.openTree("t");
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** One call with a bad argument; {@code call} names the method and the argument in failures. */
    private record Case(String call, ThrowingCallable op) {}

    private static Case c(String call, ThrowingCallable op) {
        return new Case(call, op);
    }

    private static Stream<DynamicTest> expect(Stream<Case> cases, Class<? extends Throwable> type, String message) {
        return cases.map(c -> DynamicTest.dynamicTest(c.call(), () -> assertThatThrownBy(c.op(), c.call())
                .isInstanceOf(type).hasMessageContaining(message)));
    }

    private static Stream<DynamicTest> then(String name, ThrowingCallable check) {
        return Stream.of(DynamicTest.dynamicTest(name, () -> assertThatCode(check).as(name).doesNotThrowAnyException()));
    }

    // ---- 1. null arguments ----

    /** A null for each reference parameter: NullPointerException naming it, and nothing written. */
    @TestFactory
    Stream<DynamicTest> nullArgumentsAreRejectedNamingTheParameter() {
        SledTree other = db.openTree("other");
        List<Case> cases = new ArrayList<>();
        for (SledTree t : List.of(tree, db)) {
            String on = t == db ? "db." : "tree.";
            cases.addAll(List.of(
                    c(on + "insert(null key)|key", () -> t.insert((Bytes) null, V)),
                    c(on + "insert(null value)|value", () -> t.insert(K, (Bytes) null)),
                    c(on + "insert(null byte[] key)|key", () -> t.insert((byte[]) null, new byte[1])),
                    c(on + "insert(null byte[] value)|value", () -> t.insert(new byte[1], (byte[]) null)),
                    c(on + "get(null key)|key", () -> t.get((Bytes) null)),
                    c(on + "get(null byte[] key)|key", () -> t.get((byte[]) null)),
                    c(on + "remove(null key)|key", () -> t.remove((Bytes) null)),
                    c(on + "remove(null byte[] key)|key", () -> t.remove((byte[]) null)),
                    c(on + "containsKey(null key)|key", () -> t.containsKey((Bytes) null)),
                    c(on + "containsKey(null byte[] key)|key", () -> t.containsKey((byte[]) null)),
                    c(on + "compareAndSwap(null key)|key", () -> t.compareAndSwap(null, null, V)),
                    c(on + "updateAndFetch(null key)|key", () -> t.updateAndFetch(null, v -> V)),
                    c(on + "updateAndFetch(null function)|function", () -> t.updateAndFetch(K, null)),
                    c(on + "fetchAndUpdate(null key)|key", () -> t.fetchAndUpdate(null, v -> V)),
                    c(on + "fetchAndUpdate(null function)|function", () -> t.fetchAndUpdate(K, null)),
                    c(on + "merge(null key)|key", () -> t.merge(null, V)),
                    c(on + "merge(null operand)|operand", () -> t.merge(K, null)),
                    c(on + "applyBatch(null batch)|batch", () -> t.applyBatch(null)),
                    c(on + "transaction(null body)|body", () -> t.transaction(null)),
                    c(on + "watchPrefix(null prefix)|prefix", () -> t.watchPrefix(null)),
                    c(on + "range(null range)|range", () -> t.range(null)),
                    c(on + "scanPrefix(null prefix)|prefix", () -> t.scanPrefix(null)),
                    c(on + "getLt(null key)|key", () -> t.getLt(null)),
                    c(on + "getGt(null key)|key", () -> t.getGt(null))));
        }
        cases.addAll(List.of(
                c("db.openTree(null Bytes name)|name", () -> db.openTree((Bytes) null)),
                c("db.openTree(null String name)|name", () -> db.openTree((String) null)),
                c("db.dropTree(null Bytes name)|name", () -> db.dropTree((Bytes) null)),
                c("db.dropTree(null String name)|name", () -> db.dropTree((String) null)),
                c("db.importFrom(null export)|export", () -> db.importFrom(null)),
                c("db.importFrom(stream of a null tree)|null tree", () -> db.importFrom(Stream.of((SledDb.ExportedTree) null))),
                c("new ExportedTree(null name)|name", () -> new SledDb.ExportedTree(null, tree.iterator())),
                c("new ExportedTree(null entries)|entries", () -> new SledDb.ExportedTree(K, null)),
                c("Sled.open(null path)|path", () -> Sled.open((Path) null)),
                c("Sled.open(null config)|config", () -> Sled.open((SledConfig) null)),
                c("SledConfig.path(null)|path", () -> SledConfig.builder().path(null)),
                c("SledConfig.mode(null)|mode", () -> SledConfig.builder().mode(null)),
                c("SledConfig.fileIo(null)|fileIo", () -> SledConfig.builder().fileIo(null)),
                c("Bytes.of(null byte[])|bytes", () -> Bytes.of((byte[]) null)),
                c("Bytes.of(null byte[], 0, 0)|bytes", () -> Bytes.of(null, 0, 0)),
                c("Bytes.of(null String)|text", () -> Bytes.of((String) null)),
                c("Bytes.wrap(null)|bytes", () -> Bytes.wrap(null)),
                c("Bytes.wrap(null, 0, 0)|bytes", () -> Bytes.wrap(null, 0, 0)),
                c("Bytes.startsWith(null prefix)|prefix", () -> K.startsWith(null)),
                c("Bytes.mismatch(null other)|other", () -> K.mismatch(null)),
                c("Bytes.compareTo(null other)|other", () -> K.compareTo(null)),
                c("Bytes.contentEquals(null bytes)|bytes", () -> K.contentEquals(null)),
                c("Bytes.copyTo(null target)|target", () -> K.copyTo(null, 0)),
                c("Bytes.compare(null a)|a", () -> Bytes.compare(null, new byte[0])),
                c("Bytes.compare(null b)|b", () -> Bytes.compare(new byte[0], null)),
                c("KeyRange.closed(null from)|from", () -> KeyRange.closed(null, K)),
                c("KeyRange.closed(null to)|to", () -> KeyRange.closed(K, null)),
                c("KeyRange.closedOpen(null from)|from", () -> KeyRange.closedOpen(null, K)),
                c("KeyRange.open(null to)|to", () -> KeyRange.open(K, null)),
                c("KeyRange.openClosed(null from)|from", () -> KeyRange.openClosed(null, K)),
                c("KeyRange.atLeast(null from)|from", () -> KeyRange.atLeast(null)),
                c("KeyRange.greaterThan(null from)|from", () -> KeyRange.greaterThan(null)),
                c("KeyRange.atMost(null to)|to", () -> KeyRange.atMost(null)),
                c("KeyRange.lessThan(null to)|to", () -> KeyRange.lessThan(null)),
                c("KeyRange.prefix(null prefix)|prefix", () -> KeyRange.prefix(null)),
                c("KeyRange.contains(null key)|key", () -> KeyRange.all().contains(null)),
                c("KeyRange.successor(null key)|key", () -> KeyRange.successor(null)),
                c("new KeyValue(null key)|key", () -> new KeyValue(null, V)),
                c("new KeyValue(null value)|value", () -> new KeyValue(K, null)),
                c("new Event.Insert(null key)|key", () -> new Event.Insert(null, V)),
                c("new Event.Insert(null value)|value", () -> new Event.Insert(K, null)),
                c("new Event.Remove(null key)|key", () -> new Event.Remove(null)),
                c("SledBatch.insert(null key)|key", () -> new SledBatch().insert((Bytes) null, V)),
                c("SledBatch.insert(null value)|value", () -> new SledBatch().insert(K, (Bytes) null)),
                c("SledBatch.insert(null byte[] key)|key", () -> new SledBatch().insert((byte[]) null, new byte[0])),
                c("SledBatch.insert(null byte[] value)|value", () -> new SledBatch().insert(new byte[0], (byte[]) null)),
                c("SledBatch.remove(null key)|key", () -> new SledBatch().remove((Bytes) null)),
                c("SledBatch.remove(null byte[] key)|key", () -> new SledBatch().remove((byte[]) null)),
                c("SledBatch.forEach(null action)|action", () -> new SledBatch().forEach(null)),
                c("Transaction.tree(null tree)|tree", () -> inTransaction(tx -> tx.transaction().tree(null))),
                c("TransactionalTree.tree(null other)|tree", () -> inTransaction(tx -> tx.tree(null))),
                c("TransactionalTree.get(null key)|key", () -> inTransaction(tx -> tx.get((Bytes) null))),
                c("TransactionalTree.get(null byte[] key)|key", () -> inTransaction(tx -> tx.get((byte[]) null))),
                c("TransactionalTree.containsKey(null key)|key", () -> inTransaction(tx -> tx.containsKey(null))),
                c("TransactionalTree.insert(null key)|key", () -> inTransaction(tx -> tx.insert((Bytes) null, V))),
                c("TransactionalTree.insert(null value)|value", () -> inTransaction(tx -> tx.insert(K, (Bytes) null))),
                c("TransactionalTree.insert(null byte[] key)|key", () -> inTransaction(tx -> tx.insert((byte[]) null, new byte[0]))),
                c("TransactionalTree.insert(null byte[] value)|value", () -> inTransaction(tx -> tx.insert(new byte[0], (byte[]) null))),
                c("TransactionalTree.remove(null key)|key", () -> inTransaction(tx -> tx.remove((Bytes) null))),
                c("TransactionalTree.remove(null byte[] key)|key", () -> inTransaction(tx -> tx.remove((byte[]) null))),
                c("TransactionalTree.compareAndSwap(null key)|key", () -> inTransaction(tx -> tx.compareAndSwap(null, null, V))),
                c("TransactionalTree.applyBatch(null batch)|batch", () -> inTransaction(tx -> tx.applyBatch(null))),
                c("TransactionalTree.range(null range)|range", () -> inTransaction(tx -> tx.range(null))),
                c("TransactionalTree.scanPrefix(null prefix)|prefix", () -> inTransaction(tx -> tx.scanPrefix(null))),
                c("Subscriber.next(null timeout)|timeout", () -> tree.watchPrefix(Bytes.EMPTY).next(null)),
                c("Subscriber.publisher().subscribe(null)|subscriber", () -> tree.watchPrefix(Bytes.EMPTY).publisher().subscribe(null))));
        Subscriber events = tree.watchPrefix(Bytes.EMPTY);
        return Stream.concat(cases.stream().map(c -> {
            String[] callAndName = c.call().split("\\|");
            return DynamicTest.dynamicTest(callAndName[0], () -> assertThatThrownBy(c.op(), callAndName[0])
                    .isInstanceOf(NullPointerException.class).hasMessageContaining(callAndName[1]));
        }), then("nothing was written", () -> {
            assertThat(tree.iterator().stream()).as("tree").isEmpty();
            assertThat(db.iterator().stream()).as("default tree").isEmpty();
            assertThat(other.iterator().stream()).as("other tree").isEmpty();
            assertThat(db.treeNames()).as("no tree created").containsExactlyInAnyOrder(Bytes.of(SledDb.DEFAULT_TREE), Bytes.of("t"), Bytes.of("other"));
            assertThat(events.next(Duration.ZERO)).as("no event").isNull();
        }));
    }

    /** Runs {@code body} in an explicit transaction on {@link #tree}, then rolls it back. */
    private void inTransaction(ThrowingConsumer body) throws Throwable {
        try (Transaction tx = db.beginTransaction()) {
            body.accept(tx.tree(tree));
        }
    }

    @FunctionalInterface
    private interface ThrowingConsumer {
        void accept(TransactionalTree tx) throws Throwable;
    }

    // ---- 2. closed database, dropped tree ----

    /** Every data method of a tree, as a call that should fail on a closed database or a dropped tree. */
    private static List<Case> treeCalls(String on, SledTree t) {
        return List.of(
                c(on + ".insert", () -> t.insert(K, V)),
                c(on + ".get", () -> t.get(K)),
                c(on + ".remove", () -> t.remove(K)),
                c(on + ".containsKey", () -> t.containsKey(K)),
                c(on + ".compareAndSwap", () -> t.compareAndSwap(K, null, V)),
                c(on + ".updateAndFetch", () -> t.updateAndFetch(K, v -> V)),
                c(on + ".fetchAndUpdate", () -> t.fetchAndUpdate(K, v -> V)),
                c(on + ".merge", () -> t.merge(K, V)),
                c(on + ".setMergeOperator", () -> t.setMergeOperator((k, old, op) -> op)),
                c(on + ".applyBatch", () -> t.applyBatch(new SledBatch().insert(K, V))),
                c(on + ".applyBatch(empty batch)", () -> t.applyBatch(new SledBatch())),
                c(on + ".transaction", () -> t.transaction(tx -> tx.insert(K, V))),
                c(on + ".watchPrefix", () -> t.watchPrefix(Bytes.EMPTY)),
                c(on + ".iterator", t::iterator),
                c(on + ".range", () -> t.range(K, null)),
                c(on + ".scanPrefix", () -> t.scanPrefix(K)),
                c(on + ".first", t::first),
                c(on + ".last", t::last),
                c(on + ".getLt(empty key)", () -> t.getLt(Bytes.EMPTY)),
                c(on + ".getLt", () -> t.getLt(K)),
                c(on + ".getGt", () -> t.getGt(K)),
                c(on + ".popMin", t::popMin),
                c(on + ".popMax", t::popMax),
                c(on + ".size", t::size),
                c(on + ".isEmpty", t::isEmpty),
                c(on + ".clear", t::clear),
                c(on + ".checksum", t::checksum),
                c(on + ".flush", t::flush),
                c(on + ".flushAsync", t::flushAsync));
    }

    @TestFactory
    Stream<DynamicTest> everyCallAfterCloseThrowsDatabaseClosed() {
        tree.insert(Bytes.of("a"), V);
        tree.insert(Bytes.of("b"), V);
        db.insert(Bytes.of("a"), V);
        tree.setMergeOperator((k, old, op) -> op);
        long checksum = db.checksum();
        SledIterator started = tree.iterator();
        started.next();
        SledIterator fromEnd = tree.iterator();
        Stream<SledDb.ExportedTree> export = db.export();
        SledIterator exported = export.toList().get(0).entries();
        Subscriber subscriber = tree.watchPrefix(Bytes.EMPTY);
        Transaction tx = db.beginTransaction();
        TransactionalTree view = tx.tree(tree);
        SledIterator txScan = view.range(KeyRange.all());
        db.close();

        List<Case> cases = new ArrayList<>(treeCalls("tree", tree));
        cases.addAll(treeCalls("db", db));
        cases.addAll(List.of(
                c("db.openTree", () -> db.openTree("new")),
                c("db.dropTree", () -> db.dropTree("t")),
                c("db.treeNames", db::treeNames),
                c("db.generateId", db::generateId),
                c("db.beginTransaction", db::beginTransaction),
                c("db.beginReadOnlyTransaction", db::beginReadOnlyTransaction),
                c("db.beginReadOnlyTransaction(attempt)", () -> db.beginReadOnlyTransaction(SledDb.ESCALATED_ATTEMPT)),
                c("db.sizeOnDisk", db::sizeOnDisk),
                c("db.export", db::export),
                c("db.importFrom", () -> db.importFrom(Stream.empty())),
                c("SledIterator.hasNext of an iterator made before close", started::hasNext),
                c("SledIterator.next of an iterator made before close", started::next),
                c("SledIterator.nextBack of an iterator made before close", fromEnd::nextBack),
                c("SledIterator.reverse().next of an iterator made before close", () -> fromEnd.reverse().next()),
                c("export() iterator made before close", exported::hasNext),
                c("Transaction.tree", () -> tx.tree(tree)),
                c("Transaction.generateId", tx::generateId),
                c("Transaction.flushOnCommit", tx::flushOnCommit),
                c("Transaction.commit", tx::commit),
                c("TransactionalTree.get", () -> view.get(K)),
                c("TransactionalTree.insert", () -> view.insert(K, V)),
                c("TransactionalTree.remove", () -> view.remove(K)),
                c("TransactionalTree.compareAndSwap", () -> view.compareAndSwap(K, null, V)),
                c("TransactionalTree.applyBatch", () -> view.applyBatch(new SledBatch().insert(K, V))),
                c("TransactionalTree.range", () -> view.range(KeyRange.all())),
                c("TransactionalTree scan made before close", txScan::hasNext)));
        return Stream.of(
                expect(cases.stream(), DatabaseClosedException.class, "is closed"),
                then("close() again, iterator.close(), rollback and accessors still work", () -> {
                    db.close();
                    started.close();
                    export.close();
                    tx.rollback();
                    assertThat(db.isClosed()).isTrue();
                    assertThat(db.config().path()).isEqualTo(dir.resolve("db"));
                    assertThat(db.stats()).isNotNull();
                    assertThat(tree.name()).isEqualTo(Bytes.of("t"));
                }),
                then("a subscriber's iteration has ended", () -> {
                    assertThat(subscriber.isClosed()).isTrue();
                    assertThat(subscriber.hasNext()).isFalse();
                    assertThat(subscriber.next(Duration.ofMillis(10))).isNull();
                    assertThatThrownBy(subscriber::next).isInstanceOf(java.util.NoSuchElementException.class).hasMessageContaining("closed");
                }),
                then("nothing was written", () -> {
                    try (SledDb reopened = cfg().open()) {
                        assertThat(reopened.checksum()).isEqualTo(checksum);
                        assertThat(reopened.treeNames()).hasSize(2);
                    }
                })).flatMap(s -> s);
    }

    @TestFactory
    Stream<DynamicTest> everyCallOnADroppedTreeThrowsTreeNotFound() {
        tree.insert(Bytes.of("a"), V);
        tree.insert(Bytes.of("b"), V);
        SledIterator started = tree.iterator();
        started.next();
        Subscriber subscriber = tree.watchPrefix(Bytes.EMPTY);
        assertThat(db.dropTree("t")).isTrue();
        Stream<Case> cases = Stream.concat(treeCalls("dropped tree", tree).stream(), Stream.of(
                c("SledIterator.next of an iterator made before the drop", started::next),
                c("Transaction.tree(dropped tree)", () -> inTransaction(tx -> tx.tree(tree))),
                c("db.transaction using the dropped tree", () -> db.transaction(tx -> tx.tree(tree).insert(K, V)))));
        return Stream.concat(expect(cases, TreeNotFoundException.class, "tree \"t\" was dropped"),
                then("the subscriber ended, the name opens a new empty tree, the old handle stays dropped", () -> {
                    assertThat(subscriber.hasNext()).isFalse();
                    assertThat(db.get(K)).isNull();
                    SledTree again = db.openTree("t");
                    assertThat(again.isEmpty()).isTrue();
                    assertThatThrownBy(() -> tree.insert(K, V)).isInstanceOf(TreeNotFoundException.class);
                    assertThat(again.isEmpty()).isTrue();
                }));
    }

    // ---- 3. oversized keys and values ----

    @TestFactory
    Stream<DynamicTest> oversizedKeysAndValuesAreRejectedOnEveryWritePathWithoutWriting() {
        int keyLimit = SledConfig.MAX_KEY_SIZE;
        int valueLimit = SledConfig.MAX_VALUE_SIZE;
        Bytes bigKey = Bytes.wrap(new byte[keyLimit + 1]);
        Bytes bigValue = Bytes.wrap(new byte[valueLimit + 1]);
        Bytes a = Bytes.of("a");
        tree.insert(K, V);
        Subscriber events = tree.watchPrefix(Bytes.EMPTY);
        String keyMessage = "key of " + (keyLimit + 1) + " bytes exceeds the limit of " + keyLimit;
        String valueMessage = "of " + (valueLimit + 1) + " bytes exceeds the limit of " + valueLimit;
        Stream<Case> bigKeys = Stream.of(
                c("insert(big key)", () -> tree.insert(bigKey, V)),
                c("db.insert(big key)", () -> db.insert(bigKey, V)),
                c("compareAndSwap(big key)", () -> tree.compareAndSwap(bigKey, null, V)),
                c("updateAndFetch(big key)", () -> tree.updateAndFetch(bigKey, v -> V)),
                c("merge(big key)", () -> withMerge((k, old, op) -> op, () -> tree.merge(bigKey, V))),
                c("applyBatch(a, big key)", () -> tree.applyBatch(new SledBatch().insert(a, V).insert(bigKey, V))),
                c("transaction insert(big key)", () -> tree.transaction(tx -> {
                    tx.insert(a, V);
                    return tx.insert(bigKey, V);
                })),
                c("transaction applyBatch(a, big key)", () -> tree.transaction(tx -> {
                    tx.applyBatch(new SledBatch().insert(a, V).remove(K).insert(bigKey, V));
                    return null;
                })));
        Stream<Case> bigValues = Stream.of(
                c("insert(big value)", () -> tree.insert(a, bigValue)),
                c("insert(big value over an existing key)", () -> tree.insert(K, bigValue)),
                c("compareAndSwap(big expected)", () -> tree.compareAndSwap(K, bigValue, null)),
                c("compareAndSwap(big new)", () -> tree.compareAndSwap(K, V, bigValue)),
                c("updateAndFetch(result big)", () -> tree.updateAndFetch(K, v -> bigValue)),
                c("fetchAndUpdate(result big)", () -> tree.fetchAndUpdate(K, v -> bigValue)),
                c("merge(big operand)", () -> withMerge((k, old, op) -> op, () -> tree.merge(K, bigValue))),
                c("merge(operator returns big value)", () -> withMerge((k, old, op) -> bigValue, () -> tree.merge(K, V))),
                c("applyBatch(a, big value)", () -> tree.applyBatch(new SledBatch().insert(a, V).insert(K, bigValue))),
                c("transaction insert(big value)", () -> tree.transaction(tx -> tx.insert(K, bigValue))),
                c("transaction compareAndSwap(big new)", () -> tree.transaction(tx -> tx.compareAndSwap(K, V, bigValue))),
                c("transaction compareAndSwap(big expected)", () -> tree.transaction(tx -> tx.compareAndSwap(K, bigValue, null))),
                c("explicit transaction insert(big value)", () -> inTransaction(tx -> tx.insert(K, bigValue))));
        return Stream.of(
                expect(bigKeys, IllegalArgumentException.class, keyMessage),
                expect(Stream.of(c("db.openTree(big name)", () -> db.openTree(bigKey))), IllegalArgumentException.class,
                        "tree name " + keyMessage.substring("key ".length())),
                expect(bigValues, IllegalArgumentException.class, valueMessage),
                then("a transaction that goes on after a rejected batch commits none of the batch", () -> {
                    tree.transaction(tx -> {
                        assertThatThrownBy(() -> tx.applyBatch(new SledBatch().insert(a, V).remove(K).insert(K, bigValue)))
                                .isInstanceOf(IllegalArgumentException.class);
                        return null;
                    });
                }),
                then("nothing was written", () -> {
                    assertThat(tree.iterator().stream()).containsExactly(new KeyValue(K, V));
                    assertThat(db.isEmpty()).isTrue();
                    assertThat(db.treeNames()).hasSize(2);
                    assertThat(events.next(Duration.ZERO)).as("no event").isNull();
                })).flatMap(s -> s);
    }

    /**
     * Every call from a merge operator that would wait for the merge, or for another one, or write under the
     * merge's own leaf lock, throws instead; the merge then writes nothing. Before, {@code flush()} and
     * {@code close()} hung forever, and a write re-entered the leaf the merge was changing.
     */
    @Test
    void aMergeOperatorThatCallsBackIntoTheDatabaseGetsAClearErrorAndTheMergeWritesNothing() {
        tree.insert(K, V);
        List<Map.Entry<String, Runnable>> calls = List.of(
                Map.entry("flush()", db::flush),
                Map.entry("close()", db::close),
                Map.entry("a write", () -> tree.insert(K, Bytes.of("inner"))),
                Map.entry("a write", () -> tree.insert(Bytes.of("other key"), V)),
                Map.entry("a write", () -> db.remove(K)),
                Map.entry("a write", () -> tree.applyBatch(new SledBatch().insert(Bytes.of("b"), V))),
                Map.entry("a transaction", () -> tree.transaction(tx -> tx.insert(Bytes.of("tx"), V))),
                Map.entry("a transaction", db::beginReadOnlyTransaction),
                Map.entry("openTree() of a new tree", () -> db.openTree("new")),
                Map.entry("dropTree()", () -> db.dropTree("t")));
        calls.forEach(c -> assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> withMerge((k, old, op) -> {
                    c.getValue().run();
                    return op;
                }, () -> tree.merge(K, Bytes.of("merged")))).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(c.getKey() + " cannot be called from a merge operator"), c.getKey()));
        assertThat(tree.get(K)).isEqualTo(V);
        assertThat(tree.iterator()).toIterable().hasSize(1);
        assertThat(db.treeNames()).doesNotContain(Bytes.of("new"));
        // Reads, and opening an existing tree, are fine.
        assertThatCode(() -> withMerge((k, old, op) -> db.openTree("t").containsKey(k) ? op : null,
                () -> tree.merge(K, Bytes.of("read")))).doesNotThrowAnyException();
        assertThat(tree.get(K)).isEqualTo(Bytes.of("read"));
        tree.insert(K, Bytes.of("after"));
        assertThat(db.flush()).isPositive();
    }

    /** An ID reservation waits for the flush lock, so inside a merge it throws rather than risk waiting forever. */
    @Test
    void generatingIdsInsideAMergeOperatorFailsClearlyWhenItMustReserveMore() {
        db.close();
        db = cfg().idReservation(1).open();
        tree = db.openTree("t");
        long before = db.generateId();
        // With a reservation of one ID at a time, one of these calls must reserve.
        MergeOperator generating = (k, old, op) -> Bytes.ofLong(db.generateId() + db.generateId() + db.generateId());
        assertThatThrownBy(() -> withMerge(generating, () -> tree.merge(K, V)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("generateId() when it must reserve the next range of IDs")
                .hasMessageContaining("cannot be called from a merge operator");
        assertThat(tree.get(K)).isNull();
        assertThat(db.generateId()).isGreaterThan(before);
    }

    private Object withMerge(MergeOperator op, ThrowingCallable merge) throws Throwable {
        tree.setMergeOperator(op);
        try {
            merge.call();
            return null;
        } finally {
            tree.setMergeOperator(null);
        }
    }

    // ---- 4. invalid arguments ----

    @ParameterizedTest(name = "SledConfig.{0}({1})")
    @CsvSource({
        "cacheCapacity, 255", "cacheCapacity, -1", "flushEveryMs, -1",
        "segmentSize, 255", "segmentSize, 1000", "segmentSize, 0", "segmentSize, -256", "segmentSize, 2147483647",
        "compressionLevel, 0", "compressionLevel, 23", "nodeMaxEntries, 3", "nodeMaxEntries, 65537",
        "nodeMaxBytes, 255", "subscriberBufferSize, 0", "transactionMaxAttempts, 0", "idReservation, -1"})
    void configSettersRejectOutOfRangeValuesNamingThemAndKeepThePreviousValue(String setter, long value) {
        SledConfig config = SledConfig.builder();
        String before = describe(config);
        assertThatThrownBy(() -> {
            switch (setter) {
                case "cacheCapacity" -> config.cacheCapacity(value);
                case "flushEveryMs" -> config.flushEveryMs(value);
                case "segmentSize" -> config.segmentSize((int) value);
                case "compressionLevel" -> config.compressionLevel((int) value);
                case "nodeMaxEntries" -> config.nodeMaxEntries((int) value);
                case "nodeMaxBytes" -> config.nodeMaxBytes((int) value);
                case "subscriberBufferSize" -> config.subscriberBufferSize((int) value);
                case "transactionMaxAttempts" -> config.transactionMaxAttempts((int) value);
                case "idReservation" -> config.idReservation((int) value);
                default -> throw new AssertionError(setter);
            }
        }).as("SledConfig.%s(%d)", setter, value).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(setter).hasMessageContaining("was " + value);
        assertThat(describe(config)).as("SledConfig.%s(%d) left the configuration unchanged", setter, value).isEqualTo(before);
    }

    private static String describe(SledConfig c) {
        return c + " " + Arrays.asList(c.segmentSizeSet(), c.nodeMaxEntries(), c.nodeMaxBytes(), c.subscriberBufferSize(),
                c.transactionMaxAttempts(), c.idReservation());
    }

    @TestFactory
    Stream<DynamicTest> badOffsetsAndLengthsAreRejected() {
        Bytes abc = Bytes.of("abc");
        byte[] three = new byte[3];
        return Stream.concat(expect(Stream.of(
                c("Bytes.slice(2, 1)", () -> abc.slice(2, 1)),
                c("Bytes.slice(-1, 1)", () -> abc.slice(-1, 1)),
                c("Bytes.slice(0, 4)", () -> abc.slice(0, 4)),
                c("Bytes.of(bytes, -1, 1)", () -> Bytes.of(three, -1, 1)),
                c("Bytes.of(bytes, 2, 2)", () -> Bytes.of(three, 2, 2)),
                c("Bytes.of(bytes, 0, -1)", () -> Bytes.of(three, 0, -1)),
                c("Bytes.wrap(bytes, 0, 4)", () -> Bytes.wrap(three, 0, 4)),
                c("Bytes.byteAt(3)", () -> abc.byteAt(3)),
                c("Bytes.copyTo(too small target)", () -> abc.copyTo(new byte[2], 0)),
                c("Bytes.copyTo(negative offset)", () -> abc.copyTo(new byte[5], -1))),
                IndexOutOfBoundsException.class, "out of bounds"),
                expect(Stream.of(c("Bytes.toLong() of 3 bytes", abc::toLong)), IllegalStateException.class, "exactly 8 bytes, this value has 3"));
    }

    @Test
    void aRangeWhoseStartIsAfterItsEndIsEmptyAsInSled() {
        tree.insert(Bytes.of("b"), V);
        assertThat(tree.range(KeyRange.closed(Bytes.of("c"), Bytes.of("a"))).stream()).isEmpty();
        assertThat(tree.range(Bytes.of("c"), Bytes.of("a")).stream()).isEmpty();
        assertThat(tree.range(KeyRange.open(Bytes.of("b"), Bytes.of("b"))).reverse().stream()).isEmpty();
    }

    @Test
    void subscriberTimeoutsMustNotBeNegativeAndZeroOnlyPolls() throws InterruptedException {
        Subscriber s = tree.watchPrefix(Bytes.EMPTY);
        assertThatThrownBy(() -> s.next(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout must not be negative, was PT-0.001S");
        assertThat(s.next(Duration.ZERO)).isNull();
        tree.insert(K, V);
        assertThat(s.next(Duration.ZERO)).isEqualTo(new Event.Insert(K, V));
    }

    @Test
    void aPublisherRejectsANullSubscriberAndStaysUsable() throws InterruptedException {
        Subscriber s = tree.watchPrefix(Bytes.EMPTY);
        assertThatThrownBy(() -> s.publisher().subscribe(null)).isInstanceOf(NullPointerException.class);
        List<Event> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        s.publisher().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Event item) {
                got.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
        tree.insert(K, V);
        for (int i = 0; i < 500 && got.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(got).containsExactly(new Event.Insert(K, V));
    }

    @Test
    void mergeWithoutAnOperatorFailsNamingTheTreeAndWritesNothing() {
        assertThatThrownBy(() -> tree.merge(K, V)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setMergeOperator").hasMessageContaining("\"t\"");
        assertThat(tree.isEmpty()).isTrue();
    }

    @Test
    void aThrowingMergeOperatorOrUpdateFunctionLeavesTheValueAndTheKeyUsable() {
        tree.insert(K, V);
        IllegalStateException boom = new IllegalStateException("boom");
        tree.setMergeOperator((k, old, op) -> {
            throw boom;
        });
        assertThatThrownBy(() -> tree.merge(K, Bytes.of("w"))).as("merge").isSameAs(boom);
        UnaryOperator<Bytes> failing = v -> {
            throw boom;
        };
        assertThatThrownBy(() -> tree.updateAndFetch(K, failing)).as("updateAndFetch").isSameAs(boom);
        assertThatThrownBy(() -> tree.fetchAndUpdate(K, failing)).as("fetchAndUpdate").isSameAs(boom);
        assertThat(tree.get(K)).isEqualTo(V);
        tree.setMergeOperator((k, old, op) -> null);
        assertThat(tree.merge(K, V)).as("an operator returning null deletes, as in sled").isNull();
        assertThat(tree.insert(K, Bytes.of("x"))).as("the key is not left locked").isNull();
        assertThat(tree.updateAndFetch(K, v -> null)).as("an update returning null deletes").isNull();
        assertThat(tree.isEmpty()).isTrue();
    }

    @Test
    void aTransactionBodyThatThrowsPropagatesTheExceptionUnchangedAndWritesNothing() {
        SledTree other = db.openTree("other");
        IOException checked = new IOException("checked");
        IllegalStateException unchecked = new IllegalStateException("unchecked");
        assertThatThrownBy(() -> tree.transaction(tx -> {
            tx.insert(K, V);
            tx.tree(other).insert(K, V);
            throw checked;
        })).as("checked").isSameAs(checked);
        assertThatThrownBy(() -> tree.transaction(tx -> {
            tx.insert(K, V);
            tx.tree(other).applyBatch(new SledBatch().insert(K, V));
            throw unchecked;
        })).as("unchecked").isSameAs(unchecked);
        assertThat(tree.isEmpty()).isTrue();
        assertThat(other.isEmpty()).isTrue();
        assertThat(db.stats().transactionAborts()).isEqualTo(2);
    }

    @Test
    void aTransactionBodyReturningNullCommitsAndReturnsNull() {
        Object result = tree.transaction(tx -> {
            tx.insert(K, V);
            return null;
        });
        assertThat(result).isNull();
        assertThat(tree.get(K)).isEqualTo(V);
    }

    @TestFactory
    Stream<DynamicTest> plainWritesInsideATransactionBodyAreRefusedAndNothingIsWritten() {
        SledTree other = db.openTree("other");
        tree.setMergeOperator((k, old, op) -> op);
        other.insert(Bytes.of("x"), V);
        Map<String, Runnable> plainWrites = new TreeMap<>(Map.of(
                "tree.insert", () -> tree.insert(K, V),
                "db.insert", () -> db.insert(K, V),
                "other.remove", () -> other.remove(Bytes.of("x")),
                "tree.compareAndSwap", () -> tree.compareAndSwap(K, null, V),
                "tree.updateAndFetch", () -> tree.updateAndFetch(K, v -> V),
                "tree.merge", () -> tree.merge(K, V),
                "tree.applyBatch", () -> tree.applyBatch(new SledBatch().insert(K, V)),
                "other.clear", other::clear,
                "other.popMin", other::popMin,
                "tree.transaction (nested)", () -> tree.transaction(tx -> tx.insert(K, V))));
        return Stream.concat(expect(plainWrites.entrySet().stream().map(e -> c(e.getKey() + " inside tree.transaction", () -> tree.transaction(tx -> {
            tx.insert(Bytes.of("tx"), V);
            e.getValue().run();
            return null;
        }))), TransactionMisuseException.class, "inside a transaction body"), then("nothing was written", () -> {
            assertThat(tree.isEmpty()).isTrue();
            assertThat(db.isEmpty()).isTrue();
            assertThat(other.iterator().stream()).containsExactly(new KeyValue(Bytes.of("x"), V));
        }));
    }

    @Test
    void transactionMisuseIsNamed() {
        try (SledDb foreign = SledConfig.builder().path(dir.resolve("foreign")).flushEveryMs(0).open()) {
            assertThatThrownBy(() -> tree.transaction(tx -> tx.tree(foreign).insert(K, V)))
                    .isInstanceOf(TransactionMisuseException.class).hasMessageContaining("belongs to another database");
        }
        try (Transaction ro = db.beginReadOnlyTransaction()) {
            assertThatThrownBy(() -> ro.tree(tree).insert(K, V)).isInstanceOf(TransactionMisuseException.class)
                    .hasMessageContaining("read-only");
        }
        Transaction tx = db.beginTransaction();
        tx.tree(tree).insert(K, V);
        tx.commit();
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionMisuseException.class).hasMessageContaining("already committed");
        assertThatThrownBy(() -> tx.tree(tree)).isInstanceOf(TransactionMisuseException.class).hasMessageContaining("already committed");
        assertThat(tree.get(K)).isEqualTo(V);
    }

    @Test
    void theDefaultTreeCannotBeDroppedAndImportDoesNotOverwrite() {
        assertThatThrownBy(() -> db.dropTree(SledDb.DEFAULT_TREE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SledDb.DEFAULT_TREE);
        tree.insert(K, V);
        try (SledDb target = SledConfig.builder().path(dir.resolve("target")).flushEveryMs(0).open();
                Stream<SledDb.ExportedTree> export = db.export()) {
            target.openTree("t").insert(K, Bytes.of("kept"));
            assertThatThrownBy(() -> target.importFrom(export)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already has key \"k\"");
            assertThat(target.openTree("t").get(K)).isEqualTo(Bytes.of("kept"));
        }
    }

    // ---- 5. files ----

    @Test
    void aPathThatIsAFileOrUnderAFileIsRejectedNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> Sled.open(file)).isInstanceOf(SledException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("is a file");
        assertThatThrownBy(() -> Sled.open(file.resolve("db"))).isInstanceOf(StorageException.class)
                .hasMessageContaining(file.resolve("db").toString());
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void aDirectoryWithoutWritePermissionIsRejectedNamingIt() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(readOnly), "running as root: permissions are not enforced");
            assertThatThrownBy(() -> Sled.open(readOnly)).isInstanceOf(StorageException.class)
                    .hasMessageContaining(readOnly.toString()).hasMessageContaining("writable");
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aForeignSegmentFileInANewDirectoryIsNotOverwritten() throws IOException {
        Path fresh = Files.createDirectory(dir.resolve("fresh"));
        Path foreign = Files.writeString(fresh.resolve("seg-00000001.dat"), "not a segment, someone's data");
        assertThatThrownBy(() -> Sled.open(fresh)).isInstanceOf(FormatVersionException.class)
                .hasMessageContaining(foreign.toString()).hasMessageContaining("no metadata snapshot");
        assertThat(Files.readString(foreign)).isEqualTo("not a segment, someone's data");
        try (Stream<Path> files = Files.list(fresh)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no database created").doesNotContain("meta-0000000000000001.snap");
        }
    }

    /** A foreign file named like a segment, an older one or a newer one: the open fails naming it and changes nothing. */
    @ParameterizedTest(name = "segment id {0} after the last")
    @CsvSource({"1", "50"})
    void aForeignSegmentFileInADatabaseFailsTheOpenAndIsKept(int idAfterLast) throws IOException {
        tree.insert(K, V);
        db.close();
        Path home = dir.resolve("db");
        int last;
        try (Stream<Path> files = Files.list(home)) {
            last = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("seg-"))
                    .mapToInt(n -> Integer.parseInt(n.substring(4, 12))).max().orElseThrow();
        }
        Path foreign = home.resolve(String.format("seg-%08d.dat", last + idAfterLast));
        Files.writeString(foreign, "GARBAGE! this file is not a segment of the database");
        assertOpenRefusedUntilRemoved(home, foreign, "GARBAGE!");
    }

    @Test
    void aForeignMetadataFileFailsTheOpenAndAnUnrelatedOneIsLeftAlone() throws IOException {
        tree.insert(K, V);
        db.close();
        Path home = dir.resolve("db");
        Path notes = Files.writeString(home.resolve("meta-notes.snap"), "mine");
        Path txt = Files.writeString(home.resolve("notes.txt"), "mine too");
        try (SledDb reopened = cfg().open()) {
            assertThat(reopened.openTree("t").get(K)).isEqualTo(V);
        }
        assertThat(Files.readString(notes)).isEqualTo("mine");
        assertThat(Files.readString(txt)).isEqualTo("mine too");

        Path foreign = Files.writeString(home.resolve("meta-00000000000000ff.snap"), "GARBAGE! not a metadata snapshot");
        assertOpenRefusedUntilRemoved(home, foreign, "not a sled-for-Java metadata file");
    }

    /**
     * Opening fails naming {@code foreign} (and {@code why}) without changing any file; once it is
     * removed, the database opens with its data.
     */
    private void assertOpenRefusedUntilRemoved(Path home, Path foreign, String why) throws IOException {
        Map<String, String> before = contents(home);
        assertThatThrownBy(() -> cfg().open()).isInstanceOf(FormatVersionException.class)
                .hasMessageContaining(foreign.toString()).hasMessageContaining(why);
        assertThat(contents(home)).as("the failed open changed nothing").isEqualTo(before);
        Files.delete(foreign);
        try (SledDb reopened = cfg().open()) {
            assertThat(reopened.openTree("t").get(K)).isEqualTo(V);
        }
    }

    /** Every file of {@code dir} but the lock, with a digest of its bytes. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (!p.getFileName().toString().equals("LOCK")) {
                    out.put(p.getFileName().toString(), Arrays.hashCode(Files.readAllBytes(p)) + "/" + Files.size(p));
                }
            }
        }
        return out;
    }
}
