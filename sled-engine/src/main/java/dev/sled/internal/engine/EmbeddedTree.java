package dev.sled.internal.engine;

import dev.sled.Bytes;
import dev.sled.CompareAndSwapResult;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.MergeOperator;
import dev.sled.SledBatch;
import dev.sled.SledConfig;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import dev.sled.Subscriber;
import dev.sled.TransactionFunction;
import dev.sled.internal.tree.BTree;
import dev.sled.internal.tree.Leaf;
import dev.sled.internal.tree.RangeCursor;
import dev.sled.internal.tx.Committer;
import dev.sled.internal.tx.TransactionRunner;
import dev.sled.internal.tx.TreeHandle;
import dev.sled.internal.tx.WriteSet;
import dev.sled.internal.watch.Subscriptions;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import java.util.concurrent.locks.Lock;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A tree of the embedded engine: argument checks, statistics and events around a {@link BTree}. Every
 * single-key write goes through {@link #operate}, which decides the new value under the key's leaf lock.
 */
final class EmbeddedTree implements SledTree, TreeHandle {

    /** Returned by a {@link Mutation} to leave the key as it is: nothing written, no event. */
    private static final Bytes UNCHANGED = Bytes.wrap(new byte[0]);

    private final EmbeddedDb db;
    private final BTree btree;
    private final Bytes name;
    private final Subscriptions subscriptions;
    private volatile @Nullable MergeOperator mergeOperator;

    /** Computes a key's new value from its current one (null when absent); null removes. */
    @FunctionalInterface
    private interface Mutation {
        @Nullable Bytes apply(@Nullable Bytes current);
    }

    EmbeddedTree(EmbeddedDb db, BTree btree, Bytes name) {
        this.db = db;
        this.btree = btree;
        this.name = name;
        this.subscriptions = new Subscriptions(db.config().subscriberBufferSize());
    }

    EmbeddedDb db() {
        return db;
    }

    @Override
    public BTree btree() {
        return btree;
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    @Override
    public void publish(Bytes key, @Nullable Bytes value) {
        subscriptions.publish(key, value);
    }

    static void checkSizes(Bytes key, @Nullable Bytes value) {
        Objects.requireNonNull(key, "key must not be null");
        if (key.length() > SledConfig.MAX_KEY_SIZE) {
            throw new IllegalArgumentException("key of " + key.length() + " bytes exceeds the limit of " + SledConfig.MAX_KEY_SIZE);
        }
        if (value != null && value.length() > SledConfig.MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("value of " + value.length() + " bytes exceeds the limit of " + SledConfig.MAX_VALUE_SIZE);
        }
    }

    private void checkRead(Bytes key) {
        Objects.requireNonNull(key, "key must not be null");
        checkLive();
    }

    /** Throws when the database is closed or this tree was dropped; iterators check it at every step. */
    private void checkLive() {
        db.checkOpen();
        btree.checkNotDropped();
    }

    @Override
    public Bytes name() {
        return name;
    }

    @Override
    public @Nullable Bytes get(Bytes key) {
        checkRead(key);
        db.stats.gets.increment();
        return btree.get(key);
    }

    @Override
    public boolean containsKey(Bytes key) {
        return get(key) != null;
    }

    @Override
    public @Nullable Bytes insert(Bytes key, Bytes value) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
        checkSizes(key, value);
        db.stats.inserts.increment();
        return operate(key, cur -> value.equals(cur) ? UNCHANGED : value);
    }

    @Override
    public @Nullable Bytes remove(Bytes key) {
        Objects.requireNonNull(key, "key must not be null");
        db.stats.removes.increment();
        return operate(key, cur -> cur == null ? UNCHANGED : null);
    }

    @Override
    public CompareAndSwapResult compareAndSwap(Bytes key, @Nullable Bytes expected, @Nullable Bytes newValue) {
        checkSizes(key, expected);
        checkSizes(key, newValue);
        db.stats.compareAndSwaps.increment();
        boolean[] matched = new boolean[1];
        Bytes current = operate(key, cur -> {
            matched[0] = Objects.equals(cur, expected);
            return matched[0] ? newValue : UNCHANGED;
        });
        return matched[0] ? CompareAndSwapResult.success() : CompareAndSwapResult.failure(current, newValue);
    }

    @Override
    public @Nullable Bytes updateAndFetch(Bytes key, UnaryOperator<@Nullable Bytes> fn) {
        return update(key, fn, true);
    }

    @Override
    public @Nullable Bytes fetchAndUpdate(Bytes key, UnaryOperator<@Nullable Bytes> fn) {
        return update(key, fn, false);
    }

    /** A compare-and-swap loop: {@code fn} runs outside any lock and may run again under contention. */
    private @Nullable Bytes update(Bytes key, UnaryOperator<@Nullable Bytes> fn, boolean returnNew) {
        Objects.requireNonNull(fn, "function must not be null");
        Bytes current = get(key);
        for (;;) {
            Bytes next = fn.apply(current);
            CompareAndSwapResult r = compareAndSwap(key, current, next);
            if (r.isSuccess()) {
                return returnNew ? next : current;
            }
            current = r.current();
        }
    }

    @Override
    public @Nullable Bytes merge(Bytes key, Bytes operand) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(operand, "operand must not be null");
        checkSizes(key, operand);
        checkLive();
        MergeOperator op = mergeOperator;
        if (op == null) {
            throw new IllegalStateException("merge needs a merge operator: call setMergeOperator on tree " + name
                    + " (operators are not persisted; set it after every open)");
        }
        db.stats.merges.increment();
        Bytes[] result = new Bytes[1];
        operate(key, cur -> {
            Bytes next = op.merge(key, cur, operand);
            checkSizes(key, next);
            result[0] = next;
            return next;
        });
        return result[0];
    }

    @Override
    public void setMergeOperator(@Nullable MergeOperator operator) {
        checkLive();
        this.mergeOperator = operator;
    }

    /** Applies {@code m} to {@code key} atomically; returns the value before. */
    private @Nullable Bytes operate(Bytes key, Mutation m) {
        db.beforeWrite();
        Bytes before;
        Lock shared = db.gate.readLock();
        shared.lock();
        try {
            db.checkWritable();
            Leaf leaf = btree.lockFor(key);
            try {
                int position = btree.positionOf(leaf, key);
                before = btree.valueAt(leaf, position);
                Bytes next = m.apply(before);
                if (next != UNCHANGED) {
                    btree.put(leaf, key, position, next);
                    subscriptions.publish(key, next);
                    btree.rebalance(leaf);
                }
            } finally {
                leaf.unlock();
            }
        } finally {
            shared.unlock();
        }
        db.afterWrite();
        return before;
    }

    @Override
    public void applyBatch(SledBatch batch) {
        Objects.requireNonNull(batch, "batch must not be null");
        checkLive();
        WriteSet writes = new WriteSet();
        batch.forEach((k, v) -> {
            checkSizes(k, v);
            writes.put(k, v);
        });
        if (writes.isEmpty()) {
            return;
        }
        db.beforeWrite();
        db.stats.batches.increment();
        Lock shared = db.gate.readLock();
        shared.lock();
        try {
            db.checkWritable();
            btree.checkNotDropped();
            Committer.apply(this, writes);
        } finally {
            shared.unlock();
        }
        db.afterWrite();
    }

    @Override
    public <R, E extends Exception> R transaction(TransactionFunction<R, E> body) throws E {
        Objects.requireNonNull(body, "transaction body must not be null");
        checkLive();
        return TransactionRunner.run(db, this, body);
    }

    @Override
    public Subscriber watchPrefix(Bytes prefix) {
        Objects.requireNonNull(prefix, "prefix must not be null");
        checkLive();
        return subscriptions.subscribe(prefix);
    }

    @Override
    public SledIterator range(KeyRange range) {
        Objects.requireNonNull(range, "range must not be null");
        checkLive();
        db.stats.scans.increment();
        return new RangeCursor(btree, range, this::checkLive);
    }

    @Override
    public @Nullable KeyValue first() {
        return firstOf(range(KeyRange.all()));
    }

    @Override
    public @Nullable KeyValue last() {
        return firstOf(range(KeyRange.all()).reverse());
    }

    @Override
    public @Nullable KeyValue getLt(Bytes key) {
        Objects.requireNonNull(key, "key must not be null");
        return firstOf(range(KeyRange.lessThan(key)).reverse());
    }

    @Override
    public @Nullable KeyValue getGt(Bytes key) {
        Objects.requireNonNull(key, "key must not be null");
        return firstOf(range(KeyRange.greaterThan(key)));
    }

    private static @Nullable KeyValue firstOf(SledIterator it) {
        try (it) {
            return it.hasNext() ? it.next() : null;
        }
    }

    @Override
    public long size() {
        long n = 0;
        try (SledIterator it = iterator()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean isEmpty() {
        return first() == null;
    }

    @Override
    public void clear() {
        try (SledIterator it = iterator()) {
            while (it.hasNext()) {
                remove(it.next().key());
            }
        }
    }

    @Override
    public long flush() {
        btree.checkNotDropped();
        return db.flushNow();
    }

    @Override
    public CompletableFuture<Long> flushAsync() {
        btree.checkNotDropped();
        return db.flushAsyncNow();
    }

    @Override
    public String toString() {
        return "SledTree[" + name + "]";
    }

}
