package dev.sled;

import org.jspecify.annotations.Nullable;

/**
 * Combines a stored value with a merged operand, for {@link SledTree#merge}. It runs under the key's
 * write lock, so it must be fast and must not call back into the database ({@code flush()} and
 * {@code close()} throw {@link IllegalStateException} there, as they would wait for the merge itself).
 * Returning null deletes the key. Operators are not persisted: set them again after every open, as in sled.
 *
 * <pre>{@code
 * tree.setMergeOperator((key, old, operand) ->
 *     Bytes.ofLong((old == null ? 0 : old.toLong()) + operand.toLong()));
 * tree.merge(Bytes.of("hits"), Bytes.ofLong(1));
 * }</pre>
 */
@FunctionalInterface
public interface MergeOperator {
    @Nullable Bytes merge(Bytes key, @Nullable Bytes oldValue, Bytes operand);
}
