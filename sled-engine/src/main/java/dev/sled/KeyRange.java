package dev.sled;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A range of keys with inclusive, exclusive or unbounded ends, in the tree's unsigned byte order.
 * A range whose start lies after its end is empty (it never throws), as in sled.
 *
 * <pre>{@code
 * tree.range(KeyRange.closedOpen(Bytes.of("a"), Bytes.of("m")));   // a <= k < m
 * tree.range(KeyRange.atLeast(Bytes.of("m"))).reverse();            // k >= m, descending
 * }</pre>
 */
public final class KeyRange {

    private static final KeyRange ALL = new KeyRange(null, true, null, false);

    private final @Nullable Bytes from;
    private final boolean fromInclusive;
    private final @Nullable Bytes to;
    private final boolean toInclusive;

    private KeyRange(@Nullable Bytes from, boolean fromInclusive, @Nullable Bytes to, boolean toInclusive) {
        this.from = from;
        this.fromInclusive = fromInclusive;
        this.to = to;
        this.toInclusive = toInclusive;
    }

    /** Every key. */
    public static KeyRange all() {
        return ALL;
    }

    /** {@code from <= k <= to}. */
    public static KeyRange closed(Bytes from, Bytes to) {
        return new KeyRange(req(from, "from"), true, req(to, "to"), true);
    }

    /** {@code from <= k < to}, like sled's {@code from..to}. */
    public static KeyRange closedOpen(Bytes from, Bytes to) {
        return new KeyRange(req(from, "from"), true, req(to, "to"), false);
    }

    /** {@code from < k < to}. */
    public static KeyRange open(Bytes from, Bytes to) {
        return new KeyRange(req(from, "from"), false, req(to, "to"), false);
    }

    /** {@code from < k <= to}. */
    public static KeyRange openClosed(Bytes from, Bytes to) {
        return new KeyRange(req(from, "from"), false, req(to, "to"), true);
    }

    /** {@code k >= from}. */
    public static KeyRange atLeast(Bytes from) {
        return new KeyRange(req(from, "from"), true, null, false);
    }

    /** {@code k > from}. */
    public static KeyRange greaterThan(Bytes from) {
        return new KeyRange(req(from, "from"), false, null, false);
    }

    /** {@code k <= to}. */
    public static KeyRange atMost(Bytes to) {
        return new KeyRange(null, true, req(to, "to"), true);
    }

    /** {@code k < to}. */
    public static KeyRange lessThan(Bytes to) {
        return new KeyRange(null, true, req(to, "to"), false);
    }

    /**
     * Every key starting with {@code prefix}. The end is found by dropping trailing 0xFF bytes and
     * incrementing the last remaining byte; an empty or all-0xFF prefix has no end.
     */
    public static KeyRange prefix(Bytes prefix) {
        req(prefix, "prefix");
        byte[] p = prefix.toArray();
        int n = p.length;
        while (n > 0 && p[n - 1] == (byte) 0xFF) {
            n--;
        }
        if (n == 0) {
            return new KeyRange(prefix, true, null, false);
        }
        byte[] end = java.util.Arrays.copyOf(p, n);
        end[n - 1]++;
        return new KeyRange(prefix, true, Bytes.wrap(end), false);
    }

    /** The lower end, or null when unbounded. */
    public @Nullable Bytes from() {
        return from;
    }

    public boolean fromInclusive() {
        return fromInclusive;
    }

    /** The upper end, or null when unbounded. */
    public @Nullable Bytes to() {
        return to;
    }

    public boolean toInclusive() {
        return toInclusive;
    }

    /**
     * The smallest key in the range when it is written as {@code [lower, upper)}: an exclusive start
     * {@code a} becomes {@code a + 0x00}, its immediate successor.
     */
    public Bytes lowerInclusive() {
        if (from == null) {
            return Bytes.EMPTY;
        }
        return fromInclusive ? from : successor(from);
    }

    /** The exclusive upper end in {@code [lower, upper)} form, or null when unbounded. */
    public @Nullable Bytes upperExclusive() {
        if (to == null) {
            return null;
        }
        return toInclusive ? successor(to) : to;
    }

    /** Whether {@code key} lies in this range. */
    public boolean contains(Bytes key) {
        Objects.requireNonNull(key, "key must not be null");
        Bytes upper = upperExclusive();
        return key.compareTo(lowerInclusive()) >= 0 && (upper == null || key.compareTo(upper) < 0);
    }

    /** The immediate successor of {@code key} in byte order: {@code key + 0x00}. */
    public static Bytes successor(Bytes key) {
        Objects.requireNonNull(key, "key must not be null");
        byte[] s = new byte[key.length() + 1];
        key.copyTo(s, 0);
        return Bytes.wrap(s);
    }

    private static Bytes req(Bytes b, String name) {
        return Objects.requireNonNull(b, () -> name + " must not be null (use an unbounded range instead)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRange r && fromInclusive == r.fromInclusive && toInclusive == r.toInclusive
                && Objects.equals(from, r.from) && Objects.equals(to, r.to);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, fromInclusive, to, toInclusive);
    }

    @Override
    public String toString() {
        return (from == null ? "(-inf" : (fromInclusive ? "[" : "(") + from) + ", "
                + (to == null ? "+inf)" : to + (toInclusive ? "]" : ")"));
    }
}
