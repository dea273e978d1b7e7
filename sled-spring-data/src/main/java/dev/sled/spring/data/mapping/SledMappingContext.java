package dev.sled.spring.data.mapping;

import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.context.AbstractMappingContext;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;

/**
 * The Spring Data mapping metadata of sled entities and of the user types they contain. JDK types are
 * values, never entities: the value codec writes them whole.
 */
public class SledMappingContext extends AbstractMappingContext<SledPersistentEntity<?>, SledPersistentProperty> {

    @Override
    protected boolean shouldCreatePersistentEntityFor(TypeInformation<?> type) {
        return super.shouldCreatePersistentEntityFor(type) && !type.getType().getName().startsWith("java.");
    }

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
