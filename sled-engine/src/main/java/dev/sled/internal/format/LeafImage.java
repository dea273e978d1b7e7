package dev.sled.internal.format;

import dev.sled.Bytes;
import org.jspecify.annotations.Nullable;

/** The content of a leaf node as stored: bounds and sorted entries. */
public record LeafImage(Bytes lo, @Nullable Bytes hi, Bytes[] keys, Bytes[] values) {
}
