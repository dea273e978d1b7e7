package dev.sled.spring.data.mapping;

import org.springframework.data.mapping.context.AbstractMappingContext;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;
import org.springframework.data.core.TypeInformation;

/** The Spring Data mapping metadata of sled entities. */
public class SledMappingContext extends AbstractMappingContext<SledPersistentEntity<?>, SledPersistentProperty> {

    @Override
    protected <T> SledPersistentEntity<?> createPersistentEntity(TypeInformation<T> typeInformation) {
        return new SledPersistentEntity<>(typeInformation);
    }

    @Override
    protected SledPersistentProperty createPersistentProperty(Property property, SledPersistentEntity<?> owner,
            SimpleTypeHolder simpleTypeHolder) {
        return new SledPersistentProperty(property, owner, simpleTypeHolder);
    }
}
