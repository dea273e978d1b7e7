package dev.sled;

import java.util.Map;
import java.util.Objects;

/** One key and its value, as returned by iterators and ordered reads. */
public record KeyValue(Bytes key, Bytes value) implements Map.Entry<Bytes, Bytes> {

    public KeyValue {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
    }

    @Override
    public Bytes getKey() {
        return key;
    }

    @Override
    public Bytes getValue() {
        return value;
    }

    /** Always throws: entries are immutable snapshots. */
    @Override
    public Bytes setValue(Bytes value) {
        throw new UnsupportedOperationException("KeyValue is immutable; use SledTree.insert");
    }
}
