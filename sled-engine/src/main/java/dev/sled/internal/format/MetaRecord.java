package dev.sled.internal.format;

import dev.sled.Bytes;

/** One change of the durable catalog, written in metadata batches (see {@link MetaCodec}). */
public sealed interface MetaRecord {

    /** A tree exists with this id and name. */
    record Tree(long treeId, Bytes name) implements MetaRecord {}

    /** A tree and all its nodes are gone. */
    record DropTree(long treeId) implements MetaRecord {}

    /**
     * Node {@code objectId} of tree {@code treeId}, covering keys from {@code lo}, is stored at
     * {@code location}, with the changes since then in a {@link LeafDelta} at {@code deltaLocation}
     * when {@code deltaLength} is positive.
     */
    record Leaf(long objectId, long treeId, Bytes lo, long location, int length, long deltaLocation, int deltaLength)
            implements MetaRecord {

        /** A node stored whole. */
        public Leaf(long objectId, long treeId, Bytes lo, long location, int length) {
            this(objectId, treeId, lo, location, length, 0, 0);
        }

        public boolean hasDelta() {
            return deltaLength > 0;
        }
    }

    /** Node {@code objectId} no longer exists. */
    record Free(long objectId) implements MetaRecord {}

    /** Every ID below {@code reservedUpTo} may have been handed out. */
    record Ids(long reservedUpTo) implements MetaRecord {}

    /**
     * Marks a batch forced at the same time as its frames rather than after them (a small flush, to
     * save one fsync's wait): recovery checks its frames, and cuts the batch if one did not reach the disk.
     */
    record FramesForcedTogether() implements MetaRecord {}

    /** Parameters fixed at creation (first record of every snapshot). */
    record Config(int segmentSize, boolean compression) implements MetaRecord {}
}
