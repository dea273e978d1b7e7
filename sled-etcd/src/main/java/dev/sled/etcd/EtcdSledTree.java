package dev.sled.etcd;

import dev.sled.Bytes;
import dev.sled.SledTree;

/** A {@link SledTree} stored in etcd. Its subscribers can resume from a revision. */
public interface EtcdSledTree extends SledTree {

    /** Subscribes to changes from now on (from the revision after the current one, so nothing is missed). */
    @Override
    EtcdSubscriber watchPrefix(Bytes prefix);

    /**
     * Subscribes to the changes committed at {@code fromRevision} and later, for example
     * {@link EtcdSubscriber#revision()} + 1 of a previous subscriber. If that revision has been compacted,
     * the subscriber first throws {@link RevisionCompactedException} from {@code next()} and then continues
     * with the changes from the compaction point on.
     */
    EtcdSubscriber watchPrefix(Bytes prefix, long fromRevision);
}
