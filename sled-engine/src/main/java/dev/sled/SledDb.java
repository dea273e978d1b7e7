package dev.sled;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An open database: a set of named trees sharing one storage and one cache. The database is itself its
 * default tree (named {@code __sled__default}), as sled's {@code Db} is its default {@code Tree}.
 * Thread-safe; open it once per process and share it. {@link #close()} flushes.
 *
 * <pre>{@code
 * try (SledDb db = Sled.open(Path.of("data.sled"))) {
 *     db.insert(Bytes.of("k"), Bytes.of("v"));
 *     db.flush();
 * }
 * }</pre>
 */
public interface SledDb extends SledTree, AutoCloseable {

    /** The name of the default tree. */
    String DEFAULT_TREE = "__sled__default";

    /** The first attempt that {@link #beginTransaction(int)} escalates: the one after three conflicts. */
    int ESCALATED_ATTEMPT = 4;

    /** Opens or creates the tree {@code name}; every call with the same name returns the same tree. */
    SledTree openTree(Bytes name);

    default SledTree openTree(String name) {
        return openTree(Bytes.of(Objects.requireNonNull(name, "tree name must not be null")));
    }

    /**
     * Drops a tree and its data. Returns false if it did not exist. Old handles then throw
     * {@link TreeNotFoundException}; opening the name again gives an empty tree.
     *
     * @throws IllegalArgumentException for the default tree
     */
    boolean dropTree(Bytes name);

    default boolean dropTree(String name) {
        return dropTree(Bytes.of(Objects.requireNonNull(name, "tree name must not be null")));
    }

    /** The names of every tree, the default tree included. */
    List<Bytes> treeNames();

    /**
     * A unique ID, strictly greater than every ID returned before, also across restarts and crashes
     * (IDs are reserved durably ahead of use, so after a restart there is a gap).
     */
    long generateId();

    /**
     * CRC-32 of the whole database, as sled's {@code Db::checksum}: for every tree in name order, its
     * name and then each key and value. Equal databases give equal checksums, also across an export and
     * import. For the default tree alone use {@code openTree(DEFAULT_TREE).checksum()}. Not a snapshot:
     * take it while nothing writes.
     */
    @Override
    long checksum();

    /**
     * Starts an explicit transaction, the first run of its work: {@code beginTransaction(1)}. Prefer
     * {@link #transaction(TransactionFunction)}, which runs the work again when it conflicts.
     */
    default Transaction beginTransaction() {
        return beginTransaction(1);
    }

    /**
     * Starts an explicit transaction for run number {@code attempt} of the same work, for integrations that
     * run work again themselves after a {@link TransactionConflictException} or a
     * {@linkplain Transaction#mayHaveSeenMixedView() mixed view}, as {@link #transaction(TransactionFunction)}
     * does inside. The count lets the database guarantee progress instead of letting contended work fail:
     * from attempt {@link #ESCALATED_ATTEMPT} on (after three conflicts) the transaction is
     * <em>escalated</em>. It begins once no other escalated transaction runs, and until it commits or rolls
     * back no other transaction commits (their commits wait, or conflict if they were under way), so even
     * dozens of threads updating the same keys all finish. Plain writes and batches are not held. Work that
     * does not conflict never escalates, so disjoint transactions keep committing in parallel.
     *
     * <p>End an escalated transaction promptly, on the thread that began it: until then it holds every other
     * commit. The embedded engine escalates over the whole database; a backend that several processes share
     * may hold only this process's transactions, and says so in its own documentation of this method.
     *
     * @param attempt 1 for the first run, then one more for each run that follows a conflict or a mixed view
     * @throws IllegalArgumentException if {@code attempt} is less than 1
     */
    Transaction beginTransaction(int attempt);

    /** Starts an explicit transaction that rejects writes, the first run of its work: {@code beginReadOnlyTransaction(1)}. */
    default Transaction beginReadOnlyTransaction() {
        return beginReadOnlyTransaction(1);
    }

    /**
     * Starts an explicit transaction that rejects writes, for run number {@code attempt} of the same work. A
     * read-only transaction still conflicts when a commit changes what it read, so work that runs again after
     * conflicts counts its runs here as {@link #beginTransaction(int)} does, and is escalated from attempt
     * {@link #ESCALATED_ATTEMPT} on in the same way: a reader that keeps meeting concurrent commits finishes.
     *
     * @param attempt 1 for the first run, then one more for each run that follows a conflict or a mixed view
     * @throws IllegalArgumentException if {@code attempt} is less than 1
     */
    Transaction beginReadOnlyTransaction(int attempt);

    /** The bytes used by the database's files. */
    long sizeOnDisk();

    /** Whether this open found an existing database (false when it created a new one). */
    boolean wasRecovered();

    /** Live counters and state, for health checks and metrics. Cheap: reads counters, never scans. */
    SledStats stats();

    /** The configuration this database was opened with. */
    SledConfig config();

    /**
     * Every tree with its entries, for moving data to a database of another format version. Each
     * tree's iterator must be closed (closing the stream closes them).
     */
    Stream<ExportedTree> export();

    /**
     * Inserts every entry of an export.
     *
     * @throws IllegalStateException if a key already exists (import is meant for a fresh database)
     */
    void importFrom(Stream<ExportedTree> export);

    boolean isClosed();

    /** Flushes and closes. Further calls on this database or its trees throw {@link DatabaseClosedException}. */
    @Override
    void close();

    /** One tree of an {@link #export()}. */
    record ExportedTree(Bytes name, SledIterator entries) {
        public ExportedTree {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(entries, "entries must not be null");
        }
    }
}
