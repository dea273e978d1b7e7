package dev.sled.internal.tree;

import dev.sled.KeyValue;
import dev.sled.SledIterator;

/** A double-ended iterator seen from its other end. */
public final class ReversedIterator implements SledIterator {

    private final SledIterator inner;

    public ReversedIterator(SledIterator inner) {
        this.inner = inner;
    }

    @Override
    public boolean hasNext() {
        return inner.hasNextBack();
    }

    @Override
    public KeyValue next() {
        return inner.nextBack();
    }

    @Override
    public boolean hasNextBack() {
        return inner.hasNext();
    }

    @Override
    public KeyValue nextBack() {
        return inner.next();
    }

    @Override
    public SledIterator reverse() {
        return inner;
    }

    @Override
    public void close() {
        inner.close();
    }
}
