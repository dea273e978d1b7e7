package dev.sled.internal.tree;

/** What a tree needs from the pager below it: loading evicted leaves and tracking dirty, resident ones. */
public interface NodeStore {

    /** Reads the stored copy of an evicted leaf; called with the leaf's lock held. */
    LeafData load(Leaf leaf);

    /** A loaded leaf's data is in place; called with the leaf's lock held. */
    void loaded(Leaf leaf, LeafData data);

    /** A fresh object id for a new leaf. */
    long newLeafId();

    /** A leaf got new data ({@code deltaBytes} more memory); called with its lock held, the first time it turns dirty too. */
    void changed(Leaf leaf, long deltaBytes, boolean becameDirty);

    /** A leaf left the tree (merged away or dropped); its stored copy, if any, must be freed. */
    void removed(Leaf leaf);

    /** {@code tree}'s stored leaves were installed at open, evicted: they may be loaded before they are read. */
    default void opened(BTree tree) {
    }

    /** Notes a read of a resident leaf, for eviction. */
    default void touched(Leaf leaf) {
        if (!leaf.referenced) {
            leaf.referenced = true;
        }
    }
}
