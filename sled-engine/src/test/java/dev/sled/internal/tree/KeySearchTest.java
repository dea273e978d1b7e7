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
        long[] search = KeySearch.of(at -> keys[at], 0, keys.length);
        for (int i = 0; i < 300; i++) {
            Bytes key = random.nextBoolean() && keys.length > 0 ? keys[random.nextInt(keys.length)] : randomKey(random, prefix);
            assertThat(KeySearch.search(search, at -> keys[at], 0, key)).as("search %s in %s", key, set).isEqualTo(Arrays.binarySearch(keys, key));
        }
    }

    /** Fixed-length keys, where equal heads are taken as equal keys without reading the stored key. */
    @RepeatedTest(300)
    void fixedLengthKeysAgreeWithBinarySearch(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition() * 104729L);
        int length = 1 + random.nextInt(20);
        byte[] prefix = new byte[random.nextInt(length + 1)];
        random.nextBytes(prefix);
        TreeSet<Bytes> set = new TreeSet<>();
        int size = random.nextInt(150);
        for (int attempt = 0; set.size() < size && attempt < 10 * size; attempt++) {
            set.add(fixedKey(random, prefix, length));
        }
        Bytes[] keys = set.toArray(Bytes[]::new);
        long[] search = KeySearch.of(at -> keys[at], 0, keys.length);
        for (int i = 0; i < 300; i++) {
            Bytes key = random.nextBoolean() && keys.length > 0 ? keys[random.nextInt(keys.length)]
                    : random.nextInt(4) == 0 ? randomKey(random, prefix) : fixedKey(random, prefix, length);
            assertThat(KeySearch.search(search, at -> keys[at], 0, key)).as("search %s in %s", key, set).isEqualTo(Arrays.binarySearch(keys, key));
        }
    }

    /** Index-sized arrays searched from an offset, as an index snapshot searches past its first leaf. */
    @RepeatedTest(50)
    void largeArraysSearchedFromAnOffsetAgreeWithBinarySearch(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition() * 15485863L);
        byte[] prefix = new byte[random.nextInt(9)];
        random.nextBytes(prefix);
        TreeSet<Bytes> set = new TreeSet<>();
        int size = 1 + random.nextInt(5000);
        while (set.size() < size) {
            set.add(random.nextInt(3) == 0 ? randomKey(random, prefix) : fixedKey(random, prefix, prefix.length + 1 + random.nextInt(3)));
        }
        Bytes[] keys = set.toArray(Bytes[]::new);
        int from = random.nextInt(Math.min(3, keys.length));
        long[] search = KeySearch.of(at -> keys[at], from, keys.length);
        for (int i = 0; i < 2000; i++) {
            Bytes key = random.nextBoolean() ? keys[from + random.nextInt(keys.length - from)] : randomKey(random, prefix);
            assertThat(KeySearch.search(search, at -> keys[at], from, key)).as("search %s from %d", key, from)
                    .isEqualTo(Arrays.binarySearch(keys, from, keys.length, key));
        }
    }

    private static Bytes fixedKey(Random random, byte[] prefix, int length) {
        byte[] k = Arrays.copyOf(prefix, length);
        for (int i = prefix.length - (prefix.length > 0 ? random.nextInt(2) : 0); i < length; i++) {
            k[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return Bytes.wrap(k);
    }

    @Test
    void searchFromAnOffsetNeverProbesTheEntriesBeforeIt() {
        Bytes[] lows = {Bytes.EMPTY, Bytes.of("b"), Bytes.of("d")};
        long[] search = KeySearch.of(at -> lows[at], 1, lows.length);
        assertThat(KeySearch.search(search, at -> lows[at], 1, Bytes.of("a"))).isEqualTo(-2);
        assertThat(KeySearch.search(search, at -> lows[at], 1, Bytes.of("b"))).isEqualTo(1);
        assertThat(KeySearch.search(search, at -> lows[at], 1, Bytes.of("c"))).isEqualTo(-3);
        assertThat(KeySearch.search(search, at -> lows[at], 1, Bytes.of("e"))).isEqualTo(-4);
    }
}
