package dev.sled.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Applying a delta in one merge gives what applying its changes one by one gives: in key order (as
 * flushes write them) and in any order with repeated keys (as files from earlier builds may hold them).
 */
class LeafDeltaTest {

    @RepeatedTest(200)
    void aMergedDeltaMatchesItsChangesAppliedOneByOne(RepetitionInfo info) {
        long seed = 0xDE17A000L + info.getCurrentRepetition();
        Random rnd = new Random(seed);
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        for (int i = rnd.nextInt(40); i > 0; i--) {
            model.put(key(rnd), Bytes.of("base" + i));
        }
        LeafImage base = new LeafImage(Bytes.EMPTY, null, model.keySet().toArray(Bytes[]::new), model.values().toArray(Bytes[]::new));
        int n = rnd.nextInt(30);
        Bytes[] keys = new Bytes[n];
        Bytes[] values = new Bytes[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(rnd);
            values[i] = rnd.nextInt(3) == 0 ? null : Bytes.of("delta" + i);
        }
        for (int i = 0; i < n; i++) {
            if (values[i] == null) {
                model.remove(keys[i]);
            } else {
                model.put(keys[i], values[i]);
            }
        }
        LeafDelta delta = rnd.nextBoolean() ? new LeafDelta(keys, values) : asFlushed(keys, values);

        LeafImage applied = delta.applyTo(base);

        assertThat(applied.keys()).as("seed %d", seed).containsExactlyElementsOf(model.keySet());
        assertThat(applied.values()).as("seed %d", seed).containsExactlyElementsOf(model.values());
        assertThat(applied.packedKeys()).as("a rebuilt leaf keeps its keys packed").isNotNull();
        assertThat(applied.packedValues()).as("a rebuilt leaf keeps its values packed").isNotNull();
    }

    /** Keys from a small range, so that deltas replace, remove and repeat base keys. */
    private static Bytes key(Random rnd) {
        return Bytes.ofLong(rnd.nextInt(60));
    }

    /** What a flush writes for these changes: each key once, in order, with its last change. */
    private static LeafDelta asFlushed(Bytes[] keys, Bytes[] values) {
        TreeMap<Bytes, Integer> last = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            last.put(keys[i], i);
        }
        return new LeafDelta(last.keySet().toArray(Bytes[]::new), last.values().stream().map(i -> values[i]).toArray(Bytes[]::new));
    }
}
