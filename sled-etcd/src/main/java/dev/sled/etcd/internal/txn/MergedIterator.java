package dev.sled.etcd.internal.txn;

import com.google.protobuf.ByteString;
import dev.sled.KeyValue;
import dev.sled.SledIterator;
import dev.sled.etcd.internal.db.EtcdTree;
import dev.sled.etcd.internal.db.PagedScan;
import dev.sled.etcd.internal.kv.KeySpace;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * A transaction's scan: the snapshot entries of a {@link PagedScan} merged with the transaction's own
 * buffered writes in the same interval, which win on equal keys (a buffered delete hides the entry).
 */
final class MergedIterator implements SledIterator {

    private final PagedScan server;
    private final NavigableMap<ByteString, @Nullable ByteString> overlay;
    private final EtcdTree tree;
    private final boolean reversed;

    /** {@code overlay} is this iterator's own copy; a null value marks a delete. */
    MergedIterator(PagedScan server, NavigableMap<ByteString, @Nullable ByteString> overlay, EtcdTree tree, boolean reversed) {
        this.server = server;
        this.overlay = overlay;
        this.tree = tree;
        this.reversed = reversed;
    }

    @Override
    public boolean hasNext() {
        return reversed ? peekBack() != null : peekFront() != null;
    }

    @Override
    public KeyValue next() {
        return reversed ? take(peekBack(), false) : take(peekFront(), true);
    }

    @Override
    public boolean hasNextBack() {
        return reversed ? peekFront() != null : peekBack() != null;
    }

    @Override
    public KeyValue nextBack() {
        return reversed ? take(peekFront(), true) : take(peekBack(), false);
    }

    @Override
    public SledIterator reverse() {
        return new MergedIterator(server, overlay, tree, !reversed);
    }

    @Override
    public void close() {
        server.close();
        overlay.clear();
    }

    /** The smallest visible key, after discarding buffered deletes at the front. */
    private @Nullable ByteString peekFront() {
        while (true) {
            io.etcd.jetcd.api.KeyValue s = server.peekFront();
            Map.Entry<ByteString, @Nullable ByteString> o = overlay.firstEntry();
            if (o == null) {
                return s == null ? null : s.getKey();
            }
            int c = s == null ? -1 : KeySpace.compare(o.getKey(), s.getKey());
            if (c > 0) {
                return s.getKey();
            }
            if (o.getValue() != null) {
                return o.getKey();
            }
            overlay.pollFirstEntry();
            if (c == 0) {
                server.pollFront();
            }
        }
    }

    /** The largest visible key, after discarding buffered deletes at the back. */
    private @Nullable ByteString peekBack() {
        while (true) {
            io.etcd.jetcd.api.KeyValue s = server.peekBack();
            Map.Entry<ByteString, @Nullable ByteString> o = overlay.lastEntry();
            if (o == null) {
                return s == null ? null : s.getKey();
            }
            int c = s == null ? 1 : KeySpace.compare(o.getKey(), s.getKey());
            if (c < 0) {
                return s.getKey();
            }
            if (o.getValue() != null) {
                return o.getKey();
            }
            overlay.pollLastEntry();
            if (c == 0) {
                server.pollBack();
            }
        }
    }

    private KeyValue take(@Nullable ByteString key, boolean front) {
        if (key == null) {
            throw new NoSuchElementException();
        }
        Map.Entry<ByteString, @Nullable ByteString> o = front ? overlay.firstEntry() : overlay.lastEntry();
        io.etcd.jetcd.api.KeyValue s = front ? server.peekFront() : server.peekBack();
        ByteString value;
        if (o != null && o.getKey().equals(key)) {
            value = o.getValue();
            if (front) {
                overlay.pollFirstEntry();
            } else {
                overlay.pollLastEntry();
            }
            if (s != null && s.getKey().equals(key)) {
                poll(front);
            }
        } else {
            value = poll(front).getValue();
        }
        return new KeyValue(tree.userKey(key), KeySpace.bytes(value));
    }

    private io.etcd.jetcd.api.KeyValue poll(boolean front) {
        return front ? server.pollFront() : server.pollBack();
    }
}
