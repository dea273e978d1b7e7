/**
 * sled's API on a replicated etcd v3 cluster: open a {@link dev.sled.etcd.EtcdSledDb} with
 * {@link dev.sled.etcd.EtcdSled#open(EtcdSledConfig)} and use it like an embedded {@link dev.sled.SledDb}.
 * Everything under {@code dev.sled.etcd.internal} may change without notice.
 */
@NullMarked
package dev.sled.etcd;

import org.jspecify.annotations.NullMarked;
