package dev.sled.spring.data.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For every pair a &lt; b, encode(a) &lt; encode(b) in unsigned byte order, and decode(encode(x)) == x. */
class KeyCodecsProperties {

    private static final KeyCodecs CODECS = KeyCodecs.defaults();

    record Composite(String name, long number, Kind kind) {
    }

    enum Kind { B, A }

    @Property
    void longs(@ForAll long a, @ForAll long b) {
        assertOrderAndRoundTrip(KeyCodecs.LONG, a, b, Long::compare);
    }

    @Property
    void ints(@ForAll int a, @ForAll int b) {
        assertOrderAndRoundTrip(KeyCodecs.INTEGER, a, b, Integer::compare);
    }

    @Property
    void shorts(@ForAll short a, @ForAll short b) {
        assertOrderAndRoundTrip(KeyCodecs.SHORT, a, b, Short::compare);
    }

    @Property
    void bytes(@ForAll byte a, @ForAll byte b) {
        assertOrderAndRoundTrip(KeyCodecs.BYTE, a, b, Byte::compare);
    }

    @Property
    void doubles(@ForAll double a, @ForAll double b) {
        assertOrderAndRoundTrip(KeyCodecs.DOUBLE, a, b, Double::compare);
    }

    @Property
    void booleans(@ForAll boolean a, @ForAll boolean b) {
        assertOrderAndRoundTrip(KeyCodecs.BOOLEAN, a, b, Boolean::compare);
    }

    @Property
    void strings(@ForAll("text") String a, @ForAll("text") String b) {
        assertOrderAndRoundTrip(KeyCodecs.STRING, a, b, KeyCodecsProperties::compareCodePoints);
    }

    @Property
    void uuids(@ForAll("uuids") UUID a, @ForAll("uuids") UUID b) {
        assertOrderAndRoundTrip(KeyCodecs.UUID_CODEC, a, b, Comparator
                .comparing((UUID u) -> u.getMostSignificantBits(), Long::compareUnsigned)
                .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned));
    }

    @Property
    void instants(@ForAll("instants") Instant a, @ForAll("instants") Instant b) {
        assertOrderAndRoundTrip(KeyCodecs.INSTANT, a, b, Comparator.naturalOrder());
    }

    @Property
    void localDates(@ForAll("dates") LocalDate a, @ForAll("dates") LocalDate b) {
        assertOrderAndRoundTrip(KeyCodecs.LOCAL_DATE, a, b, Comparator.naturalOrder());
    }

    @Property
    void byteArrays(@ForAll byte[] a, @ForAll byte[] b) {
        assertOrder(KeyCodecs.BYTE_ARRAY, a, b, Arrays::compareUnsigned);
        assertThat(KeyCodecs.BYTE_ARRAY.decode(KeyCodecs.BYTE_ARRAY.encode(a))).isEqualTo(a);
    }

    @Property
    void enumsByName(@ForAll Kind a, @ForAll Kind b) {
        assertOrderAndRoundTrip(CODECS.forType(Kind.class), a, b, Comparator.comparing(Kind::name));
    }

    @Property
    void recordsComponentByComponent(@ForAll("composites") Composite a, @ForAll("composites") Composite b) {
        assertOrderAndRoundTrip(CODECS.forType(Composite.class), a, b, Comparator
                .comparing(Composite::name, KeyCodecsProperties::compareCodePoints)
                .thenComparingLong(Composite::number)
                .thenComparing(c -> c.kind().name()));
    }

    @Example
    void negativeNumbersSortBeforeZero() {
        assertThat(KeyCodecs.LONG.encode(-1L)).isLessThan(KeyCodecs.LONG.encode(0L));
        assertThat(KeyCodecs.INTEGER.encode(Integer.MIN_VALUE)).isLessThan(KeyCodecs.INTEGER.encode(-1));
        assertThat(KeyCodecs.DOUBLE.encode(-0.5)).isLessThan(KeyCodecs.DOUBLE.encode(0.0));
    }

    @Example
    void customCodecsCanBeRegistered() {
        KeyCodec<StringBuilder> reversed = KeyCodec.of(StringBuilder.class,
                value -> Bytes.of(value.toString()), bytes -> new StringBuilder(bytes.toUtf8String()));
        assertThat(CODECS.supports(StringBuilder.class)).isFalse();
        assertThat(CODECS.with(reversed).forType(StringBuilder.class)).isSameAs(reversed);
        assertThatThrownBy(() -> CODECS.forType(StringBuilder.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.StringBuilder").hasMessageContaining("register a KeyCodec");
    }

    @Example
    void recordComponentsMustBeSet() {
        assertThatThrownBy(() -> CODECS.forType(Composite.class).encode(new Composite(null, 1, Kind.A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'name'");
    }

    @Provide
    Arbitrary<String> text() {
        // Unicode scalar values only: a lone surrogate has no UTF-8 form. NUL is frequent to test escaping.
        Arbitrary<Integer> codePoints = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0xD7FF),
                Arbitraries.integers().between(0xE000, 0x10FFFF),
                Arbitraries.of(0, 1, 0xFF, 0xFFFF, 0x10000));
        return codePoints.list().ofMaxSize(6)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }

    @Provide
    Arbitrary<UUID> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()).map(LocalDate::ofEpochDay);
    }

    @Provide
    Arbitrary<Composite> composites() {
        return Combinators.combine(text(), Arbitraries.longs().between(-3, 3), Arbitraries.of(Kind.class)).as(Composite::new);
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
