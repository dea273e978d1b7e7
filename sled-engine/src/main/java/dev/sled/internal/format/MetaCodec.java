package dev.sled.internal.format;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte layout of a metadata batch body: {@code varint count, count x (u8 kind, fields as varints and
 * length-prefixed bytes)}. A batch is written inside a {@link Frame}, so it applies entirely or not at all.
 */
public final class MetaCodec {

    private static final byte TREE = 1;
    private static final byte DROP_TREE = 2;
    private static final byte LEAF = 3;
    private static final byte FREE = 4;
    private static final byte IDS = 5;
    private static final byte CONFIG = 6;
    private static final byte LEAF_WITH_DELTA = 7;
    private static final byte COMMIT = 8;
    private static final byte LOG_END = 9;
    private static final byte LEAF_WITH_DELTAS = 10;

    private MetaCodec() {
    }

    public static ByteBuffer encode(List<MetaRecord> records) {
        int size = 10;
        for (MetaRecord r : records) {
            size += 81;
            if (r instanceof MetaRecord.Tree t) {
                size += t.name().length();
            } else if (r instanceof MetaRecord.Leaf l) {
                size += l.lo().length();
            }
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        Varint.write(b, records.size());
        for (MetaRecord r : records) {
            if (r instanceof MetaRecord.Tree t) {
                b.put(TREE);
                Varint.write(b, t.treeId());
                Buffers.putLengthPrefixed(b, t.name());
            } else if (r instanceof MetaRecord.DropTree d) {
                putSingle(b, DROP_TREE, d.treeId());
            } else if (r instanceof MetaRecord.Leaf l) {
                NodeFrames frames = l.frames();
                b.put(frames.count() == 1 ? LEAF : frames.count() == 2 ? LEAF_WITH_DELTA : LEAF_WITH_DELTAS);
                Varint.write(b, l.objectId());
                Varint.write(b, l.treeId());
                Buffers.putLengthPrefixed(b, l.lo());
                for (int i = 0; i < frames.count(); i++) {
                    Varint.write(b, frames.location(i));
                    Varint.write(b, frames.length(i));
                }
            } else if (r instanceof MetaRecord.Free f) {
                putSingle(b, FREE, f.objectId());
            } else if (r instanceof MetaRecord.Ids i) {
                putSingle(b, IDS, i.reservedUpTo());
            } else if (r instanceof MetaRecord.Commit c) {
                putSingle(b, COMMIT, c.sequence());
            } else if (r instanceof MetaRecord.LogEnd e) {
                putSingle(b, LOG_END, e.location());
            } else if (r instanceof MetaRecord.Config c) {
                b.put(CONFIG);
                Varint.write(b, c.segmentSize());
                b.put((byte) (c.compression() ? 1 : 0));
            }
        }
        return b.flip();
    }

    /** Decodes a batch body; throws {@link IllegalArgumentException} or a buffer exception when malformed. */
    public static List<MetaRecord> decode(ByteBuffer b) {
        int count = Varint.readInt(b, b.remaining());
        List<MetaRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte kind = b.get();
            records.add(switch (kind) {
                case TREE -> new MetaRecord.Tree(Varint.read(b), getBytes(b));
                case DROP_TREE -> new MetaRecord.DropTree(Varint.read(b));
                case LEAF -> leaf(b, 1);
                case LEAF_WITH_DELTA -> leaf(b, 2);
                case LEAF_WITH_DELTAS -> leaf(b, 3);
                case FREE -> new MetaRecord.Free(Varint.read(b));
                case IDS -> new MetaRecord.Ids(Varint.read(b));
                case COMMIT -> new MetaRecord.Commit(Varint.read(b));
                case LOG_END -> new MetaRecord.LogEnd(Varint.read(b));
                case CONFIG -> new MetaRecord.Config(Varint.readInt(b, 1 << 30), b.get() != 0);
                default -> throw new IllegalArgumentException("unknown metadata record kind " + kind);
            });
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException(b.remaining() + " trailing bytes after " + count + " metadata records");
        }
        return records;
    }

    private static MetaRecord.Leaf leaf(ByteBuffer b, int frames) {
        long objectId = Varint.read(b);
        long treeId = Varint.read(b);
        Bytes lo = getBytes(b);
        long[] locations = new long[frames];
        int[] lengths = new int[frames];
        for (int i = 0; i < frames; i++) {
            locations[i] = Varint.read(b);
            lengths[i] = Varint.readInt(b, Integer.MAX_VALUE);
        }
        return new MetaRecord.Leaf(objectId, treeId, lo, NodeFrames.of(locations, lengths));
    }

    /** A record of one number: its kind, then the number. */
    private static void putSingle(ByteBuffer b, byte kind, long value) {
        b.put(kind);
        Varint.write(b, value);
    }

    private static Bytes getBytes(ByteBuffer b) {
        int len = Varint.readInt(b, Math.min(b.remaining(), SledConfig.MAX_KEY_SIZE + 1));
        byte[] out = new byte[len];
        b.get(out);
        return Bytes.wrap(out);
    }
}
