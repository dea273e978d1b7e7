package dev.sled;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A set of inserts and removes applied atomically by {@link SledTree#applyBatch}: after a crash either
 * all of it or none of it is there. The last write to a key wins. Not thread-safe.
 *
 * <pre>{@code
 * SledBatch batch = new SledBatch().insert(Bytes.of("a"), Bytes.of("1")).remove(Bytes.of("b"));
 * tree.applyBatch(batch);
 * }</pre>
 */
public final class SledBatch {

    private final TreeMap<Bytes, Bytes> writes = new TreeMap<>();
    /** Stands for a remove inside {@link #writes}; compared by identity. */
    private static final Bytes REMOVE = Bytes.wrap(new byte[0]);

    public SledBatch insert(Bytes key, Bytes value) {
        writes.put(Objects.requireNonNull(key, "key must not be null"),
                Objects.requireNonNull(value, "value must not be null"));
        return this;
    }

    public SledBatch insert(byte[] key, byte[] value) {
        return insert(Bytes.of(Objects.requireNonNull(key, "key must not be null")),
                Bytes.of(Objects.requireNonNull(value, "value must not be null")));
    }

    public SledBatch remove(Bytes key) {
        writes.put(Objects.requireNonNull(key, "key must not be null"), REMOVE);
        return this;
    }

    public SledBatch remove(byte[] key) {
        return remove(Bytes.of(Objects.requireNonNull(key, "key must not be null")));
    }

    public int size() {
        return writes.size();
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }

    /** Calls {@code action} once per key in key order; a null value means remove. */
    public void forEach(WriteConsumer action) {
        Objects.requireNonNull(action, "action must not be null");
        for (Map.Entry<Bytes, Bytes> e : writes.entrySet()) {
            action.accept(e.getKey(), e.getValue() == REMOVE ? null : e.getValue());
        }
    }

    /** The batch's writes in key order; a null value means remove. */
    public Map<Bytes, @Nullable Bytes> writes() {
        TreeMap<Bytes, @Nullable Bytes> copy = new TreeMap<>();
        forEach(copy::put);
        return Collections.unmodifiableMap(copy);
    }

    /** Receives one write of a batch. */
    @FunctionalInterface
    public interface WriteConsumer {
        void accept(Bytes key, @Nullable Bytes valueOrNullForRemove);
    }

    @Override
    public String toString() {
        return "SledBatch[" + writes.size() + " writes]";
    }
}
