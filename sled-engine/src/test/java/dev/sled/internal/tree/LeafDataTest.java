package dev.sled.internal.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Versions that share arrays (appends after the last entry) never see each other's entries. */
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
}
