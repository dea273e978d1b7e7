package dev.sled.internal.format;

import dev.sled.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The entries of a leaf written since its stored base image: each key with its value at the flush, or
 * null where the key was removed. A node's deltas apply in order over its base (see {@link NodeFrames}).
 */
public record LeafDelta(Bytes[] keys, @Nullable Bytes[] values) {

    /** {@code base} with these changes applied, entries still sorted. */
    public LeafImage applyTo(LeafImage base) {
        List<Bytes> k = new ArrayList<>(Arrays.asList(base.keys()));
        List<Bytes> v = new ArrayList<>(Arrays.asList(base.values()));
        for (int i = 0; i < keys.length; i++) {
            int at = Collections.binarySearch(k, keys[i]);
            Bytes value = values[i];
            if (value == null) {
                if (at >= 0) {
                    k.remove(at);
                    v.remove(at);
                }
            } else if (at >= 0) {
                v.set(at, value);
            } else {
                k.add(-at - 1, keys[i]);
                v.add(-at - 1, value);
            }
        }
        return new LeafImage(base.lo(), base.hi(), k.toArray(Bytes[]::new), v.toArray(Bytes[]::new));
    }
}
