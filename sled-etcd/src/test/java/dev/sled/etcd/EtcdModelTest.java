package dev.sled.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.SledBatch;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import dev.sled.TransactionalTree;
import dev.sled.etcd.support.SharedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Random operations against a sorted map as the model, with three-entry pages so that every scan crosses
 * pages and the reverse-page windows: plain operations, and transactions whose buffered writes scans must merge.
 */
@ExtendWith(SharedCluster.class)
class EtcdModelTest {

    private static final int KEYS = 40;

    private static Bytes key(Random r) {
        int k = r.nextInt(KEYS);
        return k % 7 == 0 ? Bytes.wrap(new byte[] {(byte) (0xF0 + k % 16), (byte) k}) : Bytes.of(String.format("k%02d", k));
    }

    private static KeyRange range(Random r) {
        Bytes a = key(r);
        Bytes b = key(r);
        return switch (r.nextInt(4)) {
            case 0 -> KeyRange.closed(a, b);
            case 1 -> KeyRange.closedOpen(a, b);
            case 2 -> KeyRange.greaterThan(a);
            default -> KeyRange.atMost(b);
        };
    }

    private static List<KeyValue> model(NavigableMap<Bytes, Bytes> map, KeyRange range) {
        List<KeyValue> out = new ArrayList<>();
        for (Map.Entry<Bytes, Bytes> e : map.entrySet()) {
            if (range.contains(e.getKey())) {
                out.add(new KeyValue(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    /** Reads the iterator in a random mix of both ends and returns the entries in key order. */
    private static List<KeyValue> drain(SledIterator it, Random r) {
        List<KeyValue> front = new ArrayList<>();
        List<KeyValue> back = new ArrayList<>();
        try (it) {
            while (true) {
                if (r.nextBoolean()) {
                    if (!it.hasNext()) {
                        break;
                    }
                    front.add(it.next());
                } else {
                    if (!it.hasNextBack()) {
                        break;
                    }
                    back.add(0, it.nextBack());
                }
            }
            front.addAll(back);
            return front;
        }
    }

    @Test
    void plainOperationsMatchASortedMap() {
        Random r = new Random(20261125);
        NavigableMap<Bytes, Bytes> model = new TreeMap<>();
        try (EtcdSledDb db = EtcdSled.open(SharedCluster.freshConfig().pageSize(3).build())) {
            SledTree tree = db.openTree("model");
            for (int step = 0; step < 250; step++) {
                Bytes k = key(r);
                Bytes v = Bytes.ofLong(r.nextInt(5));
                switch (r.nextInt(8)) {
                    case 0, 1 -> assertThat(tree.insert(k, v)).isEqualTo(model.put(k, v));
                    case 2 -> assertThat(tree.remove(k)).isEqualTo(model.remove(k));
                    case 3 -> {
                        Bytes expected = r.nextBoolean() ? model.get(k) : v;
                        boolean matches = java.util.Objects.equals(expected, model.get(k));
                        assertThat(tree.compareAndSwap(k, expected, v).isSuccess()).isEqualTo(matches);
                        if (matches) {
                            model.put(k, v);
                        }
                    }
                    case 4 -> {
                        SledBatch batch = new SledBatch();
                        for (int i = 0; i < 4; i++) {
                            Bytes bk = key(r);
                            if (r.nextBoolean()) {
                                batch.insert(bk, v);
                                model.put(bk, v);
                            } else {
                                batch.remove(bk);
                                model.remove(bk);
                            }
                        }
                        tree.applyBatch(batch);
                    }
                    case 5 -> {
                        KeyRange range = range(r);
                        assertThat(drain(tree.range(range), r)).as("range %s", range).isEqualTo(model(model, range));
                    }
                    case 6 -> {
                        Map.Entry<Bytes, Bytes> lower = model.lowerEntry(k);
                        KeyValue lt = tree.getLt(k);
                        assertThat(lt == null ? null : lt.key()).isEqualTo(lower == null ? null : lower.getKey());
                    }
                    default -> assertThat(tree.get(k)).isEqualTo(model.get(k));
                }
            }
            assertThat(tree.size()).isEqualTo(model.size());
        }
    }

    @Test
    void transactionsMatchASortedMapWithTheirWritesOnTop() {
        Random r = new Random(7);
        NavigableMap<Bytes, Bytes> model = new TreeMap<>();
        try (EtcdSledDb db = EtcdSled.open(SharedCluster.freshConfig().pageSize(3).build())) {
            SledTree tree = db.openTree("model");
            for (int round = 0; round < 12; round++) {
                NavigableMap<Bytes, Bytes> view = new TreeMap<>(model);
                long seed = r.nextLong();
                tree.transaction((TransactionalTree tx) -> {
                    Random tr = new Random(seed);
                    view.clear();
                    view.putAll(model);
                    for (int step = 0; step < 12; step++) {
                        Bytes k = key(tr);
                        switch (tr.nextInt(4)) {
                            case 0 -> assertThat(tx.insert(k, Bytes.ofLong(step))).isEqualTo(view.put(k, Bytes.ofLong(step)));
                            case 1 -> assertThat(tx.remove(k)).isEqualTo(view.remove(k));
                            case 2 -> {
                                KeyRange range = range(tr);
                                assertThat(drain(tx.range(range), tr)).as("range %s", range).isEqualTo(model(view, range));
                            }
                            default -> assertThat(tx.get(k)).isEqualTo(view.get(k));
                        }
                    }
                    return null;
                });
                model.clear();
                model.putAll(view);
                assertThat(drain(tree.iterator(), r)).isEqualTo(model(model, KeyRange.all()));
            }
        }
    }
}
