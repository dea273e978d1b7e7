package dev.sled.etcd.internal.txn;

import com.google.protobuf.ByteString;
import dev.sled.etcd.internal.kv.KeySpace;
import dev.sled.etcd.internal.kv.Ops;
import io.etcd.jetcd.api.RequestOp;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A transaction's buffered writes, one per etcd key (the last write wins), because etcd rejects a
 * {@code Txn} that writes a key twice ("duplicate key given in txn request"). A buffered delete is a null
 * value: an empty value is a value like any other.
 */
final class WriteSet {

    private final TreeMap<ByteString, @Nullable ByteString> writes = new TreeMap<>(KeySpace::compare);

    void put(ByteString key, ByteString value) {
        writes.put(key, value);
    }

    void delete(ByteString key) {
        writes.put(key, null);
    }

    /** Whether {@code key} has a buffered write. */
    boolean contains(ByteString key) {
        return writes.containsKey(key);
    }

    /** The buffered value of {@code key}: null when deleted (call only if {@link #contains}). */
    @Nullable ByteString value(ByteString key) {
        return writes.get(key);
    }

    /** A copy of the writes in {@code [from, to)}, for a scan to merge. */
    NavigableMap<ByteString, @Nullable ByteString> copyOf(ByteString from, ByteString to) {
        return KeySpace.compare(from, to) >= 0 ? new TreeMap<>(KeySpace::compare)
                : new TreeMap<>(writes.subMap(from, true, to, false));
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    List<RequestOp> ops() {
        List<RequestOp> ops = new ArrayList<>(writes.size());
        writes.forEach((k, v) -> ops.add(v == null ? Ops.delete(k, false) : Ops.put(k, v, false)));
        return ops;
    }
}
