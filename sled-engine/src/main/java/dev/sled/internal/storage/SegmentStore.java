package dev.sled.internal.storage;

import dev.sled.CorruptionException;
import dev.sled.StorageException;
import dev.sled.internal.format.FormatVersion;
import dev.sled.internal.format.Frame;
import dev.sled.internal.io.FileIoSupport;
import dev.sled.spi.FileIo;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The node log: fixed-size, append-only segment files {@code seg-<id>.dat}, each starting with a format
 * header and holding {@link Frame}s. Live data is never overwritten: a node is rewritten elsewhere and
 * the old copy becomes garbage, counted per segment so that mostly-dead segments can be compacted and
 * empty ones deleted. Each flush ends with a commit frame (its metadata batch, see {@link LogTail}).
 * Segments are appended to in id order, and a reopened store starts a new segment. Appends happen only
 * inside a flush (one thread at a time); reads are concurrent.
 */
public final class SegmentStore implements AutoCloseable {

    /**
     * A small sync writes zeros this far past the log's end in its segment, so that the next small syncs
     * overwrite in place: on ext4 an fdatasync that grows the file also commits the journal (here, 512-byte
     * synced writes took ~320 µs appending and ~195 µs overwriting). Recovery reads zeros as the log's end.
     */
    private static final int ZERO_AHEAD = 64 << 10;
    /** Syncs of up to this many new bytes count as small: larger ones grow the file anyway. */
    private static final int SMALL_SYNC = 16 << 10;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZERO_AHEAD).asReadOnlyBuffer();

    private final Path dir;
    private final FileIo io;
    private final int segmentSize;
    private final Map<Integer, Segment> segments = new ConcurrentHashMap<>();

    private Segment current;
    private int writeOffset;
    private int nextSegmentId = 1;
    /** Frames appended but not yet written: they end at {@link #writeOffset} of {@link #current}. */
    private final ByteBuffer pending = ByteBuffer.allocate(1 << 20);
    private final List<Segment> touched = new ArrayList<>();
    private boolean createdFiles;
    /** Bytes appended since opening. */
    private long appended;
    /** {@link #appended} at the last sync. */
    private long appendedAtSync;
    /** Whether a segment's live bytes have fallen to zero since {@link #emptySegments} last looked. */
    private boolean someEmptied;
    /** Where the current segment file ends: after its last frame, or after the zeros written past it. */
    private int fileEnd;

    /** One segment file and its live byte count. */
    static final class Segment {
        final int id;
        final Path file;
        final FileIo.Handle handle;
        final AtomicLong live = new AtomicLong();
        volatile int size;

        Segment(int id, Path file, FileIo.Handle handle, int size) {
            this.id = id;
            this.file = file;
            this.handle = handle;
            this.size = size;
        }
    }

    public SegmentStore(Path dir, FileIo io, int segmentSize) {
        this.dir = dir;
        this.io = io;
        this.segmentSize = segmentSize;
    }

    public static String fileName(int id) {
        return FileNames.padded("seg-", Integer.toString(id), 8, ".dat");
    }

    /** Opens the existing segment files named in {@code ids}; call before any append. */
    public void openExisting(Iterable<Integer> ids) throws IOException {
        for (int id : ids) {
            Path file = dir.resolve(fileName(id));
            if (!io.exists(file)) {
                throw new CorruptionException(file, 0, "segment file referenced by the metadata is missing");
            }
            FileIo.Handle h = io.open(file, false);
            ByteBuffer header = ByteBuffer.allocate(FormatVersion.HEADER_SIZE);
            try {
                FileIoSupport.readFully(h, header, 0);
            } catch (EOFException e) {
                h.close();
                throw new CorruptionException(file, 0, "segment file is shorter than its header");
            }
            FormatVersion.check(header.flip(), FormatVersion.SEGMENT_MAGIC, file);
            segments.put(id, new Segment(id, file, h, (int) Math.min(Integer.MAX_VALUE, h.size())));
        }
    }

    /** Ids of every segment file in {@code dir}, referenced or not. */
    public static List<Integer> segmentIds(FileIo io, Path dir) throws IOException {
        List<Integer> ids = new ArrayList<>();
        for (String name : io.list(dir)) {
            if (name.startsWith("seg-") && name.endsWith(".dat")) {
                try {
                    ids.add(Integer.parseInt(name.substring(4, name.length() - 4)));
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        }
        return ids;
    }

    /**
     * Makes new segments take ids above every file in {@code existing} and above {@code logEndSegment},
     * the one holding the catalog's log end, even if that file was deleted: a reused id would put new
     * frames where recovery expects old offsets.
     */
    public void continueAfter(List<Integer> existing, int logEndSegment) {
        for (int id : existing) {
            nextSegmentId = Math.max(nextSegmentId, id + 1);
        }
        nextSegmentId = Math.max(nextSegmentId, logEndSegment + 1);
    }

    /**
     * Deletes a segment file that holds no referenced data (leftovers of an interrupted flush). A file
     * with a foreign header is not deleted: it fails the open with {@link dev.sled.FormatVersionException}.
     */
    public void deleteUnreferenced(int id) throws IOException {
        Path file = dir.resolve(fileName(id));
        try (FileIo.Handle h = io.open(file, false)) {
            if (h.size() >= FormatVersion.HEADER_SIZE) {
                ByteBuffer header = ByteBuffer.allocate(FormatVersion.HEADER_SIZE);
                FileIoSupport.readFully(h, header, 0);
                if (header.getLong(0) != 0) { // a zero (or short) header: created just before a power cut
                    FormatVersion.check(header.flip(), FormatVersion.SEGMENT_MAGIC, file);
                }
            }
        }
        io.delete(file);
    }

    /**
     * Appends a frame to the log (buffered until {@link #sync()}) and returns its location. A frame
     * larger than a segment gets a segment of its own.
     */
    public long append(ByteBuffer frame) throws IOException {
        int len = frame.remaining();
        if (current == null || (long) writeOffset + len > current.size) {
            if (current != null) {
                seal();
            }
            if (nextSegmentId == Integer.MAX_VALUE) {
                // Locations hold a segment id of 31 bits; recovery scans the ids in ascending order.
                throw new StorageException("the database in " + dir + " has used all " + Integer.MAX_VALUE
                        + " segment ids; export() it and importFrom() into a new database");
            }
            current = createSegment(nextSegmentId++, len);
            writeOffset = FormatVersion.HEADER_SIZE;
            fileEnd = writeOffset;
        }
        long location = Location.of(current.id, writeOffset);
        if (len > pending.capacity()) {
            writePending();
            FileIoSupport.writeFully(current.handle, frame, writeOffset);
        } else {
            if (pending.remaining() < len) {
                writePending();
            }
            pending.put(frame);
        }
        writeOffset += len;
        appended += len;
        return location;
    }

    /** Bytes appended since opening: how far the log has moved. */
    public long appendedBytes() {
        return appended;
    }

    private Segment createSegment(int id, int firstFrame) throws IOException {
        Path file = dir.resolve(fileName(id));
        FileIo.Handle h = io.open(file, true);
        FileIoSupport.writeFully(h, FormatVersion.header(FormatVersion.SEGMENT_MAGIC), 0);
        int capacity = Math.max(segmentSize, FormatVersion.HEADER_SIZE + firstFrame);
        Segment s = new Segment(id, file, h, capacity);
        segments.put(id, s);
        touched.add(s);
        createdFiles = true;
        return s;
    }

    private void writePending() throws IOException {
        if (pending.position() == 0) {
            return;
        }
        int start = writeOffset - pending.position();
        pending.flip();
        FileIoSupport.writeFully(current.handle, pending, start);
        pending.clear();
        touchCurrent();
    }

    /** Notes that the current segment has writes the next sync must force. */
    private void touchCurrent() {
        if (!touched.contains(current)) {
            touched.add(current);
        }
    }

    /** Writes buffered frames and makes every appended byte durable (files, then the directory). */
    public void sync() throws IOException {
        writePending();
        if (current != null && appended - appendedAtSync <= SMALL_SYNC && writeOffset + SMALL_SYNC > fileEnd) {
            zeroAhead();
        }
        appendedAtSync = appended;
        for (Segment s : touched) {
            s.handle.force();
        }
        touched.clear();
        if (createdFiles) {
            io.syncDirectory(dir);
            createdFiles = false;
        }
    }

    private void zeroAhead() throws IOException {
        int from = Math.max(writeOffset, fileEnd);
        int to = Math.min(current.size, writeOffset + ZERO_AHEAD);
        if (to > from) {
            FileIoSupport.writeFully(current.handle, ZEROS.duplicate().limit(to - from), from);
            fileEnd = to;
            touchCurrent();
        }
    }

    /** Reads and verifies the frame at {@code location}, returning its body. */
    public ByteBuffer read(long location, int length) throws IOException {
        Segment s = segments.get(Location.segment(location));
        if (s == null) {
            throw new NoSuchSegmentException(location);
        }
        long offset = Location.offset(location) & 0xFFFFFFFFL;
        ByteBuffer frame = ByteBuffer.allocate(length);
        try {
            FileIoSupport.readFully(s.handle, frame, offset);
        } catch (EOFException e) {
            throw new CorruptionException(s.file, offset, "node of " + length + " bytes runs past the end of the file");
        } catch (ClosedChannelException e) {
            throw new NoSuchSegmentException(location);
        }
        frame.flip();
        int bodyLength = frame.getInt();
        int crc = frame.getInt();
        if (bodyLength != length - Frame.HEADER || Frame.verify(crc, frame.duplicate()) == null) {
            throw new CorruptionException(s.file, offset, "node checksum mismatch");
        }
        return frame.slice();
    }

    public Path fileOf(long location) {
        return dir.resolve(fileName(Location.segment(location)));
    }

    /** Counts {@code length} more (or, when negative, fewer) live bytes in the segment of {@code location}. */
    public void addLive(long location, int length) {
        Segment s = segments.get(Location.segment(location));
        if (s != null && s.live.addAndGet(length) <= 0) {
            someEmptied = true;
        }
    }

    /**
     * Segments other than the one being appended to whose live fraction is below {@code threshold}:
     * compaction candidates (empty ones included).
     */
    public List<Integer> sparseSegments(double threshold) {
        return segmentsWhere(s -> s.live.get() < threshold * payload(s));
    }

    /**
     * Whether the segments other than the one being appended to are, together, less than
     * {@code threshold} live. Cold data that never changes keeps its segments full, so in a large
     * database this stays false while its few hot segments churn.
     */
    public boolean sparseOverall(double threshold) {
        long live = 0;
        long payload = 0;
        for (Segment s : segments.values()) {
            if (s != current) {
                live += s.live.get();
                payload += payload(s);
            }
        }
        return live < threshold * payload;
    }

    private static long payload(Segment s) {
        return Math.max(1, s.size - FormatVersion.HEADER_SIZE);
    }

    /**
     * Segments other than the one being appended to that hold no live frame, deleting which copies
     * nothing; looked for only when a segment has emptied since the last call, so that a flush does not
     * walk every segment of a large database.
     */
    public List<Integer> emptySegments() {
        if (!someEmptied) {
            return List.of();
        }
        someEmptied = false;
        return segmentsWhere(s -> s.live.get() <= 0);
    }

    private List<Integer> segmentsWhere(Predicate<Segment> test) {
        List<Integer> out = new ArrayList<>();
        for (Segment s : segments.values()) {
            if (s != current && test.test(s)) {
                out.add(s.id);
            }
        }
        return out;
    }

    /** Sets the live bytes of the opened segments, as counted from the catalog; called once, when opening. */
    public void countLive(Map<Integer, Long> live) {
        live.forEach((id, bytes) -> {
            Segment s = segments.get(id);
            if (s != null) {
                s.live.set(bytes);
            }
        });
    }

    public long liveBytes(int segment) {
        Segment s = segments.get(segment);
        return s == null ? 0 : s.live.get();
    }

    /** Deletes a segment with no live data; only call once no durable metadata references it. */
    public void delete(int id) throws IOException {
        Segment s = segments.remove(id);
        if (s != null) {
            s.handle.close();
            io.delete(s.file);
        }
    }

    /** The bytes of every segment file. */
    public long diskBytes() {
        long total = 0;
        for (Segment s : segments.values()) {
            try {
                total += s.handle.size();
            } catch (IOException e) {
                total += s.size;
            }
        }
        return total;
    }

    /** Bytes of frames in the segment being appended to (0 before the first append). */
    public long tailWritten() {
        return current == null ? 0 : writeOffset - FormatVersion.HEADER_SIZE;
    }

    /** Live bytes in the segment being appended to. */
    public long tailLive() {
        return current == null ? 0 : current.live.get();
    }

    /**
     * Ends the segment being appended to, which then counts among the compaction candidates, and cuts the
     * zeros written past its frames; the next append starts a new segment.
     *
     * @return the ended segment's id
     */
    public int roll() throws IOException {
        int id = current.id;
        seal();
        current = null;
        return id;
    }

    /**
     * Ends appends to the current segment: its size becomes what its frames use. The room left behind a
     * frame that did not fit is not garbage, and counting it as such made every segment of a fill with
     * large leaves and small segments look sparse (5 leaves of 11 KiB in 64 KiB: 87% live), so that
     * compaction copied them over and over into segments packed no better.
     */
    private void seal() throws IOException {
        writePending();
        trimZeros();
        current.size = writeOffset;
    }

    /** Cuts the zeros written past the log's end off the current segment file, when it is sealed or closed cleanly. */
    public void trimZeros() throws IOException {
        if (current != null && fileEnd > writeOffset && segments.containsKey(current.id)) {
            writePending();
            current.handle.truncate(writeOffset);
            fileEnd = writeOffset;
        }
    }

    @Override
    public void close() {
        for (Segment s : segments.values()) {
            try {
                s.handle.close();
            } catch (IOException ignored) {
                // closing after the final flush; nothing left to lose
            }
        }
        segments.clear();
    }

    /** The segment was compacted away while a reader looked it up; the reader retries with the new location. */
    public static final class NoSuchSegmentException extends StorageException {
        NoSuchSegmentException(long location) {
            super("no segment for " + Location.toString(location));
        }
    }
}
