package dev.sled.spring.data.mapping;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.model.BasicPersistentEntity;
import org.springframework.util.StringUtils;

/** A sled entity type: its keyspace, id, optional version and indexed properties. */
public class SledPersistentEntity<T> extends BasicPersistentEntity<T, SledPersistentProperty> {

    private final String keyspace;

    public SledPersistentEntity(TypeInformation<T> information) {
        super(information);
        this.keyspace = keyspaceOf(information.getType());
    }

    private static String keyspaceOf(Class<?> type) {
        SledEntity annotation = AnnotatedElementUtils.findMergedAnnotation(type, SledEntity.class);
        if (annotation != null && !annotation.value().isEmpty()) {
            return annotation.value();
        }
        return StringUtils.uncapitalize(type.getSimpleName());
    }

    /** The name of the tree that stores these entities. */
    public String getKeyspace() {
        return keyspace;
    }

    /** The name of the tree that indexes {@code property}. */
    public String getIndexKeyspace(SledPersistentProperty property) {
        return keyspace + ".idx." + property.getName();
    }

    /** The properties with an {@link Indexed} secondary index. */
    public List<SledPersistentProperty> getIndexedProperties() {
        List<SledPersistentProperty> indexed = new ArrayList<>();
        doWithProperties((SledPersistentProperty property) -> {
            if (property.isIndexed()) {
                indexed.add(property);
            }
        });
        return indexed;
    }
}
