package dev.sled.spring.data.core;

import dev.sled.Bytes;
import dev.sled.KeyRange;
import org.jspecify.annotations.Nullable;

/**
 * A key range in {@code [lower, upper)} form, which makes intersections and keyset resumption simple
 * comparisons. A null upper end is unbounded; a span whose lower end is not below its upper end is empty.
 *
 * @param lower the smallest key in the span
 * @param upper the first key after the span, or null
 */
public record KeySpan(Bytes lower, @Nullable Bytes upper) {

    /** Every key. */
    public static final KeySpan ALL = new KeySpan(Bytes.EMPTY, null);

    public static KeySpan of(KeyRange range) {
        return new KeySpan(range.lowerInclusive(), range.upperExclusive());
    }

    /** Every key that starts with {@code prefix}. */
    public static KeySpan prefix(Bytes prefix) {
        return of(KeyRange.prefix(prefix));
    }

    /** Keys in both spans. */
    public KeySpan intersect(KeySpan other) {
        Bytes newLower = lower.compareTo(other.lower) >= 0 ? lower : other.lower;
        Bytes newUpper = upper == null ? other.upper
                : other.upper == null || upper.compareTo(other.upper) <= 0 ? upper : other.upper;
        return new KeySpan(newLower, newUpper);
    }

    /** The keys of this span after {@code key}. */
    public KeySpan after(Bytes key) {
        return intersect(new KeySpan(KeyRange.successor(key), null));
    }

    /** The keys of this span before {@code key}. */
    public KeySpan before(Bytes key) {
        return intersect(new KeySpan(Bytes.EMPTY, key));
    }

    public boolean isEmpty() {
        return upper != null && lower.compareTo(upper) >= 0;
    }

    public KeyRange toKeyRange() {
        return upper == null ? KeyRange.atLeast(lower) : KeyRange.closedOpen(lower, upper);
    }
}
