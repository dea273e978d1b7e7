package dev.sled.internal.storage;

import dev.sled.CorruptionException;
import dev.sled.internal.format.FormatVersion;
import dev.sled.internal.format.Frame;
import dev.sled.internal.format.MetaCodec;
import dev.sled.internal.format.MetaRecord;
import dev.sled.internal.io.FileIoSupport;
import dev.sled.spi.FileIo;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The commits in the segment log after the catalog's {@link MetaRecord.LogEnd}. A flush commits by
 * appending its metadata batch as a commit frame after its node frames and forcing the segment files,
 * one fsync; the catalog gets a copy afterwards, forced only now and then. So after a crash the newest
 * commits may be only in the segment log. The scan reads frames in log order (the segment at the log
 * end, then every following id; the first may have been deleted as unreferenced), checks every
 * checksum, and keeps the commits that continue the catalog's sequence; it stops at a torn frame
 * where no segment follows, at a missing segment, or at a commit out of sequence (one that an earlier
 * recovery discarded).
 */
public final class LogTail {

    /** A batch committed in the segment log, and where its commit frame ends. */
    public record Commit(List<MetaRecord> records, long end) {

        /** The node records whose frames a recovery must check before trusting the last commit. */
        public List<MetaRecord.Leaf> leaves() {
            return records.stream().filter(r -> r instanceof MetaRecord.Leaf).map(r -> (MetaRecord.Leaf) r).toList();
        }
    }

    private final List<Commit> commits;
    private final boolean sawBytes;
    private final int nextSegment;

    private LogTail(List<Commit> commits, boolean sawBytes, int nextSegment) {
        this.commits = commits;
        this.sawBytes = sawBytes;
        this.nextSegment = nextSegment;
    }

    /**
     * Scans the log from {@code logEnd} for the commits after {@code lastSequence}; {@code segmentIds}
     * are the segment files in {@code dir} ({@link SegmentStore#segmentIds}).
     */
    public static LogTail read(Path dir, FileIo io, List<Integer> segmentIds, long logEnd, long lastSequence) throws IOException {
        Set<Integer> existing = new HashSet<>(segmentIds);
        int maxId = existing.stream().mapToInt(Integer::intValue).max().orElse(0);
        int first = Location.segment(logEnd);
        List<Commit> commits = new ArrayList<>();
        boolean sawBytes = false;
        long expected = lastSequence + 1;
        for (int id = first; id <= maxId; id++) {
            if (!existing.contains(id)) {
                if (id == first) {
                    continue;
                }
                break;
            }
            Path file = dir.resolve(SegmentStore.fileName(id));
            try (FileIo.Handle h = io.open(file, false)) {
                long start = id == first ? Math.max(Location.offset(logEnd) & 0xFFFFFFFFL, FormatVersion.HEADER_SIZE) : FormatVersion.HEADER_SIZE;
                sawBytes |= h.size() > start || id != first;
                if (!validHeader(h, file) || !scan(h, file, id, start, commits, expected)) {
                    break;
                }
                expected = lastSequence + 1 + commits.size();
            }
        }
        return new LogTail(commits, sawBytes, Math.max(maxId, first) + 1);
    }

    private static boolean validHeader(FileIo.Handle h, Path file) throws IOException {
        if (h.size() < FormatVersion.HEADER_SIZE) {
            return false; // torn while being created
        }
        ByteBuffer header = ByteBuffer.allocate(FormatVersion.HEADER_SIZE);
        FileIoSupport.readFully(h, header, 0);
        FormatVersion.check(header.flip(), FormatVersion.SEGMENT_MAGIC, file);
        return true;
    }

    /**
     * Reads the frames of one segment from {@code offset}, adding commits in sequence to {@code out}.
     *
     * @return false when the scan must stop (a commit out of sequence)
     */
    private static boolean scan(FileIo.Handle h, Path file, int id, long offset, List<Commit> out, long expected) throws IOException {
        long size = h.size();
        long pos = offset;
        long next = expected;
        ByteBuffer header = ByteBuffer.allocate(Frame.HEADER);
        while (size - pos >= Frame.HEADER) {
            FileIoSupport.readFully(h, header.clear(), pos);
            int lengthField = header.getInt(0);
            int crc = header.getInt(4);
            int length = lengthField & ~Frame.COMMIT_FLAG;
            if (length == 0 || length > size - pos - Frame.HEADER) {
                return true; // torn: the rest of this segment was never completely written
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            FileIoSupport.readFully(h, body, pos + Frame.HEADER);
            if (Frame.verify(crc, body.flip()) == null) {
                return true;
            }
            pos += Frame.HEADER + length;
            if ((lengthField & Frame.COMMIT_FLAG) != 0) {
                List<MetaRecord> records = decode(body, file, pos - length - Frame.HEADER);
                if (!(records.get(records.size() - 1) instanceof MetaRecord.Commit c) || c.sequence() != next) {
                    return false;
                }
                out.add(new Commit(records, Location.of(id, (int) pos)));
                next++;
            }
        }
        return true;
    }

    private static List<MetaRecord> decode(ByteBuffer body, Path file, long offset) {
        try {
            List<MetaRecord> records = MetaCodec.decode(body);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("empty batch");
            }
            return records;
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw new CorruptionException(file, offset, "undecodable commit in the segment log (" + e.getMessage() + ")");
        }
    }

    /** The commits found, in sequence order. */
    public List<Commit> commits() {
        return commits;
    }

    /** Whether anything was written after the log end (committed or not): then recovery moves the log end. */
    public boolean sawBytes() {
        return sawBytes;
    }

    /** The first segment id after every existing one and after the log end: where the reopened log continues. */
    public int nextSegment() {
        return nextSegment;
    }
}
