package dev.sled.internal.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import org.junit.jupiter.api.Test;

/** What a flush learns from a leaf's writes: which keys its delta holds, or that only a whole image will do. */
class LeafChangesTest {

    private static final int ENTRIES = 128;

    /** A leaf whose whole image is stored, tracking changes from there. */
    private static Leaf storedLeaf() {
        Leaf leaf = new Leaf(1, null, Bytes.EMPTY, null);
        leaf.markStored();
        assertThat(leaf.captureChanges()).as("the first flush writes the whole leaf").isNull();
        return leaf;
    }

    @Test
    void aKeyWrittenOverAndOverIsOneKeyOfTheDeltaAndKeepsNoListOfRepeats() {
        Leaf leaf = storedLeaf();
        for (int i = 0; i < 100_000; i++) {
            leaf.changed(Bytes.of("hot"), ENTRIES);
        }
        leaf.changed(Bytes.of("b"), ENTRIES);
        leaf.changed(Bytes.of("a"), ENTRIES);
        Leaf.Delta delta = leaf.captureChanges();
        assertThat(delta).isNotNull();
        assertThat(delta.second()).isFalse();
        assertThat(delta.keys()).as("write order, repeats bounded by a quarter of the leaf").hasSizeLessThanOrEqualTo(ENTRIES / 4 + 1);
        assertThat(delta.sortedKeys()).containsExactly(Bytes.of("a"), Bytes.of("b"), Bytes.of("hot"));
    }

    @Test
    void writesAfterAFirstDeltaGoToASecondOneWhileItStaysSmall() {
        Leaf leaf = storedLeaf();
        for (int i = 0; i < 20; i++) {
            leaf.changed(Bytes.ofLong(i), ENTRIES);
        }
        assertThat(leaf.captureChanges().second()).isFalse();
        for (int i = 0; i < 1_000; i++) {
            leaf.changed(Bytes.ofLong(3), ENTRIES);
            leaf.changed(Bytes.ofLong(100), ENTRIES);
        }
        Leaf.Delta second = leaf.captureChanges();
        assertThat(second.second()).isTrue();
        assertThat(second.sortedKeys()).containsExactly(Bytes.ofLong(3), Bytes.ofLong(100));
        for (int i = 200; i < 210; i++) {
            leaf.changed(Bytes.ofLong(i), ENTRIES);
        }
        Leaf.Delta folded = leaf.captureChanges();
        assertThat(folded.second()).as("twelve keys since the first delta are not small next to 31").isFalse();
        assertThat(folded.sortedKeys()).hasSize(31);
    }

    @Test
    void moreThanAQuarterOfTheEntriesChangedNeedsAWholeImage() {
        Leaf leaf = storedLeaf();
        for (int i = 0; i <= ENTRIES / 4; i++) {
            leaf.changed(Bytes.ofLong(i), ENTRIES);
            leaf.changed(Bytes.ofLong(0), ENTRIES);
        }
        assertThat(leaf.captureChanges()).isNull();
    }

    @Test
    void aQuarterOfTheEntriesWrittenWithRepeatsIsStillADelta() {
        Leaf leaf = storedLeaf();
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < ENTRIES / 4; i++) {
                leaf.changed(Bytes.ofLong(i), ENTRIES);
            }
        }
        assertThat(leaf.captureChanges().sortedKeys()).hasSize(ENTRIES / 4);
    }
}
