package dev.sled.internal.format;

import dev.sled.FormatVersionException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The 16-byte header at the start of every file: an 8-byte magic naming the file kind, the format
 * version, and 4 reserved bytes. Opening a file with another magic or a newer version fails clearly.
 */
public final class FormatVersion {

    /**
     * Bumped on any incompatible change of a byte layout (docs/ARCHITECTURE.md, "On disk"). Version 2
     * commits metadata batches in the segment log; version 3 adds nodes stored with two deltas.
     */
    public static final int CURRENT = 3;
    /** The oldest version this engine reads: version 2 files are version 3 files without two-delta nodes. */
    public static final int OLDEST_READABLE = 2;
    public static final int HEADER_SIZE = 16;

    public static final String SEGMENT_MAGIC = "SLEDJSEG";
    public static final String META_MAGIC = "SLEDJMET";

    private FormatVersion() {
    }

    public static ByteBuffer header(String magic) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
        b.put(magic.getBytes(StandardCharsets.US_ASCII)).putInt(CURRENT).putInt(0).flip();
        return b;
    }

    /** Checks a header read from {@code file}; throws {@link FormatVersionException} naming what was found. */
    public static void check(ByteBuffer header, String magic, Path file) {
        byte[] found = new byte[8];
        header.get(found);
        String foundMagic = new String(found, StandardCharsets.ISO_8859_1);
        if (!foundMagic.equals(magic)) {
            throw new FormatVersionException(file + " is not a sled-for-Java " + (magic.equals(META_MAGIC) ? "metadata" : "segment")
                    + " file (found magic " + printable(found) + ", expected " + magic
                    + "): check the database path; it may belong to another program");
        }
        int version = header.getInt();
        header.getInt(); // reserved
        if (version < OLDEST_READABLE || version > CURRENT) {
            throw new FormatVersionException(file + " has format version " + version + " but this engine reads versions "
                    + OLDEST_READABLE + " to " + CURRENT + (version > CURRENT
                            ? ": open it with a newer sled-for-Java release"
                            : ": open it with the release that wrote it, export() it and importFrom() into a new database"));
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            sb.append(b >= 0x20 && b < 0x7F ? Character.toString(b) : String.format("\\x%02x", b & 0xFF));
        }
        return sb.append('"').toString();
    }
}
