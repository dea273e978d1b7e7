package dev.sled.spring.data.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * For every pair a &lt; b, encode(a) &lt; encode(b) in unsigned byte order, and decode(encode(x)) == x.
 * Each repetition draws {@link #PAIRS} random pairs per type from its own seed (printed on failure),
 * with edge values (extremes, zero, NUL characters) mixed in.
 */
class KeyCodecsProperties {

    private static final KeyCodecs CODECS = KeyCodecs.defaults();
    private static final int PAIRS = 200;

    record Composite(String name, long number, Kind kind) {
    }

    enum Kind { B, A }

    @RepeatedTest(10)
    void everyCodecPreservesOrderAndRoundTrips(RepetitionInfo info) {
        long seed = 0xC0DECL * info.getCurrentRepetition();
        Random rnd = new Random(seed);
        try {
            for (int i = 0; i < PAIRS; i++) {
                check(KeyCodecs.LONG, rnd, r -> pick(r, r.nextLong(), Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L), Long::compare);
                check(KeyCodecs.INTEGER, rnd, r -> pick(r, r.nextInt(), Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1), Integer::compare);
                check(KeyCodecs.SHORT, rnd, r -> (short) r.nextInt(), Short::compare);
                check(KeyCodecs.BYTE, rnd, r -> (byte) r.nextInt(), Byte::compare);
                check(KeyCodecs.DOUBLE, rnd, r -> pick(r, (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20),
                        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -0.0), Double::compare);
                check(KeyCodecs.BOOLEAN, rnd, Random::nextBoolean, Boolean::compare);
                check(KeyCodecs.STRING, rnd, KeyCodecsProperties::text, KeyCodecsProperties::compareCodePoints);
                check(KeyCodecs.UUID_CODEC, rnd, r -> new UUID(r.nextLong(), r.nextLong()), Comparator
                        .comparing((UUID u) -> u.getMostSignificantBits(), Long::compareUnsigned)
                        .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned));
                check(KeyCodecs.INSTANT, rnd, r -> Instant.ofEpochSecond(
                        between(r, Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()), r.nextInt(1_000_000_000)),
                        Comparator.naturalOrder());
                check(KeyCodecs.LOCAL_DATE, rnd, r -> LocalDate.ofEpochDay(
                        between(r, LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())), Comparator.naturalOrder());
                check(CODECS.forType(Kind.class), rnd, r -> Kind.values()[r.nextInt(2)], Comparator.comparing(Kind::name));
                check(CODECS.forType(Composite.class), rnd,
                        r -> new Composite(text(r), r.nextInt(7) - 3, Kind.values()[r.nextInt(2)]), Comparator
                                .comparing(Composite::name, KeyCodecsProperties::compareCodePoints)
                                .thenComparingLong(Composite::number)
                                .thenComparing(c -> c.kind().name()));
                byte[] a = bytes(rnd);
                byte[] b = bytes(rnd);
                assertOrder(KeyCodecs.BYTE_ARRAY, a, b, Arrays::compareUnsigned);
                assertThat(KeyCodecs.BYTE_ARRAY.decode(KeyCodecs.BYTE_ARRAY.encode(a))).isEqualTo(a);
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }

    private static <T> void check(KeyCodec<T> codec, Random rnd, Function<Random, T> gen, Comparator<? super T> order) {
        assertOrderAndRoundTrip(codec, gen.apply(rnd), gen.apply(rnd), order);
    }

    @SafeVarargs
    private static <T> T pick(Random rnd, T random, T... edges) {
        return rnd.nextInt(8) == 0 ? edges[rnd.nextInt(edges.length)] : random;
    }

    private static long between(Random rnd, long min, long max) {
        return min + (long) (rnd.nextDouble() * ((double) max - min));
    }

    /** Unicode scalar values only (a lone surrogate has no UTF-8 form); NUL is frequent to test escaping. */
    private static String text(Random rnd) {
        int n = rnd.nextInt(7);
        int[] cps = new int[n];
        for (int i = 0; i < n; i++) {
            cps[i] = switch (rnd.nextInt(3)) {
                case 0 -> rnd.nextInt(0xD800);
                case 1 -> 0xE000 + rnd.nextInt(0x10FFFF - 0xE000 + 1);
                default -> new int[] {0, 1, 0xFF, 0xFFFF, 0x10000}[rnd.nextInt(5)];
            };
        }
        return new String(cps, 0, n);
    }

    private static byte[] bytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(6)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(3) - 1 : rnd.nextInt(256));
        }
        return b;
    }

    @Test
    void negativeNumbersSortBeforeZero() {
        assertThat(KeyCodecs.LONG.encode(-1L)).isLessThan(KeyCodecs.LONG.encode(0L));
        assertThat(KeyCodecs.INTEGER.encode(Integer.MIN_VALUE)).isLessThan(KeyCodecs.INTEGER.encode(-1));
        assertThat(KeyCodecs.DOUBLE.encode(-0.5)).isLessThan(KeyCodecs.DOUBLE.encode(0.0));
    }

    @Test
    void customCodecsCanBeRegistered() {
        KeyCodec<StringBuilder> reversed = KeyCodec.of(StringBuilder.class,
                value -> Bytes.of(value.toString()), bytes -> new StringBuilder(bytes.toUtf8String()));
        assertThat(CODECS.supports(StringBuilder.class)).isFalse();
        assertThat(CODECS.with(reversed).forType(StringBuilder.class)).isSameAs(reversed);
        assertThatThrownBy(() -> CODECS.forType(StringBuilder.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.StringBuilder").hasMessageContaining("register a KeyCodec");
    }

    @Test
    void recordComponentsMustBeSet() {
        assertThatThrownBy(() -> CODECS.forType(Composite.class).encode(new Composite(null, 1, Kind.A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'name'");
    }

    private static <T> void assertOrderAndRoundTrip(KeyCodec<T> codec, T a, T b, Comparator<? super T> order) {
        assertOrder(codec, a, b, order);
        assertThat(codec.decode(codec.encode(a))).isEqualTo(a);
        assertThat(codec.decode(codec.encode(b))).isEqualTo(b);
    }

    private static <T> void assertOrder(KeyCodec<T> codec, T a, T b, Comparator<? super T> order) {
        assertThat(Integer.signum(codec.encode(a).compareTo(codec.encode(b))))
                .as("order of %s and %s", a, b)
                .isEqualTo(Integer.signum(order.compare(a, b)));
    }

    private static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
