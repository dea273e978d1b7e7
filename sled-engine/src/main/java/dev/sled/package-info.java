/**
 * The public API of sled for Java: open a {@link dev.sled.SledDb} with {@link dev.sled.Sled#open}, use
 * it and its {@link dev.sled.SledTree}s like thread-safe sorted maps of {@link dev.sled.Bytes}.
 */
@NullMarked
package dev.sled;

import org.jspecify.annotations.NullMarked;
