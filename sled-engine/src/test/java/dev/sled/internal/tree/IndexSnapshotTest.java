package dev.sled.internal.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IndexSnapshotTest {

    /**
     * A skip list counts a new entry only after linking it, so a copy can see more entries than the size
     * it read first. An exact copy needs no check of the leaf it names; it must hold all of them.
     */
    @Test
    void anExactCopyHoldsEntriesBeyondALaggingSize() {
        ConcurrentSkipListMap<Bytes, Leaf> index = new ConcurrentSkipListMap<>() {
            @Override
            public int size() {
                return super.size() - 2; // two puts linked but not yet counted
            }
        };
        BTree tree = new BTree(1, "test", new BTreeTest.MemoryStore(), 8, 1 << 20);
        for (int i = 0; i < 40; i++) {
            Bytes lo = i == 0 ? Bytes.EMPTY : Bytes.of(new byte[] {(byte) i});
            index.put(lo, new Leaf(i, tree, lo, null));
        }
        AtomicLong changes = new AtomicLong(7);

        IndexSnapshot copy = IndexSnapshot.of(index, changes);

        assertThat(copy.exactAt(7)).isTrue();
        for (int i = 0; i < 40; i++) {
            Bytes key = Bytes.of(new byte[] {(byte) i, 5});
            assertThat(copy.floor(key)).as("floor of %s", key).isSameAs(index.floorEntry(key).getValue());
        }
    }
}
