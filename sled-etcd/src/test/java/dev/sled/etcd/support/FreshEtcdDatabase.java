package dev.sled.etcd.support;

import dev.sled.Bytes;
import dev.sled.etcd.EtcdSledDb;
import dev.sled.etcd.EtcdSledTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests that each run on a fresh database (its own namespace) of the shared cluster, with one tree "t". */
@ExtendWith(SharedCluster.class)
public abstract class FreshEtcdDatabase {

    protected EtcdSledDb db;
    protected EtcdSledTree tree;

    @BeforeEach
    void openFreshDatabase() {
        db = SharedCluster.openFresh();
        tree = db.openTree("t");
    }

    @AfterEach
    void closeFreshDatabase() {
        db.close();
    }

    protected static Bytes b(String s) {
        return Bytes.of(s);
    }
}
