package dev.sled.internal.tx;

import dev.sled.Bytes;
import dev.sled.SledTree;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;

/** What transactions need from the database that runs them. */
public interface TxContext {

    /** The shared side of the flush-epoch gate: held while applying writes, so a flush sees all or none. */
    Lock writeGate();

    /** Held by a transaction that conflicted repeatedly, so it can finish. */
    Escalation escalation();

    int maxAttempts();

    /** Throws if the database is closed or refuses writes after a failure. */
    void checkWritable();

    void checkOpen();

    /** Throws when the calling thread is inside a write, as a merge operator is, naming {@code call}. */
    void checkNotInsideWrite(String call);

    long generateId();

    long flush();

    /** The commit-side handle of {@code tree}, which must belong to this database. */
    TreeHandle handleOf(SledTree tree);

    TransactionStats transactionStats();

    /** Rejects keys and values over the engine's limits with a message naming the size. */
    void checkSizes(Bytes key, @Nullable Bytes value);
}
