package dev.sled.internal.tx;

import dev.sled.Bytes;
import dev.sled.internal.tree.BTree;
import org.jspecify.annotations.Nullable;

/** What commits need of a tree: its nodes and its subscribers. */
public interface TreeHandle {

    BTree btree();

    /** Delivers a committed write to the tree's subscribers; called with the key's leaf locked. */
    void publish(Bytes key, @Nullable Bytes value);
}
