package dev.sled.internal.tree;

import dev.sled.Bytes;
import java.util.Arrays;

/**
 * The keys a leaf's writes changed since one of its stored frames, in write order and with repeats
 * until a count must be exact: a write appends one reference, where a hash set hashed the key and kept
 * a node per key until the next flush. Guarded by the leaf's lock.
 */
final class ChangedKeys {

    private Bytes[] keys = new Bytes[8];
    private int size;

    void add(Bytes key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = key;
    }

    void addAll(Bytes[] more) {
        for (Bytes key : more) {
            add(key);
        }
    }

    /** The keys appended since the last {@link #compact}, repeats included: never below the distinct count. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Drops the repeats, leaving the keys in key order. */
    void compact() {
        size = sortDistinct(keys, size);
        Arrays.fill(keys, size, keys.length, null);
    }

    /** A copy of the keys, repeats included, for a flush to sort after its capture lets writers go on. */
    Bytes[] toArray() {
        return Arrays.copyOf(keys, size);
    }

    /** Sorts {@code keys[0..n)} and moves each distinct key once to the front; returns how many there are. */
    static int sortDistinct(Bytes[] keys, int n) {
        Arrays.sort(keys, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || !keys[i].equals(keys[distinct - 1])) {
                keys[distinct++] = keys[i];
            }
        }
        return distinct;
    }
}
