package dev.sled.internal.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The head-array search against {@link Arrays#binarySearch} on keys built to share prefixes and tie on heads. */
class KeySearchTest {

    private static final byte[] ALPHABET = {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF};

    /** Keys from a tiny alphabet after part of a shared prefix, so heads tie, pad with zeros and shift. */
    private static Bytes randomKey(Random random, byte[] prefix) {
        int extra = random.nextInt(14);
        byte[] k = Arrays.copyOf(prefix, random.nextInt(prefix.length + 1) + extra);
        for (int i = k.length - extra; i < k.length; i++) {
            k[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return Bytes.wrap(k);
    }

    @RepeatedTest(300)
    void searchAgreesWithBinarySearch(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition() * 7919L);
        byte[] prefix = new byte[random.nextInt(12)];
        random.nextBytes(prefix);
        TreeSet<Bytes> set = new TreeSet<>();
        int size = random.nextInt(200);
        while (set.size() < size) {
            set.add(randomKey(random, prefix));
        }
        Bytes[] keys = set.toArray(Bytes[]::new);
        KeySearch search = KeySearch.of(keys, 0);
        for (int i = 0; i < 300; i++) {
            Bytes key = random.nextBoolean() && keys.length > 0 ? keys[random.nextInt(keys.length)] : randomKey(random, prefix);
            assertThat(search.search(keys, 0, key)).as("search %s in %s", key, set).isEqualTo(Arrays.binarySearch(keys, key));
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
