package dev.sled.internal.format;

import dev.sled.Bytes;

/** One change of the durable catalog, written in metadata batches (see {@link MetaCodec}). */
public sealed interface MetaRecord {

    /** A tree exists with this id and name. */
    record Tree(long treeId, Bytes name) implements MetaRecord {}

    /** A tree and all its nodes are gone. */
    record DropTree(long treeId) implements MetaRecord {}

    /** Node {@code objectId} of tree {@code treeId}, covering keys from {@code lo}, is stored in {@code frames}. */
    record Leaf(long objectId, long treeId, Bytes lo, NodeFrames frames) implements MetaRecord {}

    /** Node {@code objectId} no longer exists. */
    record Free(long objectId) implements MetaRecord {}

    /** Every ID below {@code reservedUpTo} may have been handed out. */
    record Ids(long reservedUpTo) implements MetaRecord {}

    /**
     * Ends every committed batch: batches are committed in the segment log in sequence order, and a
     * log scan applies only the batch that follows the last one it knows.
     */
    record Commit(long sequence) implements MetaRecord {}

    /**
     * In the catalog only: the segment log position after the last commit the catalog holds, where
     * recovery starts looking for later commits.
     */
    record LogEnd(long location) implements MetaRecord {}

    /** Parameters fixed at creation (first record of every snapshot). */
    record Config(int segmentSize, boolean compression) implements MetaRecord {}
}
