/** Extension points: storage backends and the file layer. */
@NullMarked
package dev.sled.spi;

import org.jspecify.annotations.NullMarked;
