package dev.sled.internal.tx;

import dev.sled.Bytes;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.SledIterator;
import dev.sled.internal.tree.BTree;
import dev.sled.internal.tree.RangeCursor;
import dev.sled.internal.tree.ReversedIterator;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A transactional scan: the tree's entries merged with the transaction's own writes, recording what
 * it read from the tree in a {@link RangeRead}. An entry is claimed by the end that looked at it first
 * ({@code hasNext} or {@code hasNextBack}).
 */
final class TxRangeIterator implements SledIterator {

    private final RangeCursor cursor;
    private final TreeMap<Bytes, Bytes> writes;
    private final RangeRead read;
    private final Runnable checkActive;
    private Bytes lower;
    private boolean lowerExclusive;
    private @Nullable Bytes upper;
    private @Nullable KeyValue peekFront;
    private @Nullable KeyValue peekBack;
    private boolean done;

    /** {@code checkActive} throws once the transaction has ended or its database closed. */
    TxRangeIterator(BTree tree, KeyRange range, TreeMap<Bytes, Bytes> writes, RangeRead read, Runnable checkActive) {
        this.cursor = new RangeCursor(tree, range, () -> { });
        this.writes = writes;
        this.read = read;
        this.checkActive = checkActive;
        this.lower = range.lowerInclusive();
        this.upper = range.upperExclusive();
    }

    private NavigableMap<Bytes, Bytes> window() {
        if (upper == null) {
            return writes.tailMap(lower, !lowerExclusive);
        }
        if (lower.compareTo(upper) >= 0) {
            return Collections.emptyNavigableMap();
        }
        return writes.subMap(lower, !lowerExclusive, upper, false);
    }

    private @Nullable KeyValue front() {
        for (;;) {
            KeyValue t = cursor.peekNext();
            Map.Entry<Bytes, Bytes> w = window().firstEntry();
            if (t == null && w == null) {
                read.frontToEnd = true;
                return null;
            }
            if (w == null || (t != null && t.key().compareTo(w.getKey()) < 0)) {
                cursor.next();
                read.seen.add(t);
                frontPassed(t.key());
                return t;
            }
            if (t != null && t.key().equals(w.getKey())) {
                cursor.next();
                read.seen.add(t);
            }
            frontPassed(w.getKey());
            Bytes v = WriteSet.valueOf(w.getValue());
            if (v != null) {
                return new KeyValue(w.getKey(), v);
            }
        }
    }

    private void frontPassed(Bytes key) {
        lower = key;
        lowerExclusive = true;
        read.frontCover = KeyRange.successor(key);
    }

    private @Nullable KeyValue back() {
        for (;;) {
            KeyValue t = cursor.peekNextBack();
            Map.Entry<Bytes, Bytes> w = window().lastEntry();
            if (t == null && w == null) {
                read.frontToEnd = true;
                return null;
            }
            if (w == null || (t != null && t.key().compareTo(w.getKey()) > 0)) {
                cursor.nextBack();
                read.seen.add(t);
                backPassed(t.key());
                return t;
            }
            if (t != null && t.key().equals(w.getKey())) {
                cursor.nextBack();
                read.seen.add(t);
            }
            backPassed(w.getKey());
            Bytes v = WriteSet.valueOf(w.getValue());
            if (v != null) {
                return new KeyValue(w.getKey(), v);
            }
        }
    }

    private void backPassed(Bytes key) {
        upper = key;
        read.backCover = key;
    }

    @Override
    public boolean hasNext() {
        if (peekFront == null && !done) {
            checkActive.run();
            peekFront = front();
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
        return kv;
    }

    @Override
    public boolean hasNextBack() {
        if (peekBack == null && !done) {
            checkActive.run();
            peekBack = back();
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
        return kv;
    }

    @Override
    public SledIterator reverse() {
        return new ReversedIterator(this);
    }

    @Override
    public void close() {
        done = true;
        peekFront = null;
        peekBack = null;
        cursor.close();
    }
}
