package dev.sled;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A double-ended, weakly consistent iterator over a range of a tree.
 *
 * <p>It is not a snapshot: it sees some concurrent changes, but it never throws because of them, never
 * returns a key twice or out of order, never returns a torn value, and always returns a key that is
 * present for the whole iteration. {@link #next()} moves from the start, {@link #nextBack()} from the
 * end; the two ends narrow the range between them. Close it when done (try-with-resources); an
 * exhausted iterator is closed automatically.
 */
public interface SledIterator extends Iterator<KeyValue>, AutoCloseable {

    /** Whether {@link #nextBack()} would return an entry. */
    boolean hasNextBack();

    /** The largest remaining entry. */
    KeyValue nextBack();

    /** This iterator with its ends swapped: {@code next()} returns the largest remaining entry. */
    SledIterator reverse();

    /** Releases the iterator; further calls return no entries. */
    @Override
    void close();

    /** The remaining entries as a stream; closing the stream closes this iterator. */
    default Stream<KeyValue> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL), false).onClose(this::close);
    }

    /** The remaining keys. */
    default Iterator<Bytes> keys() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return SledIterator.this.hasNext();
            }

            @Override
            public Bytes next() {
                return SledIterator.this.next().key();
            }
        };
    }

    /** The remaining values. */
    default Iterator<Bytes> values() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return SledIterator.this.hasNext();
            }

            @Override
            public Bytes next() {
                return SledIterator.this.next().value();
            }
        };
    }
}
