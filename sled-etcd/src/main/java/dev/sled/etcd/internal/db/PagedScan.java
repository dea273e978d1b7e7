package dev.sled.etcd.internal.db;

import com.google.protobuf.ByteString;
import dev.sled.etcd.internal.kv.KeySpace;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import java.util.ArrayDeque;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A double-ended scan of {@code [from, to)} in etcd keys, one page per round trip from either end. The ends
 * narrow towards each other: a key returned from one end is never returned from the other, and each page
 * starts after the last key fetched at its end, so concurrent changes are seen but never produce a key
 * twice or out of order (sled's weakly consistent iteration).
 *
 * <p>Descending pages cost etcd a read of the whole remaining interval (it sorts after reading), so a
 * reverse scan is O(range) per page; forward pages are O(page).
 */
public final class PagedScan {

    private final Function<RangeRequest, RangeResponse> reader;
    private final int pageSize;
    private final ByteString from;
    private final ByteString to;
    private final ArrayDeque<KeyValue> front = new ArrayDeque<>();
    private final ArrayDeque<KeyValue> back = new ArrayDeque<>();
    private ByteString frontFetchFrom;
    private ByteString backFetchTo;
    private boolean frontExhausted;
    private boolean backExhausted;
    private @Nullable ByteString lastFront;
    private @Nullable ByteString lastBack;

    /** {@code reader} performs one range request (adding revision or consistency settings as it needs). */
    public PagedScan(Function<RangeRequest, RangeResponse> reader, int pageSize, ByteString from, ByteString to) {
        this.reader = reader;
        this.pageSize = pageSize;
        this.from = from;
        this.to = to;
        this.frontFetchFrom = from;
        this.backFetchTo = to;
        boolean empty = KeySpace.compare(from, to) >= 0;
        this.frontExhausted = empty;
        this.backExhausted = empty;
    }

    public @Nullable KeyValue peekFront() {
        while (true) {
            KeyValue head = front.peekFirst();
            if (head != null) {
                if (lastBack != null && KeySpace.compare(head.getKey(), lastBack) >= 0) {
                    front.clear();
                    frontExhausted = true;
                    return null;
                }
                return head;
            }
            if (frontExhausted) {
                return null;
            }
            ByteString upper = lastBack != null ? lastBack : to;
            if (KeySpace.compare(frontFetchFrom, upper) >= 0) {
                frontExhausted = true;
                return null;
            }
            RangeResponse page = reader.apply(RangeRequest.newBuilder().setKey(frontFetchFrom).setRangeEnd(upper)
                    .setLimit(pageSize).build());
            front.addAll(page.getKvsList());
            if (!page.getMore() || page.getKvsCount() == 0) {
                frontExhausted = true;
            } else {
                frontFetchFrom = KeySpace.successor(page.getKvs(page.getKvsCount() - 1).getKey());
            }
        }
    }

    public @Nullable KeyValue peekBack() {
        while (true) {
            KeyValue tail = back.peekFirst();
            if (tail != null) {
                if (lastFront != null && KeySpace.compare(tail.getKey(), lastFront) <= 0) {
                    back.clear();
                    backExhausted = true;
                    return null;
                }
                return tail;
            }
            if (backExhausted) {
                return null;
            }
            ByteString lower = lastFront != null ? KeySpace.successor(lastFront) : from;
            if (KeySpace.compare(lower, backFetchTo) >= 0) {
                backExhausted = true;
                return null;
            }
            RangeResponse page = reader.apply(RangeRequest.newBuilder().setKey(lower).setRangeEnd(backFetchTo)
                    .setLimit(pageSize).setSortOrder(RangeRequest.SortOrder.DESCEND)
                    .setSortTarget(RangeRequest.SortTarget.KEY).build());
            back.addAll(page.getKvsList());
            if (!page.getMore() || page.getKvsCount() == 0) {
                backExhausted = true;
            } else {
                backFetchTo = page.getKvs(page.getKvsCount() - 1).getKey();
            }
        }
    }

    /** Removes and returns the entry {@link #peekFront()} returned. */
    public KeyValue pollFront() {
        KeyValue kv = front.pollFirst();
        lastFront = kv.getKey();
        return kv;
    }

    /** Removes and returns the entry {@link #peekBack()} returned. */
    public KeyValue pollBack() {
        KeyValue kv = back.pollFirst();
        lastBack = kv.getKey();
        return kv;
    }

    /** Stops the scan: both ends report nothing more. */
    public void close() {
        front.clear();
        back.clear();
        frontExhausted = true;
        backExhausted = true;
    }
}
