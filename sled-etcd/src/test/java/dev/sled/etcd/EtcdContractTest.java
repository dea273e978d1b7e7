package dev.sled.etcd;

import dev.sled.SledContractTests;
import dev.sled.SledDb;
import dev.sled.etcd.support.SharedCluster;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine's tree API contract, run against etcd with two-entry pages so that every scan crosses pages. */
@ExtendWith(SharedCluster.class)
class EtcdContractTest extends SledContractTests {

    @Override
    protected SledDb openDb() {
        return EtcdSled.open(SharedCluster.freshConfig().pageSize(2).build());
    }
}
