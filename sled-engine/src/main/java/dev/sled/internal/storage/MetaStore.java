package dev.sled.internal.storage;

import dev.sled.Bytes;
import dev.sled.CorruptionException;
import dev.sled.internal.format.FormatVersion;
import dev.sled.internal.format.Frame;
import dev.sled.internal.format.MetaCodec;
import dev.sled.internal.format.MetaRecord;
import dev.sled.internal.format.NodeFrames;
import dev.sled.internal.io.FileIoSupport;
import dev.sled.spi.FileIo;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The durable catalog: which trees exist, where each node lives, how many IDs are reserved. It is a
 * snapshot file {@code meta-<gen>.snap} plus a log {@code meta-<gen>.log} of framed batches. A batch is
 * committed in the segment log first (see {@link LogTail}); its copy here is appended afterwards and
 * forced only now and then, so the catalog may lag the segment log after a crash, never lead it. When
 * the log outgrows the snapshot a new generation is written (checkpoint), so opening reads a bounded
 * amount however long the database has run. Batches are only appended by the flushing thread; lookups
 * are concurrent.
 */
public final class MetaStore implements AutoCloseable {

    /** Where a node of a tree is stored. */
    public record LeafRecord(long treeId, Bytes lo, NodeFrames frames) {

        /** Adds ({@code sign} 1) or removes ({@code sign} -1) this node's frames from their segments' live bytes. */
        void countLive(SegmentStore segments, int sign) {
            for (int i = 0; i < frames.count(); i++) {
                segments.addLive(frames.location(i), sign * frames.length(i));
            }
        }

        boolean storedIn(int[] sortedSegmentIds) {
            for (int i = 0; i < frames.count(); i++) {
                if (Arrays.binarySearch(sortedSegmentIds, Location.segment(frames.location(i))) >= 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The stored nodes of one tree: object ids and their low keys, in the same order. */
    public record TreeLeaves(long[] objectIds, Bytes[] los) {}

    private static final long MIN_CHECKPOINT_BYTES = 256 << 10;
    /** A node record's size in a snapshot, until a snapshot with nodes has measured it. */
    private static final long NODE_RECORD_GUESS = 48;
    /** Snapshots list nodes by tree and low key, so that an opening database rarely has to sort them. */
    private static final Comparator<Map.Entry<Long, LeafRecord>> STORED_ORDER =
            Comparator.<Map.Entry<Long, LeafRecord>>comparingLong(e -> e.getValue().treeId()).thenComparing(e -> e.getValue().lo());

    private final Path dir;
    private final FileIo io;
    private final Map<Long, LeafRecord> leaves;
    private final Map<Long, Bytes> trees = new ConcurrentHashMap<>();
    private long idsReserved;
    private int segmentSize;
    private boolean compression;
    private long generation;
    private FileIo.Handle log;
    private long logSize;
    private long snapshotSize;
    /** The nodes in the last snapshot, so that {@link #snapshotSize} gives a node record's size. */
    private long snapshotNodes;
    /** The sequence number of the last committed batch. */
    private long commitSequence;
    /** Where in the segment log the last commit this catalog holds ends. */
    private long logEnd = Location.of(0, 0);
    /**
     * A damaged batch followed by valid ones: harmless when the segment log holds every commit up to
     * {@link #requiredSequence} (the catalog's copies are written lazily, and a power cut may keep a later
     * page and lose an earlier one), corruption otherwise.
     */
    private @Nullable CorruptionException gap;
    private long requiredSequence;
    /** Node ids in the order recovery read them; null once the database has taken them. */
    private @Nullable List<Long> recoveryOrder;

    /** {@code expectedNodes} sizes the node map: an opening database fills it with every snapshot record at once. */
    private MetaStore(Path dir, FileIo io, int expectedNodes) {
        this.dir = dir;
        this.io = io;
        this.leaves = new ConcurrentHashMap<>(Math.max(16, expectedNodes * 4 / 3 + 1));
    }

    /** Whether a database exists in {@code dir}. */
    public static boolean exists(Path dir, FileIo io) throws IOException {
        for (String name : io.list(dir)) {
            if (name.startsWith("meta-") && name.endsWith(".snap") && parseGeneration(name) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Creates the catalog of a new, empty database. */
    public static MetaStore create(Path dir, FileIo io, int segmentSize, boolean compression) throws IOException {
        MetaStore m = new MetaStore(dir, io, 0);
        m.segmentSize = segmentSize;
        m.compression = compression;
        m.writeGeneration(1);
        return m;
    }

    /** Reads the newest snapshot and replays its log, cutting a torn last batch. */
    public static MetaStore recover(Path dir, FileIo io) throws IOException {
        long gen = -1;
        for (String name : io.list(dir)) {
            if (name.startsWith("meta-") && name.endsWith(".snap")) {
                gen = Math.max(gen, parseGeneration(name));
            }
        }
        if (gen < 0) {
            throw new IllegalStateException("no metadata snapshot in " + dir);
        }
        Path snap = dir.resolve(snapName(gen));
        List<MetaRecord> records;
        long size;
        try (FileIo.Handle h = io.open(snap, false)) {
            size = h.size();
            ByteBuffer all = ByteBuffer.allocate((int) size);
            FileIoSupport.readFully(h, all, 0);
            all.flip();
            if (size < FormatVersion.HEADER_SIZE) {
                throw new CorruptionException(snap, 0, "metadata snapshot shorter than its header");
            }
            FormatVersion.check(all, FormatVersion.META_MAGIC, snap);
            long frameOffset = all.position();
            records = readFrame(all, snap, frameOffset);
            if (records == null || all.hasRemaining()) {
                throw new CorruptionException(snap, frameOffset, "metadata snapshot checksum mismatch");
            }
        }
        MetaStore m = new MetaStore(dir, io, records.size());
        m.generation = gen;
        m.recoveryOrder = new ArrayList<>(records.size());
        records.forEach(m::apply);
        m.snapshotSize = size;
        m.snapshotNodes = m.leaves.size();
        m.replayLog();
        m.deleteOtherGenerations();
        return m;
    }

    private void replayLog() throws IOException {
        Path logFile = dir.resolve(logName(generation));
        if (!io.exists(logFile)) {
            // The checkpoint was interrupted after the snapshot's rename: start its log now.
            openNewLog(generation);
            return;
        }
        log = io.open(logFile, false);
        long size = log.size();
        ByteBuffer all = ByteBuffer.allocate((int) size);
        FileIoSupport.readFully(log, all, 0);
        all.flip();
        if (size < FormatVersion.HEADER_SIZE) {
            // Torn while being created: nothing was committed to it.
            log.truncate(0);
            FileIoSupport.writeFully(log, FormatVersion.header(FormatVersion.META_MAGIC), 0);
            log.force();
            logSize = FormatVersion.HEADER_SIZE;
            return;
        }
        FormatVersion.check(all, FormatVersion.META_MAGIC, logFile);
        long good = all.position();
        while (all.hasRemaining()) {
            int start = all.position();
            List<MetaRecord> batch = readFrame(all, logFile, start);
            if (batch == null) {
                requiredSequence = lastSequenceAfter(all, start, logFile);
                if (requiredSequence > commitSequence) {
                    gap = new CorruptionException(logFile, start, "metadata batch checksum mismatch before later valid batches"
                            + " up to commit " + requiredSequence + ", which the segment log does not hold");
                }
                break;
            }
            batch.forEach(this::apply);
            good = all.position();
        }
        logSize = good; // anything after it is cut once the log tail is adopted
    }

    /** Reads one frame at the buffer's position; null when it is torn or fails its checksum. */
    private static List<MetaRecord> readFrame(ByteBuffer all, Path file, long offset) {
        if (all.remaining() < Frame.HEADER) {
            all.position(all.limit());
            return null;
        }
        int len = all.getInt();
        int crc = all.getInt();
        // Zero is never a batch's length: it is a hole, where the power cut lost an earlier write.
        if (len <= 0 || len > all.remaining()) {
            all.position(all.limit());
            return null;
        }
        ByteBuffer body = all.slice().limit(len);
        all.position(all.position() + len);
        if (Frame.verify(crc, body.duplicate()) == null) {
            return null;
        }
        try {
            return MetaCodec.decode(body);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw new CorruptionException(file, offset, "undecodable metadata batch (" + e.getMessage() + ")");
        }
    }

    /**
     * The highest commit sequence in the valid batches that follow the bad one at {@code badStart}
     * (found by its length field), or 0 when none follows: then it is simply a torn tail.
     */
    private static long lastSequenceAfter(ByteBuffer all, int badStart, Path file) {
        ByteBuffer b = all.duplicate().position(badStart);
        if (b.remaining() < Frame.HEADER) {
            return 0;
        }
        int len = b.getInt();
        b.getInt();
        if (len <= 0 || len > b.remaining()) {
            return 0;
        }
        b.position(b.position() + len);
        long last = 0;
        for (List<MetaRecord> batch; b.hasRemaining() && (batch = readFrame(b, file, b.position())) != null; ) {
            for (MetaRecord r : batch) {
                if (r instanceof MetaRecord.Commit c) {
                    last = Math.max(last, c.sequence());
                }
            }
        }
        return last;
    }

    /** The sequence number the next committed batch takes. */
    public long nextSequence() {
        return commitSequence + 1;
    }

    /**
     * Copies a batch that is durable in the segment log, where its commit frame ends at {@code end},
     * to the catalog log (not forced: {@link #force()} when recovery should stop needing the segment
     * log's copy) and applies it, moving live-byte counts in {@code segments}.
     */
    public void committed(List<MetaRecord> batch, long end, SegmentStore segments) throws IOException {
        List<MetaRecord> copy = new ArrayList<>(batch.size() + 1);
        copy.addAll(batch);
        copy.add(new MetaRecord.LogEnd(end));
        append(copy);
        apply(copy, segments);
    }

    /**
     * Completes recovery with the commits found in the segment log after this catalog's log end: applies
     * them, fails if a damaged batch hid commits the segment log does not hold, cuts the log's invalid
     * tail, and, when anything was written after the log end, copies the commits here and moves the log
     * end to {@code nextSegment}, which the reopened log starts (its earlier bytes are then never scanned
     * again: a discarded commit there must not shadow the next one with the same sequence number).
     */
    public void adoptTail(List<LogTail.Commit> commits, boolean sawBytes, int nextSegment) throws IOException {
        List<MetaRecord> copy = new ArrayList<>();
        for (LogTail.Commit c : commits) {
            c.records().forEach(this::apply);
            copy.addAll(c.records());
        }
        if (gap != null && commitSequence < requiredSequence) {
            throw gap;
        }
        boolean cut = logSize < log.size();
        if (cut) {
            log.truncate(logSize);
        }
        if (sawBytes) {
            logEnd = Location.of(nextSegment, 0);
            copy.add(new MetaRecord.Commit(commitSequence));
            copy.add(new MetaRecord.LogEnd(logEnd));
            append(copy);
        }
        if (cut || sawBytes) {
            log.force();
        }
    }

    public long commitSequence() {
        return commitSequence;
    }

    public long logEnd() {
        return logEnd;
    }

    /** Writes {@code batch} to the log without forcing it. */
    private void append(List<MetaRecord> batch) throws IOException {
        ByteBuffer frame = Frame.wrap(MetaCodec.encode(batch));
        int len = frame.remaining();
        FileIoSupport.writeFully(log, frame, logSize);
        logSize += len;
    }

    /** Makes every appended batch durable. */
    public void force() throws IOException {
        log.force();
    }

    /** Applies a durable batch to the catalog, moving live-byte counts in {@code segments}. */
    public void apply(List<MetaRecord> batch, SegmentStore segments) {
        for (MetaRecord r : batch) {
            if (r instanceof MetaRecord.Leaf l) {
                LeafRecord old = leaves.get(l.objectId());
                if (old != null) {
                    old.countLive(segments, -1);
                }
            } else if (r instanceof MetaRecord.Free f) {
                LeafRecord old = leaves.get(f.objectId());
                if (old != null) {
                    old.countLive(segments, -1);
                }
            } else if (r instanceof MetaRecord.DropTree d) {
                for (LeafRecord old : leaves.values()) {
                    if (old.treeId() == d.treeId()) {
                        old.countLive(segments, -1);
                    }
                }
            }
            apply(r);
            if (r instanceof MetaRecord.Leaf l) {
                leaves.get(l.objectId()).countLive(segments, 1);
            }
        }
    }

    private void apply(MetaRecord r) {
        if (r instanceof MetaRecord.Leaf l) {
            LeafRecord before = leaves.put(l.objectId(), new LeafRecord(l.treeId(), l.lo(), l.frames()));
            if (before == null && recoveryOrder != null) {
                recoveryOrder.add(l.objectId()); // ids are never reused, so each is listed once
            }
        } else if (r instanceof MetaRecord.Free f) {
            leaves.remove(f.objectId());
        } else if (r instanceof MetaRecord.Tree t) {
            trees.put(t.treeId(), t.name());
        } else if (r instanceof MetaRecord.DropTree d) {
            trees.remove(d.treeId());
            leaves.values().removeIf(l -> l.treeId() == d.treeId());
        } else if (r instanceof MetaRecord.Ids i) {
            idsReserved = Math.max(idsReserved, i.reservedUpTo());
        } else if (r instanceof MetaRecord.Config c) {
            segmentSize = c.segmentSize();
            compression = c.compression();
        } else if (r instanceof MetaRecord.Commit c) {
            commitSequence = Math.max(commitSequence, c.sequence());
        } else if (r instanceof MetaRecord.LogEnd e) {
            logEnd = e.location();
        }
    }

    /**
     * Whether the log has grown enough that a checkpoint pays for itself: past twice the size of a
     * snapshot of the catalog as it is now (estimated from the last one's size per node), and past a
     * floor. Measuring against the catalog now rather than the last snapshot lets a mass delete's log,
     * which mostly frees nodes, give way to a small snapshot at once.
     */
    public boolean shouldCheckpoint() {
        long perNode = snapshotNodes > 0 ? snapshotSize / snapshotNodes : NODE_RECORD_GUESS;
        return logSize > Math.max(MIN_CHECKPOINT_BYTES, 2 * perNode * leaves.size());
    }

    /** Writes the whole catalog as a new generation and drops the old log; nothing to do when the log is empty. */
    public void checkpoint() throws IOException {
        if (logSize > FormatVersion.HEADER_SIZE) {
            writeGeneration(generation + 1);
        }
    }

    private void writeGeneration(long gen) throws IOException {
        List<MetaRecord> all = new ArrayList<>(leaves.size() + trees.size() + 2);
        all.add(new MetaRecord.Config(segmentSize, compression));
        all.add(new MetaRecord.Ids(idsReserved));
        all.add(new MetaRecord.Commit(commitSequence));
        all.add(new MetaRecord.LogEnd(logEnd));
        trees.forEach((id, name) -> all.add(new MetaRecord.Tree(id, name)));
        List<Map.Entry<Long, LeafRecord>> sorted = new ArrayList<>(leaves.entrySet());
        sorted.sort(STORED_ORDER);
        for (Map.Entry<Long, LeafRecord> e : sorted) {
            LeafRecord l = e.getValue();
            all.add(new MetaRecord.Leaf(e.getKey(), l.treeId(), l.lo(), l.frames()));
        }
        ByteBuffer frame = Frame.wrap(MetaCodec.encode(all));
        Path tmp = dir.resolve(snapName(gen) + ".tmp");
        try (FileIo.Handle h = io.open(tmp, true)) {
            h.truncate(0);
            FileIoSupport.writeFully(h, FormatVersion.header(FormatVersion.META_MAGIC), 0);
            FileIoSupport.writeFully(h, frame, FormatVersion.HEADER_SIZE);
            h.force();
            snapshotSize = h.size();
            snapshotNodes = sorted.size();
        }
        io.rename(tmp, dir.resolve(snapName(gen)));
        FileIo.Handle old = log;
        openNewLog(gen);
        generation = gen;
        if (old != null) {
            old.close();
        }
        deleteOtherGenerations();
    }

    private void openNewLog(long gen) throws IOException {
        Path logFile = dir.resolve(logName(gen));
        FileIo.Handle h = io.open(logFile, true);
        h.truncate(0);
        FileIoSupport.writeFully(h, FormatVersion.header(FormatVersion.META_MAGIC), 0);
        h.force();
        io.syncDirectory(dir);
        log = h;
        logSize = FormatVersion.HEADER_SIZE;
    }

    private void deleteOtherGenerations() throws IOException {
        for (String name : io.list(dir)) {
            // A name without a generation is not ours: leave it alone.
            if (name.startsWith("meta-") && parseGeneration(name) >= 0 && (name.endsWith(".tmp")
                    || ((name.endsWith(".snap") || name.endsWith(".log")) && parseGeneration(name) != generation))) {
                io.delete(dir.resolve(name));
            }
        }
    }

    private static long parseGeneration(String name) {
        int dot = name.indexOf('.');
        try {
            return Long.parseLong(name.substring(5, dot), 16);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String snapName(long gen) {
        return FileNames.padded("meta-", Long.toHexString(gen), 16, ".snap");
    }

    private static String logName(long gen) {
        return FileNames.padded("meta-", Long.toHexString(gen), 16, ".log");
    }

    public LeafRecord leaf(long objectId) {
        return leaves.get(objectId);
    }

    /**
     * Every stored node, grouped by tree id, in the order recovery read them (sorted by low key within
     * each tree, up to the nodes the log changed since the last checkpoint). Called once, when opening.
     */
    public Map<Long, TreeLeaves> leavesByTree() {
        Iterable<Long> order = recoveryOrder != null ? recoveryOrder : leaves.keySet();
        recoveryOrder = null;
        Map<Long, List<Long>> ids = new HashMap<>();
        for (Long id : order) {
            LeafRecord l = leaves.get(id);
            if (l != null) {
                ids.computeIfAbsent(l.treeId(), k -> new ArrayList<>()).add(id);
            }
        }
        Map<Long, TreeLeaves> out = new HashMap<>();
        ids.forEach((tree, list) -> {
            long[] objectIds = new long[list.size()];
            Bytes[] los = new Bytes[list.size()];
            for (int i = 0; i < objectIds.length; i++) {
                objectIds[i] = list.get(i);
                los[i] = leaves.get(objectIds[i]).lo();
            }
            out.put(tree, new TreeLeaves(objectIds, los));
        });
        return out;
    }

    /** Node ids with a stored frame in one of {@code segments}, in one pass over the catalog. */
    public List<Long> leavesIn(Collection<Integer> segments) {
        if (segments.isEmpty()) {
            return List.of();
        }
        // A sorted array: a set of boxed ids made this scan of every node cost milliseconds.
        int[] wanted = segments.stream().mapToInt(Integer::intValue).sorted().toArray();
        List<Long> out = new ArrayList<>();
        leaves.forEach((id, l) -> {
            if (l.storedIn(wanted)) {
                out.add(id);
            }
        });
        return out;
    }

    /** The live bytes of every segment the catalog references; called once, when opening. */
    public Map<Integer, Long> liveBytesBySegment() {
        Map<Integer, Long> live = new HashMap<>();
        for (LeafRecord l : leaves.values()) {
            NodeFrames f = l.frames();
            for (int i = 0; i < f.count(); i++) {
                live.merge(Location.segment(f.location(i)), (long) f.length(i), Long::sum);
            }
        }
        return live;
    }

    public Map<Long, Bytes> trees() {
        return Map.copyOf(trees);
    }

    public long idsReserved() {
        return idsReserved;
    }

    public int segmentSize() {
        return segmentSize;
    }

    public boolean compression() {
        return compression;
    }

    public long diskBytes() {
        return logSize + snapshotSize;
    }

    @Override
    public void close() throws IOException {
        if (log != null) {
            log.close();
        }
    }
}
