/**
 * How entities become bytes: order-preserving {@link dev.sled.spring.data.convert.KeyCodec}s for ids and
 * indexed values, and {@link dev.sled.spring.data.convert.ValueCodec}s for the stored entities.
 */
@NullMarked
package dev.sled.spring.data.convert;

import org.jspecify.annotations.NullMarked;
