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
 * <p>Forward pages cost etcd O(page). Descending pages cost a read of the whole interval they are taken from
 * (etcd sorts after reading), which {@link #lastPage} narrows.
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
            RangeResponse page = lastPage(lower, backFetchTo);
            back.addAll(page.getKvsList());
            if (!page.getMore() || page.getKvsCount() == 0) {
                backExhausted = true;
            } else {
                backFetchTo = page.getKvs(page.getKvsCount() - 1).getKey();
            }
        }
    }

    /**
     * The last page of {@code [lower, upper)}. etcd answers a descending range by reading all of it and sorting,
     * so a page is first sought in suffix windows {@code [upper[0..k), upper)} that share a long prefix with
     * {@code upper}, widening k geometrically; a window holding a full page has the range's last page, since
     * the window is a suffix of the range. Only when no window is full is the whole range read. For dense keys
     * this makes every page after the first cost about one page; the first page of a scan (whose upper end
     * is the range's end, not a key) and sparse key spaces still pay for the whole range.
     */
    private RangeResponse lastPage(ByteString lower, ByteString upper) {
        for (int drop = 1; drop < upper.size(); drop *= 2) {
            ByteString start = upper.substring(0, upper.size() - drop);
            if (KeySpace.compare(start, lower) <= 0) {
                break;
            }
            RangeResponse window = descending(start, upper);
            if (window.getKvsCount() == pageSize) {
                // The range may continue below the window even when the window itself has no more.
                return window.toBuilder().setMore(true).build();
            }
        }
        return descending(lower, upper);
    }

    private RangeResponse descending(ByteString from, ByteString to) {
        return reader.apply(RangeRequest.newBuilder().setKey(from).setRangeEnd(to).setLimit(pageSize)
                .setSortOrder(RangeRequest.SortOrder.DESCEND).setSortTarget(RangeRequest.SortTarget.KEY).build());
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
