package dev.sled.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-system helpers: allocated size and cleanup. */
final class Disk {

    private Disk() {
    }

    /**
     * The bytes allocated on disk under {@code dir}, as {@code du} counts them. File lengths would
     * overstate sparse files (LMDB's map, preallocated segments) and understate nothing else, so the
     * allocated size is the honest measure of space.
     */
    static long allocatedBytes(Path dir) {
        try {
            Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).redirectErrorStream(true).start();
            String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (du.waitFor() != 0) {
                throw new IllegalStateException("du failed: " + out);
            }
            return Long.parseLong(out.split("\\s+")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Writes every dirty page of the machine to disk ({@code sync}) before a phase starts, so that the
     * kernel's write-back of the previous phase's files does not run during the next store's timed part.
     * That store is always sled: in a full run without this, it did 197,000 random-fill puts/s right after
     * MVStore's durable writes, against 310,000-324,000 alone and about 300,000 in full runs with it.
     * Where there is no {@code sync} command, nothing happens.
     */
    static void syncAll() {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (IOException e) {
            // not a Unix-like system: the phases just run without it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Deletes {@code dir} and everything under it; a missing directory is fine. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
