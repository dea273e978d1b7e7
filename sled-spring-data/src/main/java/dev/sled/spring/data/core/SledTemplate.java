package dev.sled.spring.data.core;

import dev.sled.SledDb;
import dev.sled.spring.data.convert.JacksonValueCodec;
import dev.sled.spring.data.convert.KeyCodecs;
import dev.sled.spring.data.convert.ValueCodec;
import dev.sled.spring.data.mapping.SledMappingContext;
import dev.sled.spring.data.mapping.SledPersistentEntity;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.util.Assert;

/**
 * The entry point to entity persistence on one database: it holds the mapping metadata and the codecs
 * and hands out one {@link EntityStore} per entity type. Repositories are built on it; applications may
 * use it directly.
 *
 * <pre>{@code
 * SledTemplate template = new SledTemplate(db);
 * EntityStore<Order> orders = template.store(Order.class);
 * Order saved = orders.save(new Order(null, "alice", 42));
 * }</pre>
 */
public class SledTemplate {

    private final SledDb db;
    private final SledMappingContext mappingContext;
    private final KeyCodecs keyCodecs;
    private final ValueCodec valueCodec;
    private final EntityInstantiators instantiators = new EntityInstantiators();
    private final ConcurrentMap<Class<?>, EntityStore<?>> stores = new ConcurrentHashMap<>();

    /** A template with the default codecs: built-in key codecs and JSON values. */
    public SledTemplate(SledDb db) {
        this(db, new SledMappingContext(), KeyCodecs.defaults(), JacksonValueCodec.json());
    }

    public SledTemplate(SledDb db, SledMappingContext mappingContext, KeyCodecs keyCodecs, ValueCodec valueCodec) {
        Assert.notNull(db, "'db' must not be null");
        Assert.notNull(mappingContext, "'mappingContext' must not be null");
        Assert.notNull(keyCodecs, "'keyCodecs' must not be null");
        Assert.notNull(valueCodec, "'valueCodec' must not be null");
        this.db = db;
        this.mappingContext = mappingContext;
        this.keyCodecs = keyCodecs;
        this.valueCodec = valueCodec;
    }

    public SledDb getDb() {
        return db;
    }

    public SledMappingContext getMappingContext() {
        return mappingContext;
    }

    public KeyCodecs getKeyCodecs() {
        return keyCodecs;
    }

    public ValueCodec getValueCodec() {
        return valueCodec;
    }

    /**
     * The store of {@code type}, created on first use: that checks its mapping, opens its trees, and
     * builds indexes added since the last start (dropping those removed).
     *
     * @throws org.springframework.data.mapping.MappingException when the type has no id
     * @throws IllegalArgumentException when the id or an indexed property has a type without key codec
     */
    @SuppressWarnings("unchecked")
    public <T> EntityStore<T> store(Class<T> type) {
        Assert.notNull(type, "'type' must not be null");
        return (EntityStore<T>) stores.computeIfAbsent(type, this::createStore);
    }

    private EntityStore<?> createStore(Class<?> type) {
        SledPersistentEntity<?> entity = mappingContext.getRequiredPersistentEntity(type);
        if (!entity.hasIdProperty()) {
            throw new MappingException("entity " + entity.getName() + " has no id property: annotate the field that "
                    + "holds its key with @org.springframework.data.annotation.Id");
        }
        EntityStore<?> store = new EntityStore<>(db, entity, mappingContext, keyCodecs, valueCodec, instantiators);
        store.synchronizeIndexes();
        return store;
    }

    @Override
    public String toString() {
        return "SledTemplate[" + valueCodec + "]";
    }
}
