package dev.sled.spring.data.core;

import dev.sled.Bytes;
import dev.sled.SledDb;
import dev.sled.SledTree;
import dev.sled.spring.data.convert.KeyCodec;
import dev.sled.spring.data.convert.KeyComponents;
import dev.sled.spring.data.mapping.SledPersistentProperty;
import dev.sled.spring.transaction.TransactionAwareSledTree;

/**
 * The index of one {@link dev.sled.spring.data.mapping.Indexed} property: a tree with one empty-valued
 * entry per entity whose key is the {@linkplain KeyComponents#terminated terminated} encoded property
 * value followed by the entity's key, so that the entries of one value are a prefix range ordered by id.
 */
public final class SecondaryIndex {

    private final SledPersistentProperty property;
    private final SledTree tree;
    private final SledTree view;
    private final KeyCodec<Object> codec;

    SecondaryIndex(SledPersistentProperty property, SledDb db, SledTree tree, KeyCodec<Object> codec) {
        this.property = property;
        this.tree = tree;
        this.view = new TransactionAwareSledTree(db, tree);
        this.codec = codec;
    }

    public SledPersistentProperty property() {
        return property;
    }

    /** The index tree itself, for use inside a transaction. */
    SledTree tree() {
        return tree;
    }

    /** The index tree for reads, joining a Spring-managed transaction when there is one. */
    SledTree view() {
        return view;
    }

    /** The keys of every entity whose property equals {@code value}. */
    public KeySpan valueSpan(Object value) {
        return KeySpan.prefix(valuePrefix(value));
    }

    /** The keys of every entity whose string property starts with {@code prefix}. */
    public KeySpan startingWith(Object prefix) {
        Bytes terminated = valuePrefix(prefix);
        return KeySpan.prefix(terminated.slice(0, terminated.length() - 2));
    }

    /** The index entry of the entity with key {@code entityKey} and property value {@code value}. */
    public Bytes key(Object value, Bytes entityKey) {
        return KeyComponents.concat(valuePrefix(value), entityKey);
    }

    Bytes entityKeyOf(Bytes indexKey) {
        return indexKey.slice(KeyComponents.read(indexKey, 0).end(), indexKey.length());
    }

    private Bytes valuePrefix(Object value) {
        return KeyComponents.terminated(codec.encode(value));
    }

    @Override
    public String toString() {
        return "SecondaryIndex[" + tree.name().toUtf8String() + "]";
    }
}
