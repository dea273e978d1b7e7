package dev.sled.internal.cache;

import dev.sled.Bytes;
import dev.sled.CorruptionException;
import dev.sled.StorageException;
import dev.sled.internal.format.Compression;
import dev.sled.internal.format.DeltaCodec;
import dev.sled.internal.format.LeafDelta;
import dev.sled.internal.format.LeafCodec;
import dev.sled.internal.format.LeafImage;
import dev.sled.internal.format.NodeFrames;
import dev.sled.internal.storage.MetaStore;
import dev.sled.internal.storage.SegmentStore;
import dev.sled.internal.stats.StripedCounter;
import dev.sled.internal.tree.BTree;
import dev.sled.internal.tree.Leaf;
import dev.sled.internal.tree.LeafData;
import dev.sled.internal.tree.NodeStore;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Keeps resident leaves within the cache budget. Resident leaves sit in a CLOCK queue: a leaf read
 * since the last sweep gets a second chance, a clean stored leaf is evicted (its data dropped, to be
 * read back from its segment on demand), a dirty one waits for the next flush. Also hands the flusher
 * the set of dirty leaves and the ids of removed leaves.
 */
public final class Pager implements NodeStore {

    private final SegmentStore segments;
    private final MetaStore meta;
    private final long capacity;
    private final AtomicLong resident = new AtomicLong();
    private final AtomicLong nextLeafId;
    private final ConcurrentLinkedQueue<Leaf> clock = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final ReentrantLock sweeping = new ReentrantLock();
    /**
     * Resident bytes when the last sweep ended still over its target (what stayed was dirty, locked or
     * new), else 0. Until resident data grows by a sixteenth of the capacity or a flush cleans leaves,
     * another sweep would only queue the same leaves again: with a cache smaller than the data, every
     * write of a fill swept the whole queue (a sequential fill ran at 0.15x its speed).
     */
    private volatile long stuckAt;
    private volatile Set<Leaf> dirty = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Long> removed = new ConcurrentLinkedQueue<>();
    private final StripedCounter hits = new StripedCounter();
    private final StripedCounter misses = new StripedCounter();
    /** Trees whose stored leaves were installed at open, for the warmer. */
    private final List<BTree> opened = new CopyOnWriteArrayList<>();
    /** Started by the first miss, then cleared; null when warming is off or started. */
    private volatile @Nullable CacheWarmer warmer;

    public Pager(SegmentStore segments, MetaStore meta, long capacity, long firstLeafId) {
        this.segments = segments;
        this.meta = meta;
        this.capacity = capacity;
        this.nextLeafId = new AtomicLong(firstLeafId);
    }

    @Override
    public LeafData load(Leaf leaf) {
        misses.increment();
        CacheWarmer w = warmer;
        if (w != null) {
            warmer = null;
            w.start();
        }
        return read(leaf);
    }

    /** Reads the stored copy of {@code leaf} (base and deltas); the caller holds the leaf's lock. */
    private LeafData read(Leaf leaf) {
        for (int attempt = 0; ; attempt++) {
            MetaStore.LeafRecord rec = meta.leaf(leaf.id);
            if (rec == null) {
                throw new StorageException("leaf " + leaf.id + " has neither data in memory nor a stored copy");
            }
            NodeFrames frames = rec.frames();
            ByteBuffer[] bodies = new ByteBuffer[frames.count()];
            try {
                for (int i = 0; i < bodies.length; i++) {
                    bodies[i] = read(frames.location(i), frames.length(i));
                }
            } catch (SegmentStore.NoSuchSegmentException e) {
                if (attempt < 3) {
                    continue; // compacted meanwhile: the catalog now has the new location
                }
                throw e;
            }
            LeafImage image = decode(frames.location(0), bodies[0], LeafCodec::decode);
            if (!image.lo().equals(leaf.lo)) {
                throw new CorruptionException(segments.fileOf(frames.location(0)), frames.location(0) & 0xFFFFFFFFL,
                        "node starts at key " + image.lo() + " but the catalog says " + leaf.lo);
            }
            Bytes[][] deltaKeys = new Bytes[NodeFrames.MAX_DELTAS][];
            for (int i = 1; i < bodies.length; i++) {
                LeafDelta changes = decode(frames.location(i), bodies[i], DeltaCodec::decode);
                image = changes.applyTo(image);
                deltaKeys[i - 1] = changes.keys();
            }
            leaf.loadedFromFrames(deltaKeys[0], deltaKeys[1]);
            return LeafData.of(image);
        }
    }

    /** The checked body of the frame at {@code location}. */
    private ByteBuffer read(long location, int length) {
        try {
            return segments.read(location, length);
        } catch (IOException e) {
            throw new StorageException("cannot read a node from " + segments.fileOf(location) + ": " + e.getMessage(), e);
        }
    }

    /** Decompresses and decodes the body of the frame at {@code location}. */
    private <T> T decode(long location, ByteBuffer body, Function<ByteBuffer, T> decoder) {
        try {
            return decoder.apply(Compression.decode(body, Integer.MAX_VALUE - 16));
        } catch (IllegalArgumentException | BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new CorruptionException(segments.fileOf(location), location & 0xFFFFFFFFL, "undecodable node (" + e.getMessage() + ")");
        }
    }

    @Override
    public void opened(BTree tree) {
        opened.add(tree);
    }

    /**
     * Warms the cache in the background from the first read of a stored leaf on (never during open, and
     * not for a database that is only written), until the cache is nearly full or {@code stop} says so.
     */
    public void warmAfterFirstMiss(BooleanSupplier stop) {
        if (!opened.isEmpty()) {
            warmer = new CacheWarmer(this, List.copyOf(opened), stop);
        }
    }

    /**
     * Loads an evicted leaf nobody has asked for yet, unless that would fill the cache past the point
     * where eviction starts: warming never evicts. Not marked referenced, so leaves that stay unread
     * are the first to go. Skips a leaf that is resident, dead or locked (its holder loads it).
     *
     * @return false when the cache is full
     */
    boolean warm(Leaf leaf) {
        if (leaf.data() != null || leaf.isDead() || !leaf.tryLock()) {
            return true;
        }
        try {
            if (leaf.data() != null || leaf.isDead()) {
                return true;
            }
            LeafData d = read(leaf);
            if (resident.get() + d.bytes() > capacity - capacity / 10) {
                return false;
            }
            leaf.install(d);
            admit(leaf, d);
            return true;
        } finally {
            leaf.unlock();
        }
    }

    @Override
    public void loaded(Leaf leaf, LeafData data) {
        leaf.markReferenced();
        admit(leaf, data);
        evictIfNeeded();
    }

    /** Counts a newly resident leaf against the budget and queues it for eviction. */
    private void admit(Leaf leaf, LeafData data) {
        resident.addAndGet(data.bytes());
        enqueue(leaf);
    }

    @Override
    public long newLeafId() {
        return nextLeafId.getAndIncrement();
    }

    @Override
    public void changed(Leaf leaf, long deltaBytes, boolean becameDirty) {
        resident.addAndGet(deltaBytes);
        if (becameDirty) {
            dirty.add(leaf);
        }
        enqueue(leaf);
    }

    @Override
    public void removed(Leaf leaf) {
        LeafData d = leaf.data();
        if (d != null) {
            resident.addAndGet(-d.bytes());
        }
        dirty.remove(leaf);
        removed.add(leaf.id);
    }

    /** Called when a whole tree is dropped: its leaves leave memory (the catalog drops them with the tree). */
    public void dropped(List<Leaf> leaves) {
        for (Leaf l : leaves) {
            LeafData d = l.data();
            if (d != null) {
                resident.addAndGet(-d.bytes());
            }
            dirty.remove(l);
        }
    }

    @Override
    public void touched(Leaf leaf) {
        hits.increment();
        NodeStore.super.touched(leaf);
    }

    private void enqueue(Leaf leaf) {
        if (!leaf.queued) {
            leaf.queued = true;
            clock.add(leaf);
            queued.incrementAndGet();
        }
    }

    /** Swaps in an empty dirty set and returns the old one; called by the flusher under the exclusive gate. */
    public Set<Leaf> takeDirty() {
        Set<Leaf> taken = dirty;
        dirty = ConcurrentHashMap.newKeySet();
        return taken;
    }

    /** Puts leaves back after a failed flush, so their changes stay pending. */
    public void restoreDirty(Iterable<Leaf> leaves) {
        for (Leaf l : leaves) {
            if (!l.isDead()) {
                dirty.add(l);
            }
        }
    }

    /** Ids of leaves removed since the last call. */
    public List<Long> takeRemoved() {
        List<Long> out = new ArrayList<>();
        for (Long id; (id = removed.poll()) != null; ) {
            out.add(id);
        }
        return out;
    }

    /** Whether resident data is over budget. */
    public boolean overBudget() {
        return resident.get() > capacity;
    }

    /** Whether resident data is so far over budget (dirty data nobody flushed) that writers must help flush. */
    public boolean farOverBudget() {
        return resident.get() > capacity + capacity / 2;
    }

    /** Evicts clean leaves until resident data is under budget; one sweeper at a time, others return. */
    public void evictIfNeeded() {
        long stuck = stuckAt;
        if (!overBudget() || (stuck > 0 && resident.get() < stuck + capacity / 16) || !sweeping.tryLock()) {
            return;
        }
        try {
            long target = capacity - capacity / 10;
            int budget = 2 * queued.get() + 16;
            while (resident.get() > target && budget-- > 0) {
                Leaf leaf = clock.poll();
                if (leaf == null) {
                    break;
                }
                queued.decrementAndGet();
                leaf.queued = false;
                LeafData d = leaf.data();
                if (leaf.isDead() || d == null) {
                    continue;
                }
                if (leaf.isReferenced()) {
                    leaf.clearReferenced();
                    enqueue(leaf);
                } else if (leaf.isDirty() || !leaf.isStored() || !leaf.tryLockForEviction()) {
                    enqueue(leaf);
                } else {
                    try {
                        LeafData current = leaf.data();
                        if (current != null && !leaf.isDirty() && leaf.isStored() && !leaf.isDead()) {
                            leaf.evict();
                            resident.addAndGet(-current.bytes());
                        }
                    } finally {
                        leaf.unlock();
                    }
                }
            }
            long left = resident.get();
            stuckAt = left > target ? left : 0;
        } finally {
            sweeping.unlock();
        }
    }

    /** Sweeps after a flush: the leaves it wrote are clean now, so a sweep that was stuck may get further. */
    public void evictFlushed() {
        stuckAt = 0;
        evictIfNeeded();
    }

    public long residentBytes() {
        return resident.get();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
