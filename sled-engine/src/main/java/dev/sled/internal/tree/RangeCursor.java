package dev.sled.internal.tree;

import dev.sled.Bytes;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.SledIterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * A double-ended cursor over a {@link BTree}. Each end walks immutable leaf versions and re-seeks by
 * key when it leaves one, so it is weakly consistent without locks: it never repeats or reorders keys,
 * and a key present for the whole scan is always returned. The two ends narrow a shared
 * {@code [lower, upper)} window.
 */
public final class RangeCursor implements SledIterator {

    private final BTree tree;
    /** Throws when the cursor must not go on (database closed, tree dropped); run before each step. */
    private final Runnable checkLive;
    /** Smallest key the front may still return; exclusive once the front returned it. */
    private Bytes lower;
    private boolean lowerExclusive;
    /** Exclusive bound for both ends; null means unbounded. */
    private @Nullable Bytes upper;

    private @Nullable LeafData front;
    private int frontIdx;
    /** Where the front stops in its leaf: the leaf's end, or the first key at or past {@link #upper}. */
    private int frontEnd;
    private @Nullable LeafData back;
    private int backIdx;
    private @Nullable KeyValue peekFront;
    private @Nullable KeyValue peekBack;
    private boolean done;

    public RangeCursor(BTree tree, KeyRange range, Runnable checkLive) {
        this.tree = tree;
        this.checkLive = checkLive;
        this.lower = range.lowerInclusive();
        this.upper = range.upperExclusive();
        if (upper != null && lower.compareTo(upper) >= 0) {
            done = true; // start after end: empty, as in sled
        }
    }

    @Override
    public boolean hasNext() {
        if (peekFront == null && !done) {
            checkLive.run();
            peekFront = advanceFront();
        }
        return peekFront != null;
    }

    @Override
    public KeyValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        KeyValue kv = peekFront;
        peekFront = null;
        lower = kv.key();
        lowerExclusive = true;
        peekBack = null; // the back's look-ahead may now be the same entry
        back = null;
        return kv;
    }

    /** The entry {@link #next()} would return, without consuming it; null at the end. */
    public @Nullable KeyValue peekNext() {
        return hasNext() ? peekFront : null;
    }

    /** The entry {@link #nextBack()} would return, without consuming it; null at the end. */
    public @Nullable KeyValue peekNextBack() {
        return hasNextBack() ? peekBack : null;
    }

    @Override
    public boolean hasNextBack() {
        if (peekBack == null && !done) {
            checkLive.run();
            peekBack = advanceBack();
        }
        return peekBack != null;
    }

    @Override
    public KeyValue nextBack() {
        if (!hasNextBack()) {
            throw new NoSuchElementException();
        }
        KeyValue kv = peekBack;
        peekBack = null;
        upper = kv.key();
        peekFront = null;
        front = null;
        return kv;
    }

    private @Nullable KeyValue advanceFront() {
        for (;;) {
            if (front == null) {
                front = tree.snapshotFor(lower);
                frontIdx = !lowerExclusive && front.lo.equals(lower) ? 0 : startIndex(front, lower, lowerExclusive);
                frontEnd = endIndex(front, upper);
            }
            LeafData d = front;
            if (frontIdx < frontEnd) {
                KeyValue kv = new KeyValue(d.keys[frontIdx], d.value(frontIdx));
                frontIdx++;
                return kv;
            }
            if (frontEnd < d.size() || d.hi == null || (upper != null && d.hi.compareTo(upper) >= 0)) {
                return finish();
            }
            lower = d.hi;
            lowerExclusive = false;
            front = null;
        }
    }

    private @Nullable KeyValue advanceBack() {
        for (;;) {
            if (back == null) {
                back = tree.snapshotBefore(upper);
                if (back == null) {
                    return finish();
                }
                backIdx = upper == null ? back.size() - 1 : lowerIndex(back, upper);
            }
            LeafData d = back;
            if (backIdx >= 0) {
                Bytes k = d.keys[backIdx];
                int c = k.compareTo(lower);
                if (c < 0 || (c == 0 && lowerExclusive)) {
                    return finish();
                }
                KeyValue kv = new KeyValue(k, d.value(backIdx));
                backIdx--;
                return kv;
            }
            if (d.lo.isEmpty() || d.lo.compareTo(lower) <= 0) {
                return finish();
            }
            upper = d.lo;
            if (front != null) {
                frontEnd = endIndex(front, upper);
            }
            back = null;
        }
    }

    /**
     * Index of the first key after {@code bound} (or at it, unless {@code exclusive}). The caller skips
     * this search when a scan walks into the next leaf, which starts at the bound.
     */
    private static int startIndex(LeafData d, Bytes bound, boolean exclusive) {
        int i = d.search(bound);
        return i >= 0 ? (exclusive ? i + 1 : i) : -i - 1;
    }

    /**
     * Index of the first entry at or past {@code upper}, or the leaf's size: found once per leaf, so that a
     * bounded scan compares no key with its bound per entry. Found again whenever the bound moves.
     */
    private static int endIndex(LeafData d, @Nullable Bytes upper) {
        if (upper == null || (d.hi != null && d.hi.compareTo(upper) <= 0)) {
            return d.size();
        }
        return lowerIndex(d, upper) + 1;
    }

    /** Index of the greatest key below {@code bound}, or -1. */
    private static int lowerIndex(LeafData d, Bytes bound) {
        int i = d.search(bound);
        return i >= 0 ? i - 1 : -i - 2;
    }

    private @Nullable KeyValue finish() {
        done = true;
        front = null;
        back = null;
        return null;
    }

    @Override
    public SledIterator reverse() {
        return new ReversedIterator(this);
    }

    @Override
    public void close() {
        done = true;
        front = null;
        back = null;
        peekFront = null;
        peekBack = null;
    }
}
