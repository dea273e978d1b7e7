package dev.sled;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random operation sequences against a {@link TreeMap} model, with flush, close/reopen and crash-free
 * restarts in the sequence, tiny nodes and segments (splits, merges, compaction on nearly every step)
 * and a small cache (eviction). Each repetition uses its own seed, printed on failure.
 */
class ModelTest {

    @TempDir
    Path dir;

    private static final java.util.Comparator<Bytes> ORDER = Bytes::compareTo;

    @RepeatedTest(40)
    void randomOperationsMatchTheModel(RepetitionInfo info) {
        long seed = 0x5EED0000L + info.getCurrentRepetition();
        Random rnd = new Random(seed);
        SledConfig cfg = SledConfig.builder().path(dir.resolve("db")).nodeMaxEntries(4 + rnd.nextInt(12))
                .segmentSize(4096).cacheCapacity(64 * 1024).flushEveryMs(0)
                .mode(rnd.nextBoolean() ? Mode.LOW_SPACE : Mode.HIGH_THROUGHPUT);
        Map<String, TreeMap<Bytes, Bytes>> model = new TreeMap<>();
        SledDb db = cfg.open();
        List<String> log = new ArrayList<>();
        try {
            for (int step = 0; step < 600; step++) {
                String treeName = "t" + rnd.nextInt(3);
                SledTree tree = db.openTree(treeName);
                TreeMap<Bytes, Bytes> m = model.computeIfAbsent(treeName, k -> new TreeMap<>(ORDER));
                Bytes key = randomKey(rnd);
                int op = rnd.nextInt(100);
                log.add(step + ": op " + op + " on " + treeName + " key " + key);
                if (op < 35) {
                    Bytes v = randomValue(rnd);
                    assertThat(tree.insert(key, v)).isEqualTo(m.put(key, v));
                } else if (op < 50) {
                    assertThat(tree.remove(key)).isEqualTo(m.remove(key));
                } else if (op < 60) {
                    assertThat(tree.get(key)).isEqualTo(m.get(key));
                } else if (op < 66) {
                    Bytes expected = rnd.nextBoolean() ? m.get(key) : randomValue(rnd);
                    Bytes next = rnd.nextInt(4) == 0 ? null : randomValue(rnd);
                    boolean ok = java.util.Objects.equals(m.get(key), expected);
                    assertThat(tree.compareAndSwap(key, expected, next).isSuccess()).isEqualTo(ok);
                    if (ok) {
                        if (next == null) {
                            m.remove(key);
                        } else {
                            m.put(key, next);
                        }
                    }
                } else if (op < 74) {
                    KeyRange r = randomRange(rnd);
                    boolean reverse = rnd.nextBoolean();
                    List<Bytes> expected = new ArrayList<>(subMap(m, r).keySet());
                    if (reverse) {
                        java.util.Collections.reverse(expected);
                    }
                    SledIterator it = tree.range(r);
                    assertThat(SledContractTests.keys(reverse ? it.reverse() : it)).as("range %s", r).isEqualTo(expected);
                } else if (op < 80) {
                    SledBatch batch = new SledBatch();
                    int n = 1 + rnd.nextInt(8);
                    for (int i = 0; i < n; i++) {
                        Bytes k = randomKey(rnd);
                        if (rnd.nextInt(3) == 0) {
                            batch.remove(k);
                        } else {
                            batch.insert(k, randomValue(rnd));
                        }
                    }
                    tree.applyBatch(batch);
                    batch.writes().forEach((k, v) -> {
                        if (v == null) {
                            m.remove(k);
                        } else {
                            m.put(k, v);
                        }
                    });
                } else if (op < 86) {
                    Bytes k2 = randomKey(rnd);
                    Bytes v = randomValue(rnd);
                    tree.transaction(tx -> {
                        tx.insert(key, v);
                        tx.remove(k2);
                        return null;
                    });
                    m.put(key, v);
                    m.remove(k2);
                } else if (op < 90) {
                    db.flush();
                } else if (op < 93) {
                    db.close();
                    db = cfg.open();
                } else if (op < 95) {
                    KeyValue first = tree.popMin();
                    Map.Entry<Bytes, Bytes> e = m.pollFirstEntry();
                    assertThat(first == null ? null : first.key()).isEqualTo(e == null ? null : e.getKey());
                } else {
                    assertThat(tree.size()).isEqualTo(m.size());
                }
            }
            for (Map.Entry<String, TreeMap<Bytes, Bytes>> e : model.entrySet()) {
                assertContents(db.openTree(e.getKey()), e.getValue());
            }
            db.close();
            db = cfg.open();
            for (Map.Entry<String, TreeMap<Bytes, Bytes>> e : model.entrySet()) {
                assertContents(db.openTree(e.getKey()), e.getValue());
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + ", last steps " + log.subList(Math.max(0, log.size() - 8), log.size()), e);
        } finally {
            db.close();
        }
    }

    /**
     * Both ends of one iterator, stepped and peeked in random order over many small leaves, against a
     * deque of the range's model entries: each end takes from its side until they meet.
     */
    @RepeatedTest(60)
    void bothEndsOfARangeMatchTheModel(RepetitionInfo info) {
        long seed = 0xB07E0000L + info.getCurrentRepetition();
        Random rnd = new Random(seed);
        try (SledDb db = SledConfig.builder().path(dir.resolve("ends")).nodeMaxEntries(4 + rnd.nextInt(8)).open()) {
            TreeMap<Bytes, Bytes> m = new TreeMap<>(ORDER);
            for (int i = 0; i < 400; i++) {
                Bytes k = randomKey(rnd);
                Bytes v = randomValue(rnd);
                db.insert(k, v);
                m.put(k, v);
            }
            for (int round = 0; round < 40; round++) {
                KeyRange r = randomRange(rnd);
                java.util.ArrayDeque<KeyValue> expected = new java.util.ArrayDeque<>();
                subMap(m, r).forEach((k, v) -> expected.add(new KeyValue(k, v)));
                List<String> steps = new ArrayList<>();
                try (SledIterator it = db.range(r)) {
                    for (int step = 0; step < 200; step++) {
                        int op = rnd.nextInt(4);
                        steps.add(List.of("next", "nextBack", "hasNext", "hasNextBack").get(op));
                        String where = "seed " + seed + ", range " + r + ", steps " + steps;
                        switch (op) {
                            case 0 -> assertThat(it.hasNext() ? it.next() : null).as(where).isEqualTo(expected.pollFirst());
                            case 1 -> assertThat(it.hasNextBack() ? it.nextBack() : null).as(where).isEqualTo(expected.pollLast());
                            case 2 -> assertThat(it.hasNext()).as(where).isEqualTo(!expected.isEmpty());
                            default -> assertThat(it.hasNextBack()).as(where).isEqualTo(!expected.isEmpty());
                        }
                    }
                }
            }
        }
    }

    static void assertContents(SledTree tree, TreeMap<Bytes, Bytes> model) {
        List<KeyValue> actual = new ArrayList<>();
        try (SledIterator it = tree.iterator()) {
            it.forEachRemaining(actual::add);
        }
        List<KeyValue> expected = new ArrayList<>();
        model.forEach((k, v) -> expected.add(new KeyValue(k, v)));
        assertThat(actual).isEqualTo(expected);
    }

    private static Map<Bytes, Bytes> subMap(TreeMap<Bytes, Bytes> m, KeyRange r) {
        Bytes upper = r.upperExclusive();
        Bytes lower = r.lowerInclusive();
        if (upper != null && lower.compareTo(upper) >= 0) {
            return Map.of();
        }
        return upper == null ? m.tailMap(lower, true) : m.subMap(lower, true, upper, false);
    }

    private static KeyRange randomRange(Random rnd) {
        Bytes a = randomKey(rnd);
        Bytes b = randomKey(rnd);
        return switch (rnd.nextInt(6)) {
            case 0 -> KeyRange.closed(a, b);
            case 1 -> KeyRange.closedOpen(a, b);
            case 2 -> KeyRange.openClosed(a, b);
            case 3 -> KeyRange.atLeast(a);
            case 4 -> KeyRange.lessThan(b);
            default -> KeyRange.prefix(a.slice(0, Math.min(1, a.length())));
        };
    }

    static Bytes randomKey(Random rnd) {
        int len = rnd.nextInt(4);
        byte[] k = new byte[len];
        for (int i = 0; i < len; i++) {
            k[i] = (byte) (rnd.nextBoolean() ? rnd.nextInt(4) : 250 + rnd.nextInt(6));
        }
        return Bytes.wrap(k);
    }

    static Bytes randomValue(Random rnd) {
        byte[] v = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(600) : rnd.nextInt(12)];
        rnd.nextBytes(v);
        return Bytes.wrap(v);
    }
}
