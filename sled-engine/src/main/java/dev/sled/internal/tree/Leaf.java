package dev.sled.internal.tree;

import dev.sled.Bytes;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A leaf node's identity: a stable object id, its tree, its low key (which never changes: splits add a
 * new right sibling, merges absorb the right sibling) and its current {@link LeafData}, which is null
 * while the leaf is evicted. Writers hold {@link #lock}; readers only read {@link #data}.
 */
public final class Leaf {

    public final long id;
    public final BTree tree;
    public final Bytes lo;
    final ReentrantLock lock = new ReentrantLock();

    volatile @Nullable LeafData data;
    /**
     * The leaf to the right, whose low key is this leaf's high bound, or null for the last leaf. Set by
     * splits and merges under this leaf's lock before they publish its new bounds, so that a write that
     * finds this leaf on a stale copy of the index, after splits moved its key to the right, steps right
     * instead of searching the skip list (a B-link tree's right links).
     */
    volatile @Nullable Leaf right;
    /** Set when the leaf was merged into its left sibling or its tree was dropped; lookups retry. */
    volatile boolean dead;
    /** CLOCK reference bit for eviction. */
    volatile boolean referenced;

    /** Modification count, guarded by {@link #lock}; a flush cleans the leaf only if it is unchanged. */
    long version;
    /**
     * Where the last new key went: 1 after the last entry, -1 before the first, 0 between; guarded by
     * {@link #lock}. A split keeps an ascending (or descending) fill's leaves nearly full.
     */
    int lastInsert;
    /** Whether this leaf is waiting in the pager's dirty set; guarded by {@link #lock}. */
    boolean dirty;
    /** Whether the catalog has a stored copy of this leaf (so removing it must free that copy). */
    volatile boolean stored;
    /**
     * Keys written since the stored base image, which the next flush may write as a delta instead of
     * the whole leaf; null when it must write the whole leaf (new, split, merged, or too many changes).
     * Guarded by {@link #lock}.
     */
    private @Nullable ChangedKeys changedSinceBase;
    /**
     * Keys written since the stored first delta, which the next flush may write as a second delta; null
     * while the stored copy has no first delta. Guarded by {@link #lock}.
     */
    private @Nullable ChangedKeys changedSinceFirstDelta;
    /**
     * The stored deltas' keys of a leaf loaded from its frames, until its first write or flush turns
     * them into the two change lists above: most loaded leaves are only read, and they keep no lists
     * (hash sets of the delta keys, built at every load, once cost a tenth of a load). Guarded by
     * {@link #lock}.
     */
    private @Nullable StoredDeltaKeys loadedDeltaKeys;
    /** Whether the leaf is in the pager's eviction queue; owned by the pager. */
    public volatile boolean queued;

    Leaf(long id, BTree tree, Bytes lo, @Nullable LeafData data) {
        this.id = id;
        this.tree = tree;
        this.lo = lo;
        this.data = data;
    }

    public @Nullable LeafData data() {
        return data;
    }

    public boolean isDead() {
        return dead;
    }

    public boolean isDirty() {
        return dirty;
    }

    public long version() {
        return version;
    }

    public boolean tryLock() {
        return lock.tryLock();
    }

    /**
     * Locks the leaf for eviction unless this thread already holds it: a thread that loads leaves
     * while holding others (a commit, a merge) must never evict a leaf it is working on.
     */
    public boolean tryLockForEviction() {
        return !lock.isHeldByCurrentThread() && lock.tryLock();
    }

    public void lock() {
        lock.lock();
    }

    public void unlock() {
        lock.unlock();
    }

    public boolean isReferenced() {
        return referenced;
    }

    public void markReferenced() {
        referenced = true;
    }

    public void clearReferenced() {
        referenced = false;
    }

    /** Drops the in-memory copy; the caller holds the lock and checked that the leaf is clean and stored. */
    public void evict() {
        data = null;
    }

    /** Installs data loaded before any read asked for it; the caller holds the lock and saw no data. */
    public void install(LeafData loaded) {
        data = loaded;
    }

    /** Marks the stored copy current; the caller holds the lock. */
    public void markStored() {
        stored = true;
    }

    /**
     * Called by a flush that wrote version {@code flushedVersion}: clean unless written since.
     *
     * @return false when the leaf changed after the flush captured it, so it must be flushed again
     */
    public boolean markClean(long flushedVersion) {
        if (version == flushedVersion) {
            dirty = false;
            return true;
        }
        return false;
    }

    /**
     * Notes a write of {@code key}; a leaf of {@code entries} entries stops tracking past a quarter of them.
     * Both lists drop their repeats together, so the keys since the first delta never outnumber those since
     * the base.
     */
    void changed(Bytes key, int entries) {
        trackLoadedDeltaKeys();
        ChangedKeys changes = changedSinceBase;
        if (changes == null) {
            return;
        }
        changes.add(key);
        ChangedKeys sinceFirst = changedSinceFirstDelta;
        if (sinceFirst != null) {
            sinceFirst.add(key);
        }
        int limit = Math.max(4, entries / 4);
        if (changes.size() > limit) {
            changes.compact();
            if (changes.size() > limit) {
                needsWholeImage();
            } else if (sinceFirst != null) {
                sinceFirst.compact();
            }
        }
    }

    /** The leaf's bounds or most of its entries changed: only a whole image describes it now. */
    void needsWholeImage() {
        loadedDeltaKeys = null;
        changedSinceBase = null;
        changedSinceFirstDelta = null;
    }

    /**
     * The leaf was loaded from a base image and the deltas with these keys (null where it has no such
     * delta). Called with the lock held.
     */
    public void loadedFromFrames(Bytes @Nullable [] firstDelta, Bytes @Nullable [] secondDelta) {
        loadedDeltaKeys = new StoredDeltaKeys(firstDelta, secondDelta);
        changedSinceBase = null;
        changedSinceFirstDelta = null;
    }

    private record StoredDeltaKeys(Bytes @Nullable [] first, Bytes @Nullable [] second) {}

    /**
     * Turns the loaded deltas' keys into the change sets: every delta's keys changed since the base;
     * the second delta's since the first (none without a second delta; untracked without a first).
     */
    private void trackLoadedDeltaKeys() {
        StoredDeltaKeys loaded = loadedDeltaKeys;
        if (loaded == null) {
            return;
        }
        loadedDeltaKeys = null;
        changedSinceBase = new ChangedKeys();
        changedSinceFirstDelta = loaded.first() == null ? null : new ChangedKeys();
        if (loaded.first() != null) {
            changedSinceBase.addAll(loaded.first());
        }
        if (loaded.second() != null) {
            changedSinceBase.addAll(loaded.second());
            changedSinceFirstDelta.addAll(loaded.second());
        }
    }

    /**
     * A flush writes a dirty leaf as a delta of these keys over its stored copy: a first delta (every
     * change since the base, replacing the stored deltas) or a second one (every change since the first).
     * The keys come in write order, possibly repeated; {@link #sortedKeys} puts them in a frame's order.
     */
    public record Delta(Bytes[] keys, boolean second) {

        /** The keys in key order without repeats (sorted by the flush: its capture holds every writer off). */
        public Bytes[] sortedKeys() {
            return Arrays.copyOf(keys, ChangedKeys.sortDistinct(keys, keys.length));
        }
    }

    /**
     * Called by a flush, with writers excluded, for a dirty leaf: the delta to write, or null when it
     * writes the whole leaf, which becomes the new base. A second delta is written while it stays small
     * next to the first; past that, a new first delta folds both, so that a leaf written again and again
     * between flushes costs each flush about its own writes, and a load reads at most three frames.
     */
    public @Nullable Delta captureChanges() {
        trackLoadedDeltaKeys();
        ChangedKeys sinceBase = changedSinceBase;
        if (!stored || sinceBase == null || sinceBase.isEmpty()) {
            changedSinceBase = new ChangedKeys();
            changedSinceFirstDelta = null;
            return null;
        }
        ChangedKeys sinceFirst = changedSinceFirstDelta;
        if (sinceFirst != null && !sinceFirst.isEmpty() && isSmallNextTo(sinceFirst, sinceBase)) {
            return new Delta(sinceFirst.toArray(), true);
        }
        changedSinceFirstDelta = new ChangedKeys();
        return new Delta(sinceBase.toArray(), false);
    }

    /**
     * Whether the keys since the first delta are at most four, or a quarter of those since the base. Up to
     * four appended keys need no count; past that, both lists drop their repeats (at most a quarter of the
     * leaf's entries each, see {@link #changed}) so that repeated writes to a few keys count once.
     */
    private static boolean isSmallNextTo(ChangedKeys sinceFirst, ChangedKeys sinceBase) {
        if (sinceFirst.size() <= 4) {
            return true;
        }
        sinceFirst.compact();
        sinceBase.compact();
        return sinceFirst.size() <= Math.max(4, sinceBase.size() / 4);
    }

    public boolean isStored() {
        return stored;
    }

    @Override
    public String toString() {
        return "Leaf[" + id + ", lo=" + lo + (dead ? ", dead" : "") + "]";
    }
}
