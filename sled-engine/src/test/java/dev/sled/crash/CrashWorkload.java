package dev.sled.crash;

import dev.sled.Bytes;
import dev.sled.SledBatch;
import dev.sled.SledDb;
import dev.sled.SledTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic history of operation units (insert, remove, batch, two-tree transaction) over a
 * small key space in two trees. The crash child applies it to a database; the parent replays it on
 * a model to know every state the database may legally be in after a crash: a prefix of the history.
 */
final class CrashWorkload {

    static final String[] TREES = {"a", "b"};
    private static final int KEYS = 64;

    /** One unit of the history: a set of writes per tree applied atomically (null value = remove). */
    record Unit(Map<String, Map<Bytes, Bytes>> writes, String kind) {}

    private final Random rnd;
    private int sequence;

    CrashWorkload(long seed) {
        this.rnd = new Random(seed);
    }

    Unit next() {
        sequence++;
        int op = rnd.nextInt(10);
        Map<String, Map<Bytes, Bytes>> w = new TreeMap<>();
        if (op < 5) {
            put(w, TREES[rnd.nextInt(2)], key(), value());
            return new Unit(w, "insert");
        } else if (op < 7) {
            put(w, TREES[rnd.nextInt(2)], key(), null);
            return new Unit(w, "remove");
        } else if (op < 9) {
            String t = TREES[rnd.nextInt(2)];
            int n = 2 + rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                put(w, t, key(), rnd.nextInt(4) == 0 ? null : value());
            }
            return new Unit(w, "batch");
        } else {
            put(w, "a", key(), value());
            put(w, "b", key(), value());
            return new Unit(w, "transaction");
        }
    }

    private static void put(Map<String, Map<Bytes, Bytes>> w, String tree, Bytes key, Bytes value) {
        w.computeIfAbsent(tree, t -> new TreeMap<>()).put(key, value);
    }

    private Bytes key() {
        return Bytes.ofLong(rnd.nextInt(KEYS));
    }

    /** Values carry the unit's sequence number, so every write is distinguishable. */
    private Bytes value() {
        byte[] v = new byte[12 + rnd.nextInt(40)];
        rnd.nextBytes(v);
        Bytes.ofLong(sequence).copyTo(v, 0);
        return Bytes.wrap(v);
    }

    static void apply(SledDb db, Unit u) {
        switch (u.kind()) {
            case "insert", "remove" -> u.writes().forEach((t, w) -> w.forEach((k, v) -> {
                SledTree tree = db.openTree(t);
                if (v == null) {
                    tree.remove(k);
                } else {
                    tree.insert(k, v);
                }
            }));
            case "batch" -> u.writes().forEach((t, w) -> {
                SledBatch b = new SledBatch();
                w.forEach((k, v) -> {
                    if (v == null) {
                        b.remove(k);
                    } else {
                        b.insert(k, v);
                    }
                });
                db.openTree(t).applyBatch(b);
            });
            default -> {
                SledTree a = db.openTree("a");
                SledTree b = db.openTree("b");
                a.transaction(tx -> {
                    u.writes().get("a").forEach(tx::insert);
                    u.writes().get("b").forEach(tx.tree(b)::insert);
                    return null;
                });
            }
        }
    }

    static void applyToModel(Map<String, TreeMap<Bytes, Bytes>> model, Unit u) {
        u.writes().forEach((t, w) -> w.forEach((k, v) -> {
            TreeMap<Bytes, Bytes> m = model.computeIfAbsent(t, x -> new TreeMap<>());
            if (v == null) {
                m.remove(k);
            } else {
                m.put(k, v);
            }
        }));
    }

    static List<Unit> history(long seed, int units) {
        CrashWorkload w = new CrashWorkload(seed);
        List<Unit> out = new ArrayList<>(units);
        for (int i = 0; i < units; i++) {
            out.add(w.next());
        }
        return out;
    }
}
