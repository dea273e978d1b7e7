package dev.sled.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A leaf survives encode and decode, with its values packed in the decoded bytes, whatever their lengths. */
class LeafCodecTest {

    @ParameterizedTest(name = "{0} entries, fixed keys {1}, fixed values {2}")
    @CsvSource({"0, true, true", "1, true, true", "1, false, false", "2, true, true", "64, true, true", "64, true, false",
            "64, false, true", "64, false, false", "300, false, false"})
    void decodedImagesHoldTheEncodedEntries(int n, boolean fixedKeys, boolean fixedValues) {
        Random rnd = new Random(n * 4L + (fixedKeys ? 2 : 0) + (fixedValues ? 1 : 0));
        TreeMap<Bytes, Bytes> entries = new TreeMap<>();
        while (entries.size() < n) {
            byte[] key = new byte[fixedKeys ? 12 : 1 + rnd.nextInt(20)];
            rnd.nextBytes(key);
            key[0] = 7; // a shared prefix byte, which the encoding stores once
            byte[] value = new byte[fixedValues ? 100 : rnd.nextInt(200)];
            rnd.nextBytes(value);
            entries.put(Bytes.wrap(key), Bytes.wrap(value));
        }
        LeafImage image = new LeafImage(Bytes.of("lo"), Bytes.of("\u00ff"), entries.keySet().toArray(Bytes[]::new),
                entries.values().toArray(Bytes[]::new));

        ByteBuffer encoded = LeafCodec.encode(image);
        ByteBuffer copy = ByteBuffer.allocate(encoded.remaining() + 5).position(5).slice();
        copy.put(encoded).flip(); // decoding must honour the buffer's array offset
        LeafImage decoded = LeafCodec.decode(copy);

        assertThat(decoded.lo()).isEqualTo(image.lo());
        assertThat(decoded.hi()).isEqualTo(image.hi());
        assertThat(decoded.keys()).containsExactlyElementsOf(entries.keySet());
        assertThat(decoded.packedKeys()).isNotNull();
        assertThat(decoded.packedValues()).isNotNull();
        assertThat(decoded.size()).isEqualTo(n);
        assertThat(decoded.values()).containsExactlyElementsOf(entries.values());
        for (int i = 0; i < n; i++) {
            assertThat(decoded.key(i)).isEqualTo(image.key(i));
            assertThat(decoded.packedKeys().length(i)).isEqualTo(image.key(i).length());
            assertThat(decoded.value(i)).isEqualTo(image.value(i));
            assertThat(decoded.packedValues().length(i)).isEqualTo(image.value(i).length());
        }
        assertThat(LeafCodec.encode(decoded)).as("a decoded image encodes to the same bytes").isEqualTo(LeafCodec.encode(image));
    }
}
