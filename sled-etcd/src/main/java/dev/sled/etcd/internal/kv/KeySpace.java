package dev.sled.etcd.internal.kv;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.sled.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a database lives in etcd's single keyspace. Every key starts with the namespace; then
 * {@code 0x00} introduces the metadata (tree catalog, id counter) and {@code 0x01} the data, prefixed by
 * the tree's 8-byte id. Trees are prefixes of one keyspace so that one etcd {@code Txn} can span several
 * trees atomically; the prefix also keeps the empty user key (which etcd rejects) representable.
 */
public final class KeySpace {

    private static final byte META = 0x00;
    private static final byte DATA = 0x01;

    private final byte[] namespace;
    private final ByteString treeCatalogPrefix;
    private final ByteString nextTreeIdKey;
    private final ByteString idGeneratorKey;

    public KeySpace(byte[] namespace) {
        this.namespace = namespace.clone();
        this.treeCatalogPrefix = meta("tree/");
        this.nextTreeIdKey = meta("next-tree-id");
        this.idGeneratorKey = meta("id");
    }

    /** The catalog entry of tree {@code name}: its value is the tree's 8-byte id. */
    public ByteString treeKey(Bytes name) {
        return treeCatalogPrefix.concat(bytes(name));
    }

    public ByteString treeCatalogPrefix() {
        return treeCatalogPrefix;
    }

    /** The tree name of a catalog key. */
    public Bytes treeName(ByteString catalogKey) {
        return Bytes.wrap(catalogKey.substring(treeCatalogPrefix.size()).toByteArray());
    }

    /** The counter from which tree ids are allocated by compare-and-swap. */
    public ByteString nextTreeIdKey() {
        return nextTreeIdKey;
    }

    /** The key whose writes produce {@code generateId()}'s revisions. */
    public ByteString idGeneratorKey() {
        return idGeneratorKey;
    }

    /** The prefix of every key of tree {@code treeId}. */
    public ByteString dataPrefix(long treeId) {
        byte[] p = new byte[namespace.length + 9];
        System.arraycopy(namespace, 0, p, 0, namespace.length);
        p[namespace.length] = DATA;
        for (int i = 0; i < 8; i++) {
            p[namespace.length + 1 + i] = (byte) (treeId >>> (56 - 8 * i));
        }
        return UnsafeByteOperations.unsafeWrap(p);
    }

    public static ByteString encodeLong(long v) {
        return UnsafeByteOperations.unsafeWrap(Bytes.ofLong(v).toArray());
    }

    public static long decodeLong(ByteString b) {
        return Bytes.wrap(b.toByteArray()).toLong();
    }

    public static ByteString bytes(Bytes b) {
        return UnsafeByteOperations.unsafeWrap(b.toArray());
    }

    public static Bytes bytes(ByteString b) {
        return b.isEmpty() ? Bytes.EMPTY : Bytes.wrap(b.toByteArray());
    }

    /**
     * The exclusive end of the keys starting with {@code prefix}: the last byte that is not 0xFF, incremented.
     * An all-0xFF prefix has no end, which etcd spells {@code "\0"}.
     */
    public static ByteString prefixEnd(ByteString prefix) {
        byte[] p = prefix.toByteArray();
        for (int i = p.length - 1; i >= 0; i--) {
            if (p[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(p, i + 1);
                end[i]++;
                return UnsafeByteOperations.unsafeWrap(end);
            }
        }
        return ByteString.copyFrom(new byte[] {0});
    }

    /** The immediate successor of {@code key}: {@code key + 0x00}. */
    public static ByteString successor(ByteString key) {
        return key.concat(ByteString.copyFrom(new byte[] {0}));
    }

    /** Unsigned lexicographic order, etcd's and sled's key order. */
    public static int compare(ByteString a, ByteString b) {
        return ByteString.unsignedLexicographicalComparator().compare(a, b);
    }

    private ByteString meta(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[namespace.length + 1 + n.length];
        System.arraycopy(namespace, 0, k, 0, namespace.length);
        k[namespace.length] = META;
        System.arraycopy(n, 0, k, namespace.length + 1, n.length);
        return UnsafeByteOperations.unsafeWrap(k);
    }
}
