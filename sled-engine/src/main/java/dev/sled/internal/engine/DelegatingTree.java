package dev.sled.internal.engine;

import dev.sled.Bytes;
import dev.sled.CompareAndSwapResult;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.MergeOperator;
import dev.sled.SledBatch;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import dev.sled.Subscriber;
import dev.sled.TransactionFunction;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** A {@link SledTree} that forwards to another: how the database is also its default tree. */
abstract class DelegatingTree implements SledTree {

    private SledTree delegate;

    final void setDelegate(SledTree delegate) {
        this.delegate = delegate;
    }

    final SledTree delegate() {
        return delegate;
    }

    @Override
    public Bytes name() {
        return delegate.name();
    }

    @Override
    public @Nullable Bytes insert(Bytes key, Bytes value) {
        return delegate.insert(key, value);
    }

    @Override
    public @Nullable Bytes get(Bytes key) {
        return delegate.get(key);
    }

    @Override
    public @Nullable Bytes remove(Bytes key) {
        return delegate.remove(key);
    }

    @Override
    public boolean containsKey(Bytes key) {
        return delegate.containsKey(key);
    }

    @Override
    public CompareAndSwapResult compareAndSwap(Bytes key, @Nullable Bytes expected, @Nullable Bytes newValue) {
        return delegate.compareAndSwap(key, expected, newValue);
    }

    @Override
    public @Nullable Bytes updateAndFetch(Bytes key, UnaryOperator<@Nullable Bytes> fn) {
        return delegate.updateAndFetch(key, fn);
    }

    @Override
    public @Nullable Bytes fetchAndUpdate(Bytes key, UnaryOperator<@Nullable Bytes> fn) {
        return delegate.fetchAndUpdate(key, fn);
    }

    @Override
    public @Nullable Bytes merge(Bytes key, Bytes operand) {
        return delegate.merge(key, operand);
    }

    @Override
    public void setMergeOperator(@Nullable MergeOperator operator) {
        delegate.setMergeOperator(operator);
    }

    @Override
    public void applyBatch(SledBatch batch) {
        delegate.applyBatch(batch);
    }

    @Override
    public <R, E extends Exception> R transaction(TransactionFunction<R, E> body) throws E {
        return delegate.transaction(body);
    }

    @Override
    public Subscriber watchPrefix(Bytes prefix) {
        return delegate.watchPrefix(prefix);
    }

    @Override
    public SledIterator range(KeyRange range) {
        return delegate.range(range);
    }

    @Override
    public @Nullable KeyValue first() {
        return delegate.first();
    }

    @Override
    public @Nullable KeyValue last() {
        return delegate.last();
    }

    @Override
    public @Nullable KeyValue getLt(Bytes key) {
        return delegate.getLt(key);
    }

    @Override
    public @Nullable KeyValue getGt(Bytes key) {
        return delegate.getGt(key);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public boolean isEmpty() {
        return delegate.isEmpty();
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    @Override
    public CompletableFuture<Long> flushAsync() {
        return delegate.flushAsync();
    }
}
