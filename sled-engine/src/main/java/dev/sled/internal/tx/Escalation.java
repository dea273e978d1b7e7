package dev.sled.internal.tx;

import dev.sled.SledDb;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;

/**
 * The database's escalation lock. A transaction on its {@link #appliesTo escalated} attempt holds the write
 * side from begin to end; every other transaction's commit waits while it is held, and one that took its
 * stamp before conflicts (the stamp is validated with the leaves locked), so the escalated transaction
 * finishes. Plain writes and batches do not take part. Disjoint transactions rarely conflict, so they
 * never get here and commit in parallel.
 *
 * <p>The lock belongs to a thread: a transaction that the holder's own thread commits meanwhile (Spring's
 * {@code REQUIRES_NEW} inside an escalated method) goes ahead instead of waiting for itself, and beginning
 * another escalated one there does not take the lock again.
 */
public final class Escalation {

    private final StampedLock lock = new StampedLock();
    private volatile @Nullable Thread holder;
    /** The holder's write stamp; read and written by the holder's thread only. */
    private long holderStamp;

    /** Whether run number {@code attempt} of the same work (1 for the first) holds the lock. */
    static boolean appliesTo(int attempt) {
        return attempt >= SledDb.ESCALATED_ATTEMPT;
    }

    /**
     * Takes the lock for the current thread, waiting while another thread holds it.
     *
     * @return the stamp to {@link #release} it with, or 0 if this thread already held it (its outer holder
     *     releases it)
     */
    long acquire() {
        if (holder == Thread.currentThread()) {
            return 0;
        }
        long stamp = lock.writeLock();
        holderStamp = stamp;
        holder = Thread.currentThread();
        return stamp;
    }

    void release(long stamp) {
        holder = null; // before unlocking, or it could erase the next holder
        lock.unlockWrite(stamp);
    }

    /**
     * A stamp for a commit to {@link #validate} with its leaves locked, taken when no other thread holds the
     * lock (waiting for it to be released if one does).
     */
    long awaitTurn() {
        if (holder == Thread.currentThread()) {
            return holderStamp;
        }
        long stamp = lock.tryOptimisticRead();
        while (stamp == 0) {
            lock.unlockRead(lock.readLock());
            stamp = lock.tryOptimisticRead();
        }
        return stamp;
    }

    /** Whether no other thread has escalated since {@link #awaitTurn()} returned {@code stamp}. */
    boolean validate(long stamp) {
        return lock.validate(stamp);
    }
}
