package dev.sled.spi;

import dev.sled.Bytes;
import dev.sled.KeyValue;
import dev.sled.SledIterator;
import java.util.zip.CRC32;

/**
 * How tree and database checksums are computed, in one place for every backend, so that equal contents
 * give equal checksums whichever backend holds them.
 */
public final class Checksums {

    private Checksums() {
    }

    /** Adds every entry of {@code entries}, key then value, in iteration order; closes the iterator. */
    public static void addEntries(CRC32 crc, SledIterator entries) {
        try (entries) {
            while (entries.hasNext()) {
                KeyValue kv = entries.next();
                crc.update(kv.key().asReadOnlyBuffer());
                crc.update(kv.value().asReadOnlyBuffer());
            }
        }
    }

    /** Adds one tree of a database: its name, then its entries. A database adds its trees in name order. */
    public static void addTree(CRC32 crc, Bytes name, SledIterator entries) {
        crc.update(name.asReadOnlyBuffer());
        addEntries(crc, entries);
    }
}
