package dev.sled;

import org.jspecify.annotations.Nullable;

/**
 * Combines a stored value with a merged operand, for {@link SledTree#merge}. It runs under the key's
 * write lock, so it must be fast and compute the result from its arguments. Reads are allowed; calls
 * that would wait for the merge itself or for another one throw {@link IllegalStateException}: writes,
 * transactions, {@code flush()}, {@code close()}, creating or dropping a tree, and a
 * {@link SledDb#generateId()} that must reserve the next range of IDs. Returning null deletes the key.
 * Operators are not persisted: set them again after every open, as in sled.
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
