package dev.sled.internal.tree;

import dev.sled.Bytes;

/** Keys in ascending order, by position: what {@link KeySearch} builds its array from and falls back on. */
@FunctionalInterface
interface SortedKeys {

    Bytes key(int i);
}
