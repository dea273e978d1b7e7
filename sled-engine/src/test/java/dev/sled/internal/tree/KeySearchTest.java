package dev.sled.internal.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The head-array search against {@link Arrays#binarySearch} on keys built to share prefixes and tie on heads. */
class KeySearchTest {

    /** Keys from a tiny alphabet with long shared prefixes, so heads tie, pad with zeros and shift. */
    private static Bytes randomKey(Random random, byte[] prefix) {
        int extra = random.nextInt(14);
        byte[] k = Arrays.copyOf(prefix, random.nextInt(prefix.length + 1) + extra);
        for (int i = k.length - extra; i < k.length; i++) {
            k[i] = (byte) new byte[] {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF}[random.nextInt(5)];
        }
        return Bytes.wrap(k);
    }

    @RepeatedTest(200)
    void searchAgreesWithBinarySearchThroughInsertsAndRemoves(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition() * 7919L);
        byte[] prefix = new byte[random.nextInt(12)];
        random.nextBytes(prefix);
        TreeSet<Bytes> model = new TreeSet<>();
        Bytes[] keys = new Bytes[0];
        KeySearch search = KeySearch.of(keys, 0);
        for (int step = 0; step < 300; step++) {
            Bytes key = randomKey(random, prefix);
            int idx = search.search(keys, 0, key);
            assertThat(idx).as("search %s in %s", key, model).isEqualTo(Arrays.binarySearch(keys, key));
            if (random.nextInt(3) > 0 && idx < 0) {
                int at = -idx - 1;
                List<Bytes> next = new ArrayList<>(Arrays.asList(keys));
                next.add(at, key);
                keys = next.toArray(Bytes[]::new);
                search = search.inserted(keys, at);
                model.add(key);
            } else if (idx >= 0) {
                List<Bytes> next = new ArrayList<>(Arrays.asList(keys));
                next.remove(idx);
                keys = next.toArray(Bytes[]::new);
                search = search.removed(idx);
                model.remove(key);
            }
            assertThat(keys).containsExactlyElementsOf(model);
        }
        Bytes[] rebuilt = keys;
        KeySearch fresh = KeySearch.of(rebuilt, 0);
        for (int i = 0; i < 200; i++) {
            Bytes key = randomKey(random, prefix);
            assertThat(fresh.search(rebuilt, 0, key)).isEqualTo(Arrays.binarySearch(rebuilt, key));
        }
    }

    @Test
    void searchFromAnOffsetNeverProbesTheEntriesBeforeIt() {
        Bytes[] lows = {Bytes.EMPTY, Bytes.of("b"), Bytes.of("d")};
        KeySearch search = KeySearch.of(lows, 1);
        assertThat(search.search(lows, 1, Bytes.of("a"))).isEqualTo(-2);
        assertThat(search.search(lows, 1, Bytes.of("b"))).isEqualTo(1);
        assertThat(search.search(lows, 1, Bytes.of("c"))).isEqualTo(-3);
        assertThat(search.search(lows, 1, Bytes.of("e"))).isEqualTo(-4);
    }
}
