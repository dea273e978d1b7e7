package dev.sled.etcd;

import dev.sled.Bytes;
import dev.sled.SledDb;
import dev.sled.Transaction;

/**
 * A {@link SledDb} stored in etcd, with access to revisions and to the cluster's state. Like every
 * {@link SledDb} it is its default tree, here an {@link EtcdSledTree}.
 */
public interface EtcdSledDb extends SledDb, EtcdSledTree {

    @Override
    EtcdSledTree openTree(Bytes name);

    @Override
    default EtcdSledTree openTree(String name) {
        return openTree(Bytes.of(name));
    }

    /**
     * {@inheritDoc}
     *
     * <p>On etcd the escalation holds the transactions of this process only: etcd has no lock that a crashed
     * client would release in time, so against other processes (other instances of an application) an
     * escalated transaction still competes by backoff.
     */
    @Override
    Transaction beginTransaction(int attempt);

    /** The cluster's current revision: every committed write increments it. */
    long currentRevision();

    /**
     * Asks every configured endpoint for its status (each bounded by the connect timeout). Use it for
     * health checks: {@link ClusterStatus#hasQuorum()} is false when writes cannot succeed.
     */
    ClusterStatus clusterStatus();

    /** The configuration this database was opened with. */
    EtcdSledConfig etcdConfig();
}
