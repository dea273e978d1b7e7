package dev.sled.spring.data.mapping;

import org.springframework.data.mapping.Association;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.model.AnnotationBasedPersistentProperty;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;

/** A property of a sled entity; knows whether it is {@link Indexed}. */
public class SledPersistentProperty extends AnnotationBasedPersistentProperty<SledPersistentProperty> {

    public SledPersistentProperty(Property property, PersistentEntity<?, SledPersistentProperty> owner,
            SimpleTypeHolder simpleTypeHolder) {
        super(property, owner, simpleTypeHolder);
    }

    /** Whether the property carries {@link Indexed}. */
    public boolean isIndexed() {
        return isAnnotationPresent(Indexed.class);
    }

    @Override
    protected Association<SledPersistentProperty> createAssociation() {
        return new Association<>(this, null);
    }
}
