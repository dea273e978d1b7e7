package dev.sled.internal.tree;

import dev.sled.Bytes;
import dev.sled.StorageException;
import dev.sled.TreeNotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One tree's nodes: a concurrent skip list from each leaf's low key to the leaf (the index, always in
 * memory: one entry per leaf) over copy-on-write leaves (paged in and out by the {@link NodeStore}).
 *
 * <p>Readers never lock: they find the leaf whose low key is the floor of the key, read its current
 * {@link LeafData} and check that it still covers the key (a concurrent split or merge makes them
 * retry). Writers lock the leaf, publish a new version, then split an overfull leaf (the new right
 * sibling enters the index before the left half shrinks, so keys are always reachable) or merge an
 * underfull one into its left sibling.
 */
public final class BTree {

    private final long id;
    /** Replaced only by {@link #addStored}, before the tree is shared. */
    private ConcurrentSkipListMap<Bytes, Leaf> index = new ConcurrentSkipListMap<>();
    private final NodeStore store;
    private final int maxEntries;
    private final long maxBytes;
    private final String displayName;
    private volatile boolean dropped;
    /**
     * The read-optimized copy of {@link #index}, null until lookups have paid for the first copy. It may
     * be stale: every leaf it names is checked. It is dropped once splits and merges since the copy reach
     * a sixteenth of its leaves, and the next lookup copies the index again.
     */
    private volatile @Nullable IndexSnapshot snapshot;
    /** Index changes so far: a snapshot taken with no change since needs no check of the leaf it names. */
    private final AtomicLong structureChanges = new AtomicLong();
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    /** Lookups without a snapshot, up to the first copy (racy on purpose: an estimate is enough). */
    private int lookupsWithoutSnapshot;
    /**
     * The leaf the last write found without the snapshot, tried first by the next write: an ascending
     * (or descending) fill splits its leaf every few dozen writes, which keeps the snapshot stale, and
     * would otherwise search the skip list on every write. Written only when it changes.
     */
    private final AtomicReference<@Nullable Leaf> writeHint = new AtomicReference<>();

    public BTree(long id, String displayName, NodeStore store, int maxEntries, int maxBytes) {
        this.id = id;
        this.displayName = displayName;
        this.store = store;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    public long id() {
        return id;
    }

    /** Right links a write follows from a stale index copy's leaf before it searches the index. */
    private static final int MAX_STEPS_RIGHT = 16;
    /** Retries of a lookup that keeps missing; concurrent splits and merges cause only a few. */
    private static final int MAX_RETRIES = 1_000_000;

    /** Counts a lookup retry; a lookup that never settles means the node structure is damaged. */
    private void retried(int attempt, Bytes key) {
        if (attempt > MAX_RETRIES) {
            throw new StorageException("tree " + displayName + " has no node covering key " + key
                    + ": its node structure is damaged; restore from a backup or export what is readable");
        }
        Thread.onSpinWait();
    }

    /** Adds the first, empty leaf of a new tree; it is dirty until the next flush. */
    public void initEmpty() {
        Leaf leaf = new Leaf(store.newLeafId(), this, Bytes.EMPTY, null);
        LeafData empty = LeafData.empty(Bytes.EMPTY, null);
        leaf.lock();
        try {
            leaf.data = empty;
            leaf.dirty = true;
            index.put(Bytes.EMPTY, leaf);
            structureChanged();
            store.changed(leaf, empty.bytes, true);
        } finally {
            leaf.unlock();
        }
    }

    /**
     * Installs the stored, not yet loaded leaves of an opening database, given as object ids and low
     * keys, mostly in key order already (the catalog's snapshot keeps them sorted), so that sorting
     * costs little and the index is built in one linear pass.
     *
     * @throws IllegalStateException when two leaves claim the same low key
     */
    public void addStored(long[] objectIds, Bytes[] los) {
        Integer[] order = new Integer[los.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> los[a].compareTo(los[b]));
        Bytes[] keys = new Bytes[order.length];
        Leaf[] leaves = new Leaf[order.length];
        for (int i = 0; i < order.length; i++) {
            keys[i] = los[order[i]];
            if (i > 0 && keys[i].equals(keys[i - 1])) {
                throw new IllegalStateException("two stored nodes of tree " + displayName + " start at key " + keys[i]);
            }
            leaves[i] = new Leaf(objectIds[order[i]], this, keys[i], null);
            leaves[i].stored = true;
            if (i > 0) {
                leaves[i - 1].right = leaves[i];
            }
        }
        index = new ConcurrentSkipListMap<>(new SortedArrayMap<>(keys, leaves));
        structureChanged();
        store.opened(this);
    }

    /** The leaves in key order, weakly consistent with concurrent splits and merges. */
    public Iterable<Leaf> leaves() {
        return index.values();
    }

    /** Marks the tree dropped: every later operation throws {@link TreeNotFoundException}. */
    public List<Leaf> drop() {
        dropped = true;
        List<Leaf> leaves = new ArrayList<>(index.values());
        for (Leaf l : leaves) {
            l.dead = true;
        }
        index.clear();
        structureChanged();
        snapshot = null;
        return leaves;
    }

    public boolean isDropped() {
        return dropped;
    }

    public void checkNotDropped() {
        if (dropped) {
            throw new TreeNotFoundException("tree " + displayName + " was dropped; open it again to get a new, empty tree");
        }
    }

    /** The leaf's data, loading it if evicted. */
    LeafData resident(Leaf leaf) {
        LeafData d = leaf.data;
        if (d == null) {
            leaf.lock();
            try {
                d = residentLocked(leaf);
            } finally {
                leaf.unlock();
            }
        }
        store.touched(leaf);
        return d;
    }

    private LeafData residentLocked(Leaf leaf) {
        LeafData d = leaf.data;
        if (d == null) {
            d = store.load(leaf);
            leaf.data = d;
            store.loaded(leaf, d);
        }
        return d;
    }

    // ---- the index snapshot ----

    /**
     * Counts a split or merge, and drops a snapshot it makes too stale: besides sending lookups to the
     * skip list, a stale copy keeps the leaves that merges removed, and their data, out of the cache's
     * reach.
     */
    private void structureChanged() {
        long changes = structureChanges.incrementAndGet();
        IndexSnapshot s = snapshot;
        if (s != null && s.staleAt(changes)) {
            snapshot = null;
        }
    }

    /** A leaf that probably covers {@code key}, from the snapshot, or null; callers must check it. */
    private @Nullable Leaf candidate(Bytes key) {
        return candidate(snapshot, key);
    }

    private @Nullable Leaf candidate(@Nullable IndexSnapshot s, Bytes key) {
        if (s == null) {
            // The first copy once lookups have paid for it (a tree that is opened and closed never
            // copies); after that, a copy as soon as a lookup finds none. The count stops there, so
            // that years of lookups during copies cannot wrap it round and stop the copying.
            if (lookupsWithoutSnapshot > 64 || ++lookupsWithoutSnapshot > 64) {
                rebuildSnapshot();
            }
            return null;
        }
        Leaf leaf = s.floor(key);
        return leaf != null && !leaf.dead ? leaf : null;
    }

    /** Copies the index; one that raced with a split or merge is installed too (see {@link IndexSnapshot#of}). */
    private void rebuildSnapshot() {
        if (!rebuilding.compareAndSet(false, true)) {
            return;
        }
        try {
            snapshot = IndexSnapshot.of(index, structureChanges);
        } finally {
            rebuilding.set(false);
        }
    }

    // ---- lock-free reads ----

    /** The current version of the leaf covering {@code key}. */
    public LeafData snapshotFor(Bytes key) {
        checkNotDropped();
        IndexSnapshot s = snapshot;
        Leaf guess = candidate(s, key);
        if (guess != null) {
            LeafData d = resident(guess);
            // With no split or merge since the snapshot was taken (read after the version: a finished
            // one has changed the count), its floor leaf covers the key and the bounds need no check.
            if (!guess.dead && (s.exactAt(structureChanges.get()) || d.isBelowHigh(key))) {
                return d;
            }
        }
        for (int attempt = 0; ; attempt++) {
            checkNotDropped();
            Map.Entry<Bytes, Leaf> e = index.floorEntry(key);
            if (e == null) {
                continue; // dropped concurrently; the check above throws
            }
            Leaf leaf = e.getValue();
            LeafData d = resident(leaf);
            if (!leaf.dead && d.isBelowHigh(key)) {
                return d;
            }
            retried(attempt, key);
        }
    }

    /**
     * The current version of the leaf holding the keys just below {@code upper} (exclusive; null means
     * the end of the tree), or null when nothing can lie below it.
     */
    public @Nullable LeafData snapshotBefore(@Nullable Bytes upper) {
        for (int attempt = 0; ; attempt++) {
            checkNotDropped();
            Map.Entry<Bytes, Leaf> e = upper == null ? index.lastEntry() : index.lowerEntry(upper);
            if (e == null) {
                if (upper != null && upper.isEmpty()) {
                    return null;
                }
                continue;
            }
            Leaf leaf = e.getValue();
            LeafData d = resident(leaf);
            boolean covers = upper == null ? d.hi == null : (d.hi == null || upper.compareTo(d.hi) <= 0);
            if (!leaf.dead && covers) {
                return d;
            }
            retried(attempt, upper == null ? Bytes.EMPTY : upper);
        }
    }

    public @Nullable Bytes get(Bytes key) {
        return snapshotFor(key).get(key);
    }

    // ---- writes (callers hold the epoch gate's shared side) ----

    /** Locks and returns the resident leaf covering {@code key}. */
    public Leaf lockFor(Bytes key) {
        checkNotDropped();
        Leaf hint = writeHint.getAcquire();
        if (hint != null && covers(hint, key)) {
            Leaf found = lockCovering(hint, key);
            if (found != null) {
                return found;
            }
        }
        Leaf guess = candidate(key);
        if (guess != null) {
            Leaf found = lockCovering(guess, key);
            if (found != null) {
                return found;
            }
        }
        for (int attempt = 0; ; attempt++) {
            checkNotDropped();
            Map.Entry<Bytes, Leaf> e = index.floorEntry(key);
            if (e == null) {
                continue;
            }
            Leaf found = lockCovering(e.getValue(), key);
            if (found != null) {
                if (hint != found) {
                    writeHint.setRelease(found);
                }
                return found;
            }
            retried(attempt, key);
        }
    }

    /**
     * Locks and returns {@code leaf}, whose low key is not above {@code key} (it was found by that key,
     * which never changes, so only its high bound needs checking), or the leaf a few right links on that
     * covers {@code key}: where splits since the caller found it moved the key. Null when a merge removed
     * a leaf on the way or the walk grows long; the caller then searches the index (again).
     */
    private @Nullable Leaf lockCovering(Leaf leaf, Bytes key) {
        for (int step = 0; step < MAX_STEPS_RIGHT; step++) {
            leaf.lock();
            if (leaf.dead) {
                leaf.unlock();
                return null;
            }
            if (residentLocked(leaf).isBelowHigh(key)) {
                return leaf;
            }
            Leaf next = leaf.right; // its low key is this leaf's high bound, which is not above the key
            leaf.unlock();
            if (next == null) {
                return null;
            }
            leaf = next;
        }
        return null;
    }

    /** The leaf currently covering {@code key}, unlocked (a hint for ordering locks; verify after locking). */
    public Leaf leafFor(Bytes key) {
        checkNotDropped();
        Leaf guess = candidate(key);
        if (guess != null) {
            LeafData d = guess.data;
            if (d != null && d.isBelowHigh(key)) {
                return guess;
            }
        }
        for (;;) {
            checkNotDropped();
            Map.Entry<Bytes, Leaf> e = index.floorEntry(key);
            if (e != null) {
                return e.getValue();
            }
        }
    }

    /** The leaves overlapping {@code [lo, hi)} in key order, unlocked (a hint; verify after locking). */
    public List<Leaf> leavesFor(Bytes lo, @Nullable Bytes hi) {
        checkNotDropped();
        List<Leaf> out = new ArrayList<>();
        Bytes start = index.floorKey(lo);
        Map<Bytes, Leaf> span = hi == null ? index.tailMap(start == null ? lo : start, true)
                : index.subMap(start == null ? lo : start, true, hi, false);
        out.addAll(span.values());
        return out;
    }

    /** Whether the locked {@code leaf} is alive and covers {@code key}. */
    public static boolean covers(Leaf leaf, Bytes key) {
        LeafData d = leaf.data;
        return !leaf.dead && d != null && d.covers(key);
    }

    /** The current value of {@code key} in the locked {@code leaf}. */
    public @Nullable Bytes valueIn(Leaf leaf, Bytes key) {
        return residentLocked(leaf).get(key);
    }

    /** The locked leaf's resident data. */
    public LeafData dataOf(Leaf leaf) {
        return residentLocked(leaf);
    }

    /**
     * Where {@code key} is in the locked {@code leaf}: its index, or {@code -(insertion point) - 1}. A write
     * reads the current value and stores the new one with this one search; it stays valid while the lock
     * is held and nothing is written.
     */
    public int positionOf(Leaf leaf, Bytes key) {
        return residentLocked(leaf).search(key);
    }

    /** The value at {@code position} (from {@link #positionOf}) in the locked leaf, or null where it is absent. */
    public @Nullable Bytes valueAt(Leaf leaf, int position) {
        return position >= 0 ? residentLocked(leaf).value(position) : null;
    }

    /**
     * Sets {@code key}, found at {@code idx} by {@link #positionOf}, to {@code value} (null removes)
     * in the locked {@code leaf}, without rebalancing.
     */
    public void put(Leaf leaf, Bytes key, int idx, @Nullable Bytes value) {
        LeafData d = residentLocked(leaf);
        if (value == null) {
            if (idx >= 0) {
                publish(leaf, d.without(idx));
                leaf.changed(key, d.size());
            }
        } else {
            if (idx < 0) {
                int at = -idx - 1;
                leaf.lastInsert = at == d.size() ? 1 : at == 0 ? -1 : 0;
            }
            publish(leaf, d.with(idx, key, value));
            leaf.changed(key, d.size());
        }
    }

    private void publish(Leaf leaf, LeafData next) {
        LeafData old = leaf.data;
        leaf.data = next;
        leaf.version++;
        boolean became = !leaf.dirty;
        leaf.dirty = true;
        store.changed(leaf, next.bytes - (old == null ? 0 : old.bytes), became);
    }

    /** Splits an overfull or merges an underfull locked leaf. New leaves are unlocked on return. */
    public void rebalance(Leaf leaf) {
        if (leaf.dead) {
            return;
        }
        LeafData d = residentLocked(leaf);
        if (d.size() > maxEntries || (d.bytes > maxBytes && d.size() > 1)) {
            split(leaf, d);
        } else if (d.size() < maxEntries / 4 && !leaf.lo.isEmpty()) {
            mergeIntoLeft(leaf, d);
        }
    }

    private void split(Leaf leaf, LeafData d) {
        int at = splitPoint(leaf, d);
        Bytes sep = LeafData.separator(d.key(at - 1), d.key(at));
        LeafData rightData = d.rightOf(at, sep);
        Leaf right = new Leaf(store.newLeafId(), this, sep, null);
        right.right = leaf.right;
        right.lock();
        try {
            leaf.right = right; // before the left leaf's narrowed bounds are published
            right.data = rightData;
            right.dirty = true;
            right.version = 1;
            store.changed(right, rightData.bytes, true);
            index.put(sep, right);
            structureChanged();
            publish(leaf, d.leftOf(at, sep));
            leaf.needsWholeImage();
            rebalance(right);
        } finally {
            right.unlock();
        }
        rebalance(leaf);
    }

    /**
     * Splits by count, or by bytes when a few large values dominate. A leaf that overflowed at one end
     * keeps 7/8 of its entries on the other side: an ascending fill leaves full leaves behind instead of
     * half-full ones, which halves the leaves (and the index, and the catalog) of sequentially written data.
     */
    private int splitPoint(Leaf leaf, LeafData d) {
        int n = d.size();
        if (n > maxEntries) {
            int edge = Math.max(1, n / 8);
            return leaf.lastInsert > 0 ? n - edge : leaf.lastInsert < 0 ? edge : n / 2;
        }
        long half = d.bytes / 2;
        long acc = 0;
        for (int i = 0; i < n - 1; i++) {
            acc += d.key(i).length() + d.value(i).length();
            if (acc >= half) {
                return i + 1;
            }
        }
        return n - 1;
    }

    private void mergeIntoLeft(Leaf leaf, LeafData d) {
        Map.Entry<Bytes, Leaf> e = index.lowerEntry(leaf.lo);
        if (e == null) {
            return;
        }
        Leaf left = e.getValue();
        if (!left.tryLock()) {
            return; // contended: a later write retries; an underfull leaf is still correct
        }
        try {
            if (left.dead) {
                return;
            }
            LeafData ld = residentLocked(left);
            if (ld.hi == null || !ld.hi.equals(leaf.lo)
                    || ld.size() + d.size() > maxEntries * 3 / 4 || ld.bytes + d.bytes > maxBytes) {
                return;
            }
            left.right = leaf.right; // before the left leaf's grown bounds are published
            publish(left, ld.mergedWith(d));
            left.needsWholeImage();
            leaf.dead = true;
            index.remove(leaf.lo, leaf);
            structureChanged();
            store.removed(leaf);
        } finally {
            left.unlock();
        }
    }

    @Override
    public String toString() {
        return "BTree[" + displayName + ", " + index.size() + " leaves]";
    }
}
