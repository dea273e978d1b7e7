package dev.sled.spring.data.convert;

import dev.sled.Bytes;

/**
 * Turns entities into the values stored under their keys and back. Implementations must be thread-safe.
 * {@link JacksonValueCodec} is the default (JSON) and offers a compact binary form (CBOR).
 */
public interface ValueCodec {

    Bytes encode(Object entity);

    /**
     * Reads an entity of {@code type}.
     *
     * @throws RuntimeException when the bytes are not a readable {@code type}; callers report it together
     *     with the key
     */
    <T> T decode(Bytes bytes, Class<T> type);
}
