package dev.sled.etcd.internal.db;

import com.google.protobuf.ByteString;
import dev.sled.Bytes;
import dev.sled.etcd.internal.kv.EtcdConnection;
import dev.sled.etcd.internal.kv.KeySpace;
import dev.sled.etcd.internal.kv.Ops;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The names and ids of a database's trees. Ids come from a counter advanced by compare-and-swap and are
 * never reused, so a dropped tree's handles can never see a later tree of the same name.
 */
final class TreeCatalog {

    private final EtcdConnection conn;
    private final KeySpace keys;

    TreeCatalog(EtcdConnection conn, KeySpace keys) {
        this.conn = conn;
        this.keys = keys;
    }

    /** The tree's id, if it exists. */
    OptionalLong lookup(Bytes name) {
        RangeResponse r = conn.range(RangeRequest.newBuilder().setKey(keys.treeKey(name)).build(), "open tree " + name);
        return r.getKvsCount() == 0 ? OptionalLong.empty() : OptionalLong.of(KeySpace.decodeLong(r.getKvs(0).getValue()));
    }

    /** The id of tree {@code name}, allocating one if the tree does not exist yet. */
    long openOrCreate(Bytes name) {
        ByteString treeKey = keys.treeKey(name);
        ByteString counter = keys.nextTreeIdKey();
        while (true) {
            TxnResponse read = conn.txn(TxnRequest.newBuilder().addSuccess(Ops.get(treeKey)).addSuccess(Ops.get(counter))
                    .build(), "open tree " + name, true);
            RangeResponse existing = read.getResponses(0).getResponseRange();
            if (existing.getKvsCount() == 1) {
                return KeySpace.decodeLong(existing.getKvs(0).getValue());
            }
            RangeResponse next = read.getResponses(1).getResponseRange();
            long id = next.getKvsCount() == 0 ? 1 : KeySpace.decodeLong(next.getKvs(0).getValue());
            long counterRevision = next.getKvsCount() == 0 ? 0 : next.getKvs(0).getModRevision();
            // Both compares make the allocation safe to retry: a repeat after success fails them and re-reads.
            TxnResponse created = conn.txn(TxnRequest.newBuilder()
                    .addCompare(Ops.absent(treeKey)).addCompare(Ops.modRevisionEquals(counter, counterRevision))
                    .addSuccess(Ops.put(counter, KeySpace.encodeLong(id + 1), false))
                    .addSuccess(Ops.put(treeKey, KeySpace.encodeLong(id), false))
                    .build(), "create tree " + name, true);
            if (created.getSucceeded()) {
                return id;
            }
        }
    }

    /** Deletes the catalog entry and every key of the tree in one transaction; false if it did not exist. */
    boolean drop(Bytes name, KeySpace keySpace) {
        ByteString treeKey = keys.treeKey(name);
        while (true) {
            OptionalLong id = lookup(name);
            if (id.isEmpty()) {
                return false;
            }
            ByteString prefix = keySpace.dataPrefix(id.getAsLong());
            TxnResponse r = conn.txn(TxnRequest.newBuilder()
                    .addCompare(Ops.valueEquals(treeKey, KeySpace.encodeLong(id.getAsLong())))
                    .addSuccess(Ops.delete(treeKey, false))
                    .addSuccess(Ops.deleteRange(prefix, KeySpace.prefixEnd(prefix)))
                    .build(), "drop tree " + name, false);
            if (r.getSucceeded()) {
                return true;
            }
        }
    }

    /** Every tree's id by name, in name order. */
    SortedMap<Bytes, Long> ids() {
        ByteString p = keys.treeCatalogPrefix();
        RangeResponse r = conn.range(RangeRequest.newBuilder().setKey(p).setRangeEnd(KeySpace.prefixEnd(p)).build(),
                "list trees");
        SortedMap<Bytes, Long> ids = new TreeMap<>();
        r.getKvsList().forEach(kv -> ids.put(keys.treeName(kv.getKey()), KeySpace.decodeLong(kv.getValue())));
        return ids;
    }

    List<Bytes> names() {
        ByteString p = keys.treeCatalogPrefix();
        RangeResponse r = conn.range(RangeRequest.newBuilder().setKey(p).setRangeEnd(KeySpace.prefixEnd(p))
                .setKeysOnly(true).build(), "list trees");
        List<Bytes> names = new ArrayList<>(r.getKvsCount());
        r.getKvsList().forEach(kv -> names.add(keys.treeName(kv.getKey())));
        return names;
    }
}
