package dev.sled.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.SledException;
import dev.sled.SledIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Damaged files: flip random bits in, or truncate, a random file of a closed database, then open and
 * read everything. Every read must return the right value or throw a {@link SledException} that names
 * the damaged file; never a wrong value, a hang or an {@link OutOfMemoryError}.
 * {@code -Dsled.corruption.mutations=N} sets the number of mutated copies.
 */
class CorruptionTest {

    @TempDir
    Path dir;

    @Test
    void damagedFilesAreDetectedNeverMisread() throws Exception {
        int mutations = Integer.getInteger("sled.corruption.mutations", 200);
        Path original = dir.resolve("original");
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        Random data = new Random(7);
        try (SledDb db = SledConfig.builder().path(original).segmentSize(8192).nodeMaxEntries(16).flushEveryMs(0).open()) {
            for (int i = 0; i < 3000; i++) {
                Bytes k = Bytes.ofLong(data.nextInt(2000));
                byte[] v = new byte[1 + data.nextInt(40)];
                data.nextBytes(v);
                db.insert(k, Bytes.wrap(v));
                model.put(k, Bytes.wrap(v));
                if (i % 500 == 0) {
                    db.flush();
                }
            }
        }
        long seed = Long.getLong("sled.corruption.seed", System.nanoTime());
        Random rnd = new Random(seed);
        int detected = 0;
        int harmless = 0;
        for (int m = 0; m < mutations; m++) {
            Path copy = dir.resolve("copy");
            deleteTree(copy);
            copyTree(original, copy);
            List<Path> files;
            try (Stream<Path> s = Files.list(copy)) {
                files = s.filter(p -> !p.getFileName().toString().equals("LOCK")).sorted().toList();
            }
            Path victim = files.get(rnd.nextInt(files.size()));
            String damage = damage(victim, rnd);
            String context = "seed " + seed + " mutation " + m + ": " + damage;
            Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> readAll(copy, model, victim, context), context);
            if (outcome == Outcome.DETECTED) {
                detected++;
            } else {
                harmless++;
            }
        }
        assertThat(detected + harmless).isEqualTo(mutations);
        assertThat(detected).as("some damage must have been detected").isPositive();
    }

    private enum Outcome { DETECTED, HARMLESS }

    private static Outcome readAll(Path db, TreeMap<Bytes, Bytes> model, Path victim, String context) {
        try (SledDb opened = SledConfig.builder().path(db).flushEveryMs(0).open()) {
            boolean detected = false;
            for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
                try {
                    Bytes v = opened.get(e.getKey());
                    if (!e.getValue().equals(v)) {
                        fail("%s: key %s read %s, expected %s", context, e.getKey(), v, e.getValue());
                    }
                } catch (SledException ex) {
                    assertNamesFile(ex, victim, context);
                    detected = true;
                }
            }
            try (SledIterator it = opened.iterator()) {
                while (it.hasNext()) {
                    var kv = it.next();
                    if (!kv.value().equals(model.get(kv.key()))) {
                        fail("%s: iteration returned %s = %s, expected %s", context, kv.key(), kv.value(), model.get(kv.key()));
                    }
                }
            } catch (SledException ex) {
                assertNamesFile(ex, victim, context);
                detected = true;
            }
            return detected ? Outcome.DETECTED : Outcome.HARMLESS;
        } catch (SledException ex) {
            assertNamesFile(ex, victim, context);
            return Outcome.DETECTED;
        }
    }

    private static void assertNamesFile(SledException ex, Path victim, String context) {
        String name = victim.getFileName().toString();
        boolean segmentMissing = name.startsWith("seg-") && String.valueOf(ex.getMessage()).contains("segment");
        if (!String.valueOf(ex.getMessage()).contains(name) && !segmentMissing) {
            throw new AssertionError(context + ": the error does not name " + name + ": " + ex, ex);
        }
    }

    private static String damage(Path file, Random rnd) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            return "empty " + file.getFileName();
        }
        if (rnd.nextInt(4) == 0) {
            long len = rnd.nextLong(size);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(len);
            }
            return "truncated " + file.getFileName() + " to " + len + " of " + size;
        }
        int flips = 1 + rnd.nextInt(3);
        StringBuilder sb = new StringBuilder("flipped bits in " + file.getFileName() + " at");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int i = 0; i < flips; i++) {
                long pos = rnd.nextLong(size);
                ByteBuffer b = ByteBuffer.allocate(1);
                ch.read(b, pos);
                b.put(0, (byte) (b.get(0) ^ (1 << rnd.nextInt(8))));
                ch.write(b.flip(), pos);
                sb.append(' ').append(pos);
            }
        }
        return sb.toString();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            s.forEach(p -> {
                try {
                    Files.copy(p, to.resolve(p.getFileName()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }
}
