package dev.sled.etcd.internal.txn;

import com.google.protobuf.ByteString;
import dev.sled.etcd.internal.kv.KeySpace;
import dev.sled.etcd.internal.kv.Ops;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a transaction read at its snapshot revision R, turned into the compares that validate it at commit:
 * <ul>
 *   <li>every key read, by point read or scan, gets {@code mod_revision == seen} (0 when absent). This catches
 *       updates, inserts of keys seen absent, and deletes, which no range compare can see;</li>
 *   <li>every interval a scan covered gets a range compare {@code mod_revision < R+1}, which catches keys
 *       inserted into it (phantoms).</li>
 * </ul>
 * Deletes are detected by these per-key compares rather than by tombstones: it costs one compare per key a
 * scan returned (from etcd's budget of {@code --max-txn-ops}), but leaves the stored data and every plain
 * read free of tombstone filtering and garbage collection.
 */
final class ReadSet {

    private final Map<ByteString, Long> keys = new HashMap<>();
    private final List<ByteString[]> intervals = new ArrayList<>();

    void point(ByteString key, long modRevision) {
        keys.putIfAbsent(key, modRevision);
    }

    /** Records one page of a scan: the interval it covered and each key it returned. */
    void page(RangeRequest request, RangeResponse response) {
        for (KeyValue kv : response.getKvsList()) {
            keys.putIfAbsent(kv.getKey(), kv.getModRevision());
        }
        boolean partial = response.getMore() && response.getKvsCount() > 0;
        ByteString last = partial ? response.getKvs(response.getKvsCount() - 1).getKey() : null;
        if (request.getSortOrder() == RangeRequest.SortOrder.DESCEND) {
            intervals.add(new ByteString[] {partial ? last : request.getKey(), request.getRangeEnd()});
        } else {
            intervals.add(new ByteString[] {request.getKey(), partial ? KeySpace.successor(last) : request.getRangeEnd()});
        }
    }

    boolean isEmpty() {
        return keys.isEmpty() && intervals.isEmpty();
    }

    /** The compares that hold at commit only if nothing read at {@code revision} has changed since. */
    List<Compare> compares(long revision) {
        List<Compare> compares = new ArrayList<>(keys.size() + intervals.size());
        for (ByteString[] interval : merged()) {
            compares.add(Ops.rangeUnchangedSince(interval[0], interval[1], revision));
        }
        keys.forEach((key, modRevision) -> compares.add(Ops.modRevisionEquals(key, modRevision)));
        return compares;
    }

    /** Overlapping and adjacent intervals merged, so that a scan of many pages costs one range compare. */
    private List<ByteString[]> merged() {
        List<ByteString[]> sorted = new ArrayList<>(intervals);
        sorted.sort((a, b) -> KeySpace.compare(a[0], b[0]));
        List<ByteString[]> out = new ArrayList<>();
        for (ByteString[] i : sorted) {
            ByteString[] lastOut = out.isEmpty() ? null : out.get(out.size() - 1);
            if (lastOut != null && KeySpace.compare(i[0], lastOut[1]) <= 0) {
                if (KeySpace.compare(i[1], lastOut[1]) > 0) {
                    lastOut[1] = i[1];
                }
            } else {
                out.add(new ByteString[] {i[0], i[1]});
            }
        }
        return out;
    }
}
