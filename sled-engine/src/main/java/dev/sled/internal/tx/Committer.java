package dev.sled.internal.tx;

import dev.sled.Bytes;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.internal.tree.BTree;
import dev.sled.internal.tree.Leaf;
import dev.sled.internal.tree.RangeCursor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The atomic multi-leaf write used by transaction commits and batches. Callers hold the flush gate's
 * shared side. Leaves are locked in object-id order (so concurrent commits never deadlock), the set is
 * re-checked after locking (a split or merge in between means start over), reads are validated, and
 * only then are writes applied and events published, before any lock is released.
 */
public final class Committer {

    /** A write to announce to subscribers once the whole commit is applied. */
    private record Applied(TreeHandle tree, Bytes key, @Nullable Bytes value) {}

    /** One tree's part of a commit. */
    public record TreeWork(TreeHandle tree, Map<Bytes, Bytes> reads, List<RangeRead> ranges, WriteSet writes) {}

    private Committer() {
    }

    /** Applies {@code writes} to {@code tree} atomically, with nothing to validate (a batch). */
    public static void apply(TreeHandle tree, WriteSet writes) {
        commit(List.of(new TreeWork(tree, Map.of(), List.of(), writes)), () -> true);
    }

    /** @return false on a validation conflict, in which case nothing was written */
    static boolean commit(List<TreeWork> work, BooleanSupplier stillValid) {
        List<Leaf> locked = lockAll(work);
        try {
            if (!stillValid.getAsBoolean() || !validate(work)) {
                return false;
            }
            applyWrites(work);
            return true;
        } finally {
            for (int i = locked.size() - 1; i >= 0; i--) {
                locked.get(i).unlock();
            }
        }
    }

    private static List<Leaf> lockAll(List<TreeWork> work) {
        for (;;) {
            Set<Leaf> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
            for (TreeWork w : work) {
                collect(w, wanted);
            }
            List<Leaf> order = new ArrayList<>(wanted);
            order.sort(Comparator.comparingLong(l -> l.id));
            for (Leaf l : order) {
                l.lock();
                if (!l.isDead()) {
                    l.tree.dataOf(l);
                }
            }
            Set<Leaf> check = Collections.newSetFromMap(new IdentityHashMap<>());
            boolean stable = true;
            for (TreeWork w : work) {
                stable &= collect(w, check);
            }
            if (stable && wanted.containsAll(check)) {
                return order;
            }
            for (int i = order.size() - 1; i >= 0; i--) {
                order.get(i).unlock();
            }
            Thread.onSpinWait();
        }
    }

    /** Adds the leaves covering {@code w}'s keys and intervals; false if one is dead or does not cover its key. */
    private static boolean collect(TreeWork w, Set<Leaf> out) {
        BTree tree = w.tree().btree();
        boolean ok = true;
        for (Bytes key : w.reads().keySet()) {
            ok &= add(tree, key, out);
        }
        for (Bytes key : w.writes().entries().keySet()) {
            ok &= add(tree, key, out);
        }
        for (RangeRead r : w.ranges()) {
            for (Bytes[] iv : r.intervals()) {
                for (Leaf l : tree.leavesFor(iv[0], iv[1])) {
                    out.add(l);
                    ok &= !l.isDead();
                }
            }
        }
        return ok;
    }

    private static boolean add(BTree tree, Bytes key, Set<Leaf> out) {
        Leaf l = tree.leafFor(key);
        out.add(l);
        return BTree.covers(l, key);
    }

    private static boolean validate(List<TreeWork> work) {
        for (TreeWork w : work) {
            BTree tree = w.tree().btree();
            for (Map.Entry<Bytes, Bytes> read : w.reads().entrySet()) {
                Bytes expected = read.getValue() == TxTree.ABSENT ? null : read.getValue();
                if (!Objects.equals(expected, tree.valueIn(tree.leafFor(read.getKey()), read.getKey()))) {
                    return false;
                }
            }
            for (RangeRead r : w.ranges()) {
                for (Bytes[] iv : r.intervals()) {
                    if (!sameContents(tree, iv[0], iv[1], r.seen)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Whether the tree's entries in {@code [from, to)} are exactly those of {@code seen} in that interval. */
    private static boolean sameContents(BTree tree, Bytes from, @Nullable Bytes to, List<KeyValue> seen) {
        List<KeyValue> expected = new ArrayList<>();
        for (KeyValue kv : seen) {
            if (kv.key().compareTo(from) >= 0 && (to == null || kv.key().compareTo(to) < 0)) {
                expected.add(kv);
            }
        }
        expected.sort(Comparator.comparing(KeyValue::key));
        KeyRange range = to == null ? KeyRange.atLeast(from) : KeyRange.closedOpen(from, to);
        int i = 0;
        try (RangeCursor now = new RangeCursor(tree, range, () -> { })) {
            while (now.hasNext()) {
                if (i >= expected.size() || !now.next().equals(expected.get(i))) {
                    return false;
                }
                i++;
            }
        }
        return i == expected.size();
    }

    private static void applyWrites(List<TreeWork> work) {
        List<Leaf> touched = new ArrayList<>();
        List<Applied> events = new ArrayList<>();
        for (TreeWork w : work) {
            BTree tree = w.tree().btree();
            for (Map.Entry<Bytes, Bytes> e : w.writes().entries().entrySet()) {
                Bytes key = e.getKey();
                Bytes value = WriteSet.valueOf(e.getValue());
                Leaf leaf = tree.leafFor(key);
                int position = tree.positionOf(leaf, key);
                if (Objects.equals(tree.valueAt(leaf, position), value)) {
                    continue; // no-op write: nothing stored, no event, as for a plain insert
                }
                tree.put(leaf, key, position, value);
                touched.add(leaf);
                events.add(new Applied(w.tree(), key, value));
            }
        }
        for (Applied a : events) {
            a.tree().publish(a.key(), a.value());
        }
        for (Leaf l : touched) {
            l.tree.rebalance(l);
        }
    }
}
