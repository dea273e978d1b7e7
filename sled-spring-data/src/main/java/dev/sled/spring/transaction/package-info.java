/**
 * Spring transaction management for sled: {@link dev.sled.spring.transaction.SledTransactionManager}
 * runs {@code @Transactional} methods as engine transactions, and
 * {@link dev.sled.spring.transaction.TransactionAwareSledTree} lets plain {@link dev.sled.SledTree} code join them.
 */
@NullMarked
package dev.sled.spring.transaction;

import org.jspecify.annotations.NullMarked;
