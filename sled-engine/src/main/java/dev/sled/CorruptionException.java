package dev.sled;

import java.nio.file.Path;

/** Stored data failed its checksum or could not be decoded. Names the file and the offset. */
public class CorruptionException extends StorageException {
    private final Path file;
    private final long offset;

    public CorruptionException(Path file, long offset, String what) {
        super("corrupt data in " + file + " at offset " + offset + ": " + what);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
