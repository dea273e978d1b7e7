package dev.sled.etcd;

import dev.sled.SledException;

/**
 * A write, batch or transaction exceeds one of etcd's per-request limits. It is never split (that would
 * lose atomicity): nothing was written. The message names the limit, the size and how to raise it.
 */
public class RequestTooLargeException extends SledException {

    /** The etcd limit that was exceeded. */
    public enum Limit {
        /** Puts and deletes, or compares, in one transaction: {@code --max-txn-ops}, 128 by default. */
        TXN_OPERATIONS,
        /** Bytes in one request: {@code --max-request-bytes}, 1.5 MiB by default. */
        REQUEST_BYTES
    }

    private final Limit limit;
    private final long size;
    private final long maximum;

    public RequestTooLargeException(Limit limit, long size, long maximum, String message) {
        super(message);
        this.limit = limit;
        this.size = size;
        this.maximum = maximum;
    }

    public Limit limit() {
        return limit;
    }

    /** The size of the rejected request (operations or bytes), or -1 when only the server knew it. */
    public long size() {
        return size;
    }

    /** The configured maximum the request was checked against. */
    public long maximum() {
        return maximum;
    }
}
