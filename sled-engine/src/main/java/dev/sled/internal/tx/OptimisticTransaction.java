package dev.sled.internal.tx;

import dev.sled.Bytes;
import dev.sled.SledTree;
import dev.sled.Transaction;
import dev.sled.TransactionConflictException;
import dev.sled.TransactionMisuseException;
import dev.sled.TransactionalTree;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;

/**
 * An optimistic, serializable transaction over any trees of one database. Reads go straight to the
 * trees and are recorded; writes are buffered. {@link #commit()} locks the leaves covering everything
 * read or written, checks that every read value and scanned interval is unchanged, and applies the
 * writes under the flush gate, so the commit is atomic for readers and across a crash.
 */
public final class OptimisticTransaction implements Transaction {

    private final TxContext db;
    private final boolean readOnly;
    private final Map<SledTree, TxTree> views = new IdentityHashMap<>();
    private final Thread owner = Thread.currentThread();
    private State state = State.ACTIVE;
    private boolean flushOnCommit;
    /** The stamp of the escalation lock while this transaction holds it (no other commits meanwhile), else 0. */
    private long escalation;

    /**
     * Begins run number {@code attempt} (from 1) of some work; a run after repeated conflicts
     * {@link Escalation escalates}, waiting until no other thread holds the escalation lock.
     */
    public OptimisticTransaction(TxContext db, boolean readOnly, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        db.checkNotInsideWrite("a transaction");
        this.db = db;
        this.readOnly = readOnly;
        this.escalation = Escalation.appliesTo(attempt) ? db.escalation().acquire() : 0;
    }

    @Override
    public TransactionalTree tree(SledTree tree) {
        Objects.requireNonNull(tree, "tree must not be null");
        checkActive();
        return views.computeIfAbsent(tree, t -> new TxTree(this, db.handleOf(t), t));
    }

    @Override
    public long generateId() {
        checkActive();
        return db.generateId();
    }

    @Override
    public void flushOnCommit() {
        checkActive();
        flushOnCommit = true;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public void commit() {
        checkActive();
        try {
            commitWork();
        } finally {
            endEscalation();
        }
    }

    private void commitWork() {
        List<Committer.TreeWork> work = new ArrayList<>();
        boolean writes = false;
        for (TxTree v : views.values()) {
            if (v.hasWork()) {
                work.add(new Committer.TreeWork(v.handle, v.reads, v.ranges, v.writes));
                writes |= !v.writes.isEmpty();
            }
        }
        if (work.isEmpty()) {
            state = State.COMMITTED;
            db.transactionStats().commits.increment();
            return;
        }
        if (writes) {
            db.checkWritable();
        } else {
            db.checkOpen();
        }
        db.checkNotInsideWrite("a transaction's commit");
        long stamp = db.escalation().awaitTurn();
        boolean ok;
        Lock gate = db.writeGate();
        gate.lock();
        try {
            db.checkOpen();
            ok = Committer.commit(work, () -> db.escalation().validate(stamp));
        } finally {
            gate.unlock();
        }
        if (!ok) {
            state = State.ROLLED_BACK;
            db.transactionStats().conflicts.increment();
            throw new TransactionConflictException("transaction conflict: a concurrent commit changed data this transaction read; "
                    + "nothing was written, run it again");
        }
        state = State.COMMITTED;
        db.transactionStats().commits.increment();
        if (flushOnCommit) {
            db.flush();
        }
    }

    /**
     * Checks every value and interval read against the trees, under the leaves' locks, as a commit does.
     * Reads go straight to the trees, so a body can see one key before and another after a concurrent
     * commit; under sled's locking it never sees such a mix. Read sets are kept after a rollback, so this
     * can be asked then too.
     */
    @Override
    public boolean mayHaveSeenMixedView() {
        List<Committer.TreeWork> work = new ArrayList<>();
        for (TxTree v : views.values()) {
            if (!v.reads.isEmpty() || !v.ranges.isEmpty()) {
                work.add(new Committer.TreeWork(v.handle, v.reads, v.ranges, new WriteSet()));
            }
        }
        if (work.isEmpty()) {
            return false;
        }
        Lock gate = db.writeGate();
        gate.lock();
        try {
            db.checkOpen();
            return !Committer.commit(work, () -> true);
        } finally {
            gate.unlock();
        }
    }

    private void endEscalation() {
        if (escalation != 0) {
            db.escalation().release(escalation);
            escalation = 0;
        }
    }

    @Override
    public void rollback() {
        if (state == State.ACTIVE) {
            state = State.ROLLED_BACK;
            endEscalation();
        }
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public void close() {
        rollback();
    }

    /** Throws unless this transaction is active, used by its own thread, and its database open. */
    void checkActive() {
        if (state != State.ACTIVE) {
            throw new TransactionMisuseException("transaction already " + state.name().toLowerCase().replace('_', ' '));
        }
        if (Thread.currentThread() != owner) {
            throw new TransactionMisuseException("a transaction belongs to the thread that began it (" + owner.getName() + ")");
        }
        db.checkOpen();
    }

    TransactionStats stats() {
        return db.transactionStats();
    }

    void checkWritable() {
        TxTree.requireWritable(readOnly);
    }

    void checkSizes(Bytes key, @Nullable Bytes value) {
        db.checkSizes(key, value);
    }

    @Override
    public String toString() {
        return "Transaction[" + state + (readOnly ? ", read-only" : "") + ", " + views.size() + " trees]";
    }
}
