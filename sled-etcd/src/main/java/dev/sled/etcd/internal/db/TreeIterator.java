package dev.sled.etcd.internal.db;

import dev.sled.KeyValue;
import dev.sled.SledIterator;
import dev.sled.etcd.internal.kv.KeySpace;
import java.util.NoSuchElementException;

/** The entries of a {@link PagedScan} as a tree's iterator: etcd keys with the tree's prefix removed. */
final class TreeIterator implements SledIterator {

    private final PagedScan scan;
    private final int prefixLength;
    private final boolean reversed;

    TreeIterator(PagedScan scan, int prefixLength, boolean reversed) {
        this.scan = scan;
        this.prefixLength = prefixLength;
        this.reversed = reversed;
    }

    @Override
    public boolean hasNext() {
        return (reversed ? scan.peekBack() : scan.peekFront()) != null;
    }

    @Override
    public KeyValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return entry(reversed ? scan.pollBack() : scan.pollFront());
    }

    @Override
    public boolean hasNextBack() {
        return (reversed ? scan.peekFront() : scan.peekBack()) != null;
    }

    @Override
    public KeyValue nextBack() {
        if (!hasNextBack()) {
            throw new NoSuchElementException();
        }
        return entry(reversed ? scan.pollFront() : scan.pollBack());
    }

    @Override
    public SledIterator reverse() {
        return new TreeIterator(scan, prefixLength, !reversed);
    }

    @Override
    public void close() {
        scan.close();
    }

    private KeyValue entry(io.etcd.jetcd.api.KeyValue kv) {
        return new KeyValue(KeySpace.bytes(kv.getKey().substring(prefixLength)), KeySpace.bytes(kv.getValue()));
    }
}
