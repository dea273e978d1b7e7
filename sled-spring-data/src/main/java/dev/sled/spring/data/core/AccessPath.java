package dev.sled.spring.data.core;

import dev.sled.KeyRange;
import dev.sled.spring.data.mapping.SledPersistentProperty;

/**
 * Which keys a scan reads: a range of the entity tree, whose order is the id order, or a range of an
 * index tree, whose order is (property value, id).
 */
public sealed interface AccessPath {

    /** Every entity, in id order. */
    static AccessPath all() {
        return new Primary(KeyRange.all());
    }

    KeyRange range();

    /** A range of encoded ids in the entity tree. */
    record Primary(KeyRange range) implements AccessPath {
    }

    /** A range of the index of {@code property}, whose keys are the encoded value followed by the encoded id. */
    record Index(SledPersistentProperty property, KeyRange range) implements AccessPath {
    }
}
