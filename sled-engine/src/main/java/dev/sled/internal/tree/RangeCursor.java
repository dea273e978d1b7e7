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
    /**
     * Smallest key the front may still return; exclusive once the front returned it. {@link #next()}
     * leaves it behind while the front walks a leaf (a store per entry, which would also keep the JIT
     * from dropping a packed key's new object), and {@link #settleLower()} catches up before anything
     * reads it.
     */
    private Bytes lower;
    private boolean lowerExclusive;
    /** Exclusive bound for both ends; null means unbounded. */
    private @Nullable Bytes upper;

    private @Nullable LeafData front;
    private int frontIdx;
    /** {@link #frontIdx} when {@link #lower} was last set: the front returned the entries from here on. */
    private int frontFrom;
    /** Where the front stops in its leaf: the leaf's end, or the first key at or past {@link #upper}. */
    private int frontEnd;
    /**
     * Whether {@code front[frontIdx]} is the entry {@link #next()} returns. The ends keep positions, not
     * entries: {@code next()} makes the entry, so a caller's loop that only reads it lets the JIT drop
     * the entry's objects (escape analysis) instead of allocating two per step.
     */
    private boolean frontReady;
    private @Nullable LeafData back;
    private int backIdx;
    /** Whether {@code back[backIdx]} is the entry {@link #nextBack()} returns. */
    private boolean backReady;
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
        if (!frontReady && !done) {
            checkLive.run();
            frontReady = advanceFront();
        }
        return frontReady;
    }

    @Override
    public KeyValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LeafData d = front;
        int i = frontIdx++;
        frontReady = false;
        backReady = false; // the back's look-ahead may be this entry
        back = null;
        return new KeyValue(d.key(i), d.value(i));
    }

    /** The entry {@link #next()} would return, without consuming it; null at the end. */
    public @Nullable KeyValue peekNext() {
        return hasNext() ? new KeyValue(front.key(frontIdx), front.value(frontIdx)) : null;
    }

    /** The entry {@link #nextBack()} would return, without consuming it; null at the end. */
    public @Nullable KeyValue peekNextBack() {
        return hasNextBack() ? new KeyValue(back.key(backIdx), back.value(backIdx)) : null;
    }

    @Override
    public boolean hasNextBack() {
        if (!backReady && !done) {
            checkLive.run();
            backReady = advanceBack();
        }
        return backReady;
    }

    @Override
    public KeyValue nextBack() {
        if (!hasNextBack()) {
            throw new NoSuchElementException();
        }
        LeafData d = back;
        int i = backIdx--;
        backReady = false;
        Bytes key = d.key(i);
        upper = key;
        frontReady = false;
        settleLower();
        front = null;
        return new KeyValue(key, d.value(i));
    }

    /** Moves the front to the next entry in the window; false at the end. */
    private boolean advanceFront() {
        for (;;) {
            if (front == null) {
                front = tree.snapshotFor(lower);
                frontIdx = !lowerExclusive && front.lo.equals(lower) ? 0 : startIndex(front, lower, lowerExclusive);
                frontFrom = frontIdx;
                frontEnd = endIndex(front, upper);
            }
            LeafData d = front;
            if (frontIdx < frontEnd) {
                return true;
            }
            if (frontEnd < d.size() || d.hi == null || (upper != null && d.hi.compareTo(upper) >= 0)) {
                return finish();
            }
            lower = d.hi;
            lowerExclusive = false;
            front = null;
        }
    }

    /** Catches {@link #lower} up with the entries the front returned from its current leaf. */
    private void settleLower() {
        if (front != null && frontIdx > frontFrom) {
            lower = front.key(frontIdx - 1);
            lowerExclusive = true;
            frontFrom = frontIdx;
        }
    }

    /** Moves the back to the previous entry in the window; false at the end. */
    private boolean advanceBack() {
        settleLower();
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
                int c = d.key(backIdx).compareTo(lower);
                return c > 0 || (c == 0 && !lowerExclusive) || finish();
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

    /** Ends the window; an end that is positioned on an entry still returns it. */
    private boolean finish() {
        done = true;
        if (!frontReady) {
            front = null;
        }
        if (!backReady) {
            back = null;
        }
        return false;
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
        frontReady = false;
        backReady = false;
    }
}
