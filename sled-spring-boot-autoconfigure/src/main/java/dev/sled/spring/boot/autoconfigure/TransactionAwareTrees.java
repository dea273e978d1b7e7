package dev.sled.spring.boot.autoconfigure;

import dev.sled.SledDb;
import dev.sled.SledTree;
import dev.sled.spring.transaction.TransactionAwareSledTree;
import org.springframework.util.ClassUtils;

/**
 * Makes the tree beans join Spring-managed transactions when sled-spring-data is on the class path, so
 * that a tree injected into a {@code @Transactional} method reads and writes inside the transaction.
 * Without it, the trees are the engine's own.
 */
final class TransactionAwareTrees {

    private static final boolean PRESENT = ClassUtils.isPresent(
            "dev.sled.spring.transaction.TransactionAwareSledTree", TransactionAwareTrees.class.getClassLoader());

    private TransactionAwareTrees() {
    }

    static SledTree expose(SledDb db, SledTree tree) {
        return PRESENT ? Wrapper.wrap(db, tree) : tree;
    }

    /** Loaded only when sled-spring-data is present. */
    private static final class Wrapper {

        static SledTree wrap(SledDb db, SledTree tree) {
            return new TransactionAwareSledTree(db, tree);
        }
    }
}
