package dev.sled.spring.data.convert;

import dev.sled.Bytes;
import java.util.function.Function;

/**
 * Encodes values of one type as keys whose unsigned lexicographic byte order (the order of every sled
 * tree) is the natural order of the values: for every {@code a < b}, {@code encode(a) < encode(b)}, and
 * {@code decode(encode(x))} equals {@code x}. Range scans, paging and sorting by id rely on both rules.
 *
 * <p>An encoding need not be self-delimiting: inside composite keys (record ids, index entries) each
 * component is escaped and terminated by {@link KeyComponents}, which preserves the order. Register custom
 * codecs with {@link KeyCodecs#with(KeyCodec)}.
 *
 * <pre>{@code
 * KeyCodec<Year> years = KeyCodec.of(Year.class,
 *         year -> KeyCodecs.INTEGER.encode(year.getValue()),
 *         bytes -> Year.of(KeyCodecs.INTEGER.decode(bytes)));
 * }</pre>
 *
 * @param <T> the encoded type
 */
public interface KeyCodec<T> {

    /** The type this codec encodes. */
    Class<T> type();

    Bytes encode(T value);

    /** The inverse of {@link #encode}. */
    T decode(Bytes bytes);

    /** A codec from an encoder and a decoder. */
    static <T> KeyCodec<T> of(Class<T> type, Function<T, Bytes> encoder, Function<Bytes, T> decoder) {
        return new KeyCodec<>() {
            @Override
            public Class<T> type() {
                return type;
            }

            @Override
            public Bytes encode(T value) {
                return encoder.apply(value);
            }

            @Override
            public T decode(Bytes bytes) {
                return decoder.apply(bytes);
            }

            @Override
            public String toString() {
                return "KeyCodec[" + type.getName() + "]";
            }
        };
    }
}
