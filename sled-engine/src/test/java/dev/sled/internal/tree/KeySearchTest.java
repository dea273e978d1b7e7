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

    /**
     * Big-endian numbers a step apart, each moved by up to half a step, as IDs and timestamps are spread:
     * searches guess positions, and every stored and unstored key, including those beyond both ends and
     * those one byte shorter or longer, lands where a binary search puts it.
     */
    @RepeatedTest(200)
    void evenlySpreadKeysAreGuessedAndAgreeWithBinarySearch(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition() * 31337L);
        long step = 2 + random.nextInt(repetition.getCurrentRepetition() % 2 == 0 ? 3 : 1 << 20);
        long[] numbers = new long[2 * KeySearch.MAX_SLACK + 1 + random.nextInt(300)];
        long start = random.nextLong() >>> 2;
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = start + i * step + (long) (random.nextDouble() * step / 2);
        }
        long[] search = KeySearch.of(at -> bigEndian(numbers[at], 16), 0, numbers.length);
        assertThat(KeySearch.slack(search)).as("half-width of the guess window").isBetween(0, 2);
        assertSearchesAgree(search, numbers, random);
    }

    /**
     * Big-endian numbers with random gaps (a random walk): whether or not searches guess, they agree with a
     * binary search.
     */
    @RepeatedTest(200)
    void randomlySpacedKeysAgreeWithBinarySearch(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition() * 7877L);
        int gap = 1 + random.nextInt(repetition.getCurrentRepetition() % 2 == 0 ? 3 : 1 << 20);
        long[] numbers = new long[1 + random.nextInt(400)];
        numbers[0] = random.nextLong() >>> 2;
        for (int i = 1; i < numbers.length; i++) {
            numbers[i] = numbers[i - 1] + 1 + random.nextInt(gap);
        }
        assertSearchesAgree(KeySearch.of(at -> bigEndian(numbers[at], 16), 0, numbers.length), numbers, random);
    }

    private static void assertSearchesAgree(long[] search, long[] numbers, Random random) {
        Bytes[] keys = Arrays.stream(numbers).mapToObj(n -> bigEndian(n, 16)).toArray(Bytes[]::new);
        long first = numbers[0];
        long last = numbers[numbers.length - 1];
        for (int i = 0; i < 2000; i++) {
            long n = first - 5 + (long) (random.nextDouble() * (last - first + 10));
            Bytes key = random.nextBoolean() ? keys[random.nextInt(keys.length)]
                    : random.nextInt(5) == 0 ? bigEndian(n, 15 + random.nextInt(3)) : bigEndian(n, 16);
            assertThat(KeySearch.search(search, at -> keys[at], 0, key)).as("search %s", key).isEqualTo(Arrays.binarySearch(keys, key));
        }
    }

    /** Keys bunched at the start and one far above them: guesses would land far off, so searches do not guess. */
    @Test
    void skewedKeysAreNotGuessed() {
        Bytes[] keys = new Bytes[100];
        for (int i = 0; i < 99; i++) {
            keys[i] = bigEndian(i, 8);
        }
        keys[99] = bigEndian(Long.MAX_VALUE, 8);
        long[] search = KeySearch.of(at -> keys[at], 0, keys.length);
        assertThat(KeySearch.slack(search)).isEqualTo(-1);
        for (Bytes key : keys) {
            assertThat(KeySearch.search(search, at -> keys[at], 0, key)).isEqualTo(Arrays.binarySearch(keys, key));
        }
    }

    private static Bytes bigEndian(long n, int length) {
        byte[] k = new byte[length];
        for (int b = 0; b < 8 && b < length; b++) {
            k[length - 1 - b] = (byte) (n >>> (8 * b));
        }
        return Bytes.wrap(k);
    }

    private static Bytes fixedKey(Random random, byte[] prefix, int length) {
        byte[] k = Arrays.copyOf(prefix, length);
        for (int i = prefix.length - (prefix.length > 0 ? random.nextInt(2) : 0); i < length; i++) {
            k[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return Bytes.wrap(k);
    }

    /**
     * Arrays derived from earlier ones as a leaf's writes derive them (a key inserted, one removed, a
     * split's half), never rebuilt from the keys: after every step, searches agree with a binary search of
     * the current keys, with and without the guesses prepared. Fixed-length keys and, every third repetition, keys of any length; a key outside
     * the shared prefix needs a fresh build.
     */
    @RepeatedTest(300)
    void derivedArraysAgreeWithBinarySearchAfterEveryChange(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition() * 65537L);
        int length = 1 + random.nextInt(20);
        boolean anyLength = repetition.getCurrentRepetition() % 3 == 0;
        byte[] prefix = new byte[random.nextInt(length + 1)];
        random.nextBytes(prefix);
        TreeSet<Bytes> set = new TreeSet<>();
        while (set.size() < random.nextInt(40)) {
            set.add(fixedKey(random, prefix, length));
        }
        Bytes[] initial = set.toArray(Bytes[]::new);
        long[] search = KeySearch.of(at -> initial[at], 0, initial.length);
        Bytes[] keys = initial;
        for (int step = 0; step < 200; step++) {
            int change = random.nextInt(10);
            if (change < 6) {
                Bytes key = anyLength && random.nextBoolean() ? randomKey(random, prefix) : fixedKey(random, prefix, length);
                if (!set.add(key)) {
                    continue;
                }
                int at = -Arrays.binarySearch(keys, key) - 1;
                long[] derived = KeySearch.inserted(search, at, key);
                Bytes[] now = set.toArray(Bytes[]::new);
                search = derived != null ? derived : KeySearch.of(i -> now[i], 0, now.length);
            } else if (change < 9 && !set.isEmpty()) {
                int at = random.nextInt(keys.length);
                set.remove(keys[at]);
                search = KeySearch.removed(search, at);
            } else if (keys.length > 1) {
                int half = 1 + random.nextInt(keys.length - 1);
                boolean left = random.nextBoolean();
                set = new TreeSet<>(Arrays.asList(left ? Arrays.copyOfRange(keys, 0, half) : Arrays.copyOfRange(keys, half, keys.length)));
                search = left ? KeySearch.slice(search, 0, half) : KeySearch.slice(search, half, keys.length);
            }
            keys = set.toArray(Bytes[]::new);
            Bytes[] current = keys;
            long[] guessing = KeySearch.withGuesses(search);
            for (int i = 0; i < 40; i++) {
                Bytes key = random.nextBoolean() && current.length > 0 ? current[random.nextInt(current.length)]
                        : random.nextInt(4) == 0 ? randomKey(random, prefix) : fixedKey(random, prefix, length);
                int expected = Arrays.binarySearch(current, key);
                assertThat(KeySearch.search(search, at -> current[at], 0, key)).as("step %d: search %s in %s", step, key, set)
                        .isEqualTo(expected);
                assertThat(KeySearch.search(guessing, at -> current[at], 0, key)).as("step %d, guessing: search %s", step, key)
                        .isEqualTo(expected);
            }
        }
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
