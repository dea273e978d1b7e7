package dev.sled.internal.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.internal.format.LeafCodec;
import dev.sled.internal.format.LeafImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Versions that share arrays (appends after the last entry) never see each other's entries, and a loaded
 * version (values packed in its decoded bytes) behaves as one built from arrays.
 */
class LeafDataTest {

    private static LeafData append(LeafData d, long key) {
        Bytes k = Bytes.ofLong(key);
        return d.with(d.search(k), k, Bytes.of("v" + key));
    }

    @Test
    void anAppendSharesTheArraysButOlderVersionsKeepTheirEntries() {
        List<LeafData> versions = new ArrayList<>();
        LeafData d = LeafData.empty(Bytes.EMPTY, null);
        for (long i = 0; i < 40; i++) {
            versions.add(d);
            d = append(d, i * 10);
        }
        assertThat(versions.get(30).keys).isSameAs(d.keys);
        for (int n = 0; n < versions.size(); n++) {
            LeafData v = versions.get(n);
            assertThat(v.size()).isEqualTo(n);
            assertThat(v.image().keys()).hasSize(n);
            assertThat(v.get(Bytes.ofLong(n * 10L))).as("version %d must not see the entry appended after it", n).isNull();
            for (int j = 0; j < n; j++) {
                assertThat(v.get(Bytes.ofLong(j * 10L))).isEqualTo(Bytes.of("v" + j * 10L));
                assertThat(v.search(Bytes.ofLong(j * 10L + 5))).isEqualTo(-(j + 2));
            }
        }
    }

    @Test
    void aReplacedValueThenAnAppendLeavesTheVersionBeforeTheReplacementIntact() {
        LeafData base = append(append(LeafData.empty(Bytes.EMPTY, null), 1), 2);
        LeafData replaced = base.with(base.search(Bytes.ofLong(1)), Bytes.ofLong(1), Bytes.of("new"));
        LeafData appended = append(replaced, 3);
        LeafData middle = appended.with(appended.search(Bytes.ofLong(0)), Bytes.ofLong(0), Bytes.of("v0"));

        assertThat(base.get(Bytes.ofLong(1))).isEqualTo(Bytes.of("v1"));
        assertThat(base.get(Bytes.ofLong(3))).isNull();
        assertThat(replaced.get(Bytes.ofLong(1))).isEqualTo(Bytes.of("new"));
        assertThat(replaced.size()).isEqualTo(2);
        assertThat(appended.image().keys()).containsExactly(Bytes.ofLong(1), Bytes.ofLong(2), Bytes.ofLong(3));
        assertThat(middle.image().keys()).containsExactly(Bytes.ofLong(0), Bytes.ofLong(1), Bytes.ofLong(2), Bytes.ofLong(3));
        assertThat(appended.without(0).image().values()).containsExactly(Bytes.of("v2"), Bytes.of("v3"));
    }

    @ParameterizedTest(name = "values of {0} bytes")
    @ValueSource(ints = {-1, 100})
    void aLoadedLeafWrittenInEveryWayMatchesTheSameWritesOnAnArrayLeaf(int valueLength) {
        for (int seed = 0; seed < 40; seed++) {
            Random rnd = new Random(seed);
            TreeMap<Bytes, Bytes> model = new TreeMap<>();
            for (int i = 0; i < 60; i++) {
                model.put(Bytes.ofLong(rnd.nextInt(1000)), value(rnd, valueLength));
            }
            LeafImage image = new LeafImage(Bytes.EMPTY, null, model.keySet().toArray(Bytes[]::new), model.values().toArray(Bytes[]::new));
            LeafData loaded = LeafData.of(LeafCodec.decode(LeafCodec.encode(image)));
            LeafData built = new LeafData(Bytes.EMPTY, null, image.keys(), image.values());
            assertThat(loaded.image().packedKeys()).isNotNull();
            assertThat(loaded.image().packedValues()).isNotNull();
            assertThat(loaded.bytes()).as("packed entries cost less heap").isLessThan(built.bytes());

            Bytes key = Bytes.ofLong(rnd.nextInt(1000));
            int idx = loaded.search(key);
            LeafData written = switch (seed % 3) {
                case 0 -> loaded.with(idx, key, value(rnd, valueLength));
                case 1 -> idx >= 0 ? loaded.without(idx) : loaded.with(idx, key, value(rnd, valueLength));
                default -> loaded.with(loaded.search(Bytes.ofLong(5000)), Bytes.ofLong(5000), value(rnd, valueLength));
            };
            LeafData same = switch (seed % 3) {
                case 0 -> built.with(idx, key, written.get(key));
                case 1 -> idx >= 0 ? built.without(idx) : built.with(idx, key, written.get(key));
                default -> built.with(built.search(Bytes.ofLong(5000)), Bytes.ofLong(5000), written.get(Bytes.ofLong(5000)));
            };
            assertThat(written.image().keys()).containsExactly(same.image().keys());
            assertThat(written.image().values()).containsExactly(same.image().values());
            assertThat(written.bytes()).as("seed %d: heap estimate after the first write", seed).isEqualTo(same.bytes());

            int at = 1 + rnd.nextInt(model.size() - 1);
            Bytes separator = LeafData.separator(loaded.key(at - 1), loaded.key(at));
            LeafData left = loaded.leftOf(at, separator);
            LeafData right = loaded.rightOf(at, separator);
            assertThat(left.image().values()).containsExactlyElementsOf(List.copyOf(model.values()).subList(0, at));
            assertThat(left.mergedWith(right).image().values()).containsExactlyElementsOf(model.values());
            assertThat(loaded.mergedWith(LeafData.of(LeafCodec.decode(LeafCodec.encode(new LeafImage(Bytes.ofLong(5000), null,
                    new Bytes[] {Bytes.ofLong(6000)}, new Bytes[] {Bytes.of("x")}))))).get(Bytes.ofLong(6000))).isEqualTo(Bytes.of("x"));
        }
    }

    private static Bytes value(Random rnd, int length) {
        byte[] v = new byte[length >= 0 ? length : rnd.nextInt(150)];
        rnd.nextBytes(v);
        return Bytes.wrap(v);
    }
}
