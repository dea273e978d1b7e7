package dev.sled.internal.cache;

import dev.sled.internal.tree.BTree;
import dev.sled.internal.tree.Leaf;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Loads the stored leaves of a reopened database in the background, in key order (which is mostly
 * file order), so that reads after a restart stop paying a leaf load each once the cache holds the
 * data. One pass on one daemon thread; it stops when the cache is nearly full, when the database
 * closes, or at the first failure (a read that needs the failed leaf reports the error itself).
 */
final class CacheWarmer implements Runnable {

    private final Pager pager;
    private final List<BTree> trees;
    private final BooleanSupplier stop;

    CacheWarmer(Pager pager, List<BTree> trees, BooleanSupplier stop) {
        this.pager = pager;
        this.trees = trees;
        this.stop = stop;
    }

    void start() {
        Thread t = new Thread(this, "sled-cache-warmer");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    @Override
    public void run() {
        try {
            for (BTree tree : trees) {
                for (Leaf leaf : tree.leaves()) {
                    if (stop.getAsBoolean() || !pager.warm(leaf)) {
                        return;
                    }
                    if (tree.isDropped()) {
                        break;
                    }
                }
            }
        } catch (RuntimeException e) {
            // Closed underneath us, or a damaged node: a reader of that node gets the error itself.
        }
    }
}
