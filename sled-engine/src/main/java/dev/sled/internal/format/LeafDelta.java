package dev.sled.internal.format;

import dev.sled.Bytes;
import java.util.Arrays;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * The entries of a leaf written since its stored base image: each key with its value at the flush, or
 * null where the key was removed. A node's deltas apply in order over its base (see {@link NodeFrames}).
 * Flushes write a delta's keys in order; files from earlier builds may hold them in any order.
 */
public record LeafDelta(Bytes[] keys, @Nullable Bytes[] values) {

    /**
     * {@code base} with these changes applied, entries still sorted: one merge of two sorted runs, so a
     * leaf loaded from a base and deltas (every read that misses the cache) costs no per-key shifting.
     * Its keys and its values are packed into one array each, as a decoded base's are.
     */
    public LeafImage applyTo(LeafImage base) {
        if (!inKeyOrder()) {
            return inKeyOrderCopy().applyTo(base);
        }
        int baseSize = base.size();
        Bytes[] k = new Bytes[baseSize + keys.length];
        Bytes[] v = new Bytes[k.length];
        int n = 0;
        int i = 0;
        int j = 0;
        Bytes baseKey = baseSize == 0 ? null : base.key(0);
        while (baseKey != null || j < keys.length) {
            int c = j == keys.length ? -1 : baseKey == null ? 1 : baseKey.compareTo(keys[j]);
            if (c < 0) {
                k[n] = baseKey;
                v[n++] = base.value(i++);
                baseKey = i < baseSize ? base.key(i) : null;
                continue;
            }
            int change = j++;
            while (j < keys.length && keys[j].equals(keys[change])) {
                change = j++; // the same key twice: the later change wins, as when applied one by one
            }
            if (c == 0) {
                i++;
                baseKey = i < baseSize ? base.key(i) : null;
            }
            if (values[change] != null) {
                k[n] = keys[change];
                v[n++] = values[change];
            }
        }
        return new LeafImage(base.lo(), base.hi(), PackedSlices.copyOf(k, n), PackedSlices.copyOf(v, n));
    }

    private boolean inKeyOrder() {
        for (int i = 1; i < keys.length; i++) {
            if (keys[i - 1].compareTo(keys[i]) > 0) {
                return false;
            }
        }
        return true;
    }

    /** These changes sorted by key; the sort is stable, so repeated keys keep their written order. */
    private LeafDelta inKeyOrderCopy() {
        Integer[] order = new Integer[keys.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(i -> keys[i]));
        Bytes[] k = new Bytes[keys.length];
        Bytes[] v = new Bytes[keys.length];
        for (int i = 0; i < order.length; i++) {
            k[i] = keys[order[i]];
            v[i] = values[order[i]];
        }
        return new LeafDelta(k, v);
    }
}
