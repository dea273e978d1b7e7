package dev.sled.internal.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** A tree over an in-memory node store, whose index snapshot splits and merges keep making stale. */
class BTreeTest {

    /** Keeps every leaf resident: these tests are about the index, not paging. */
    static final class MemoryStore implements NodeStore {
        private final AtomicLong ids = new AtomicLong();

        @Override
        public LeafData load(Leaf leaf) {
            throw new AssertionError("nothing is evicted");
        }

        @Override
        public void loaded(Leaf leaf, LeafData data) {
        }

        @Override
        public long newLeafId() {
            return ids.incrementAndGet();
        }

        @Override
        public void changed(Leaf leaf, long deltaBytes, boolean becameDirty) {
        }

        @Override
        public void removed(Leaf leaf) {
        }
    }

    /**
     * Reads between writes build the snapshot early, then random inserts split leaves and deletes merge
     * them under it: every read and write still finds its key's leaf, against a TreeMap.
     */
    @RepeatedTest(20)
    void lookupsThroughAStaleSnapshotFindEveryKey(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition() * 65537L);
        BTree tree = new BTree(1, "test", new MemoryStore(), 8, 1 << 20);
        tree.initEmpty();
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        for (int i : order) {
            write(tree, model, key(i), Bytes.of("v" + i));
            Bytes probe = key(random.nextInt(3_000));
            assertThat(tree.get(probe)).as("get %s", probe).isEqualTo(model.get(probe));
        }
        Collections.shuffle(order, random);
        for (int i : order.subList(0, 2_500)) {
            write(tree, model, key(i), null);
            Bytes probe = key(random.nextInt(3_000));
            assertThat(tree.get(probe)).as("get %s", probe).isEqualTo(model.get(probe));
        }
        for (int i = 0; i < 3_000; i++) {
            assertThat(tree.get(key(i))).isEqualTo(model.get(key(i)));
        }
        assertRightLinksFollowTheIndex(tree);
    }

    /** Leaves installed from storage are linked right in key order, as splits and merges keep them. */
    @RepeatedTest(5)
    void storedLeavesAreLinkedAndWritesThroughAStaleSnapshotKeepTheLinks(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition() * 31L);
        BTree tree = new BTree(1, "test", new MemoryStore(), 8, 1 << 20);
        Bytes[] los = {key(0), key(100), key(200), key(300)};
        tree.addStored(new long[] {13, 11, 12, 10}, new Bytes[] {los[3], los[1], los[2], los[0]});
        assertRightLinksFollowTheIndex(tree);
        tree.leaves().forEach(l -> {
            l.lock();
            Bytes next = l.right == null ? null : l.right.lo;
            l.install(LeafData.empty(l.lo, next));
            l.unlock();
        });
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        for (int i = 0; i < 2_000; i++) {
            Bytes probe = key(random.nextInt(400));
            assertThat(tree.get(probe)).as("get %s", probe).isEqualTo(model.get(probe));
            write(tree, model, key(random.nextInt(400)), random.nextInt(3) == 0 ? null : Bytes.of("v" + i));
        }
        assertRightLinksFollowTheIndex(tree);
    }

    private static void assertRightLinksFollowTheIndex(BTree tree) {
        List<Leaf> leaves = new ArrayList<>();
        tree.leaves().forEach(leaves::add);
        for (int i = 0; i < leaves.size(); i++) {
            Leaf next = i + 1 < leaves.size() ? leaves.get(i + 1) : null;
            assertThat(leaves.get(i).right).as("right link of %s", leaves.get(i)).isSameAs(next);
            if (next != null && leaves.get(i).data() != null) {
                assertThat(leaves.get(i).data().hi).as("high bound of %s", leaves.get(i)).isEqualTo(next.lo);
            }
        }
    }

    private static void write(BTree tree, TreeMap<Bytes, Bytes> model, Bytes key, Bytes value) {
        Leaf leaf = tree.lockFor(key);
        try {
            tree.put(leaf, key, tree.positionOf(leaf, key), value);
            tree.rebalance(leaf);
        } finally {
            leaf.unlock();
        }
        if (value == null) {
            model.remove(key);
        } else {
            model.put(key, value);
        }
    }

    private static Bytes key(int i) {
        return Bytes.wrap(new byte[] {(byte) (i >>> 8), (byte) i, 7});
    }
}
