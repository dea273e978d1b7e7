package dev.sled.spring.boot.etcd;

import dev.sled.etcd.support.SharedClusterExtension;

/**
 * One etcd member for this module's tests on the etcd backend (client port 25791, peer port 25801: clear of
 * sled-etcd's 24791-24881), started once per test run. Without the etcd binary the tests using it are
 * skipped, or fail under {@code -Dsled.etcd.required=true}. Each test class uses a namespace of its own.
 */
public final class BootEtcdCluster extends SharedClusterExtension {

    /** The member's client URL, for {@code sled.etcd.endpoints}. */
    public static final String ENDPOINT = "http://127.0.0.1:25791";

    public BootEtcdCluster() {
        super(1, 25791, 25801);
    }
}
