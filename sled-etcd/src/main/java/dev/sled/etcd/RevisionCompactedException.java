package dev.sled.etcd;

import dev.sled.StorageException;

/**
 * A read or watch asked for a revision that etcd's compaction has already discarded. Transactions
 * retry it like a conflict; subscribers report it once and continue (see {@link EtcdSubscriber}).
 */
public class RevisionCompactedException extends StorageException {
    private final long compactRevision;

    public RevisionCompactedException(String message, long compactRevision, Throwable cause) {
        super(message, cause);
        this.compactRevision = compactRevision;
    }

    /** The oldest revision still available, or 0 when the server did not say. */
    public long compactRevision() {
        return compactRevision;
    }
}
