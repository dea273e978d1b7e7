package dev.sled.etcd.internal.kv;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;

/** Builders for the protobuf compares and operations of etcd's {@code Txn}. */
public final class Ops {

    private Ops() {
    }

    /** The key's value equals {@code value} (false when the key is absent). */
    public static Compare valueEquals(ByteString key, ByteString value) {
        return Compare.newBuilder().setKey(key).setTarget(Compare.CompareTarget.VALUE)
                .setResult(Compare.CompareResult.EQUAL).setValue(value).build();
    }

    /** The key was last modified at {@code modRevision}; 0 means the key is absent. */
    public static Compare modRevisionEquals(ByteString key, long modRevision) {
        return Compare.newBuilder().setKey(key).setTarget(Compare.CompareTarget.MOD)
                .setResult(Compare.CompareResult.EQUAL).setModRevision(modRevision).build();
    }

    /** The key does not exist. */
    public static Compare absent(ByteString key) {
        return Compare.newBuilder().setKey(key).setTarget(Compare.CompareTarget.VERSION)
                .setResult(Compare.CompareResult.EQUAL).setVersion(0).build();
    }

    /**
     * No key in {@code [from, to)} was created or modified after {@code revision}. It cannot see keys
     * deleted since then (they no longer exist), so scans also compare each key they returned.
     */
    public static Compare rangeUnchangedSince(ByteString from, ByteString to, long revision) {
        return Compare.newBuilder().setKey(from).setRangeEnd(to).setTarget(Compare.CompareTarget.MOD)
                .setResult(Compare.CompareResult.LESS).setModRevision(revision + 1).build();
    }

    public static RequestOp put(ByteString key, ByteString value, boolean prevKv) {
        return RequestOp.newBuilder().setRequestPut(
                PutRequest.newBuilder().setKey(key).setValue(value).setPrevKv(prevKv)).build();
    }

    public static RequestOp delete(ByteString key, boolean prevKv) {
        return RequestOp.newBuilder().setRequestDeleteRange(
                DeleteRangeRequest.newBuilder().setKey(key).setPrevKv(prevKv)).build();
    }

    public static RequestOp deleteRange(ByteString from, ByteString to) {
        return RequestOp.newBuilder().setRequestDeleteRange(
                DeleteRangeRequest.newBuilder().setKey(from).setRangeEnd(to)).build();
    }

    public static RequestOp get(ByteString key) {
        return RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(key)).build();
    }

    public static RequestOp txn(TxnRequest nested) {
        return RequestOp.newBuilder().setRequestTxn(nested).build();
    }
}
