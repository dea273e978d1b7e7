package dev.sled.spring.data.core;

import dev.sled.Bytes;
import dev.sled.KeyRange;
import dev.sled.KeyValue;
import dev.sled.SledBatch;
import dev.sled.SledDb;
import dev.sled.SledException;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import dev.sled.TransactionalTree;
import dev.sled.spring.data.convert.KeyCodec;
import dev.sled.spring.data.convert.KeyCodecs;
import dev.sled.spring.data.convert.ValueCodec;
import dev.sled.spring.data.mapping.SledMappingContext;
import dev.sled.spring.data.mapping.SledPersistentEntity;
import dev.sled.spring.data.mapping.SledPersistentProperty;
import dev.sled.spring.transaction.SledExceptionTranslator;
import dev.sled.spring.transaction.SledTransactions;
import dev.sled.spring.transaction.TransactionAwareSledTree;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.mapping.model.InstantiationAwarePropertyAccessor;
import org.springframework.util.ClassUtils;

/**
 * Stores the entities of one type: each under the encoded id in the type's keyspace tree, with its
 * secondary index entries in their own trees.
 *
 * <p>Every write runs in one engine transaction, so an entity and its index entries change together or
 * not at all, also across a crash. Inside a Spring-managed sled transaction that transaction is joined;
 * otherwise the engine runs its own, which it retries when the commit conflicts. Entities with neither
 * version nor index need no read, so outside a Spring-managed transaction their saves are one atomic
 * batch of the entity tree instead. Reads outside a
 * Spring-managed transaction go to the trees directly (a scan is weakly consistent; derived queries
 * re-check their criteria on every entity they load).
 *
 * <p>Saving:
 * <ul>
 * <li>an absent id ({@code null}, or 0 for a primitive) of type {@code long}/{@code Long} or
 * {@code int}/{@code Integer} is taken from the database's monotonic ID generator; other id types must be
 * set;
 * <li>with a {@code @Version} property, a new entity (version {@code null}, or 0 for a primitive) must
 * not exist yet and starts at version 0 (1 for primitives); any other save must carry the stored version,
 * which is then incremented; otherwise it throws {@link OptimisticLockingFailureException} and writes
 * nothing.
 * </ul>
 * Engine failures are thrown as Spring {@link org.springframework.dao.DataAccessException}s.
 */
public final class EntityStore<T> {

    private static final Set<Class<?>> VERSION_TYPES = Set.of(Long.class, Integer.class, Short.class);

    /** The tree recording which properties of each keyspace are indexed. */
    static final String INDEX_CATALOG = "__sled_spring_data__indexes";

    private final SledDb db;
    private final SledPersistentEntity<T> entity;
    private final SledPersistentProperty idProperty;
    private final @Nullable SledPersistentProperty versionProperty;
    private final KeyCodec<Object> idCodec;
    private final ValueCodec valueCodec;
    private final EntityInstantiators instantiators;
    private final SledTree primaryTree;
    private final SledTree primary;
    private final Map<String, SecondaryIndex> indexes = new LinkedHashMap<>();
    private final EntityOrdering<T> ordering;

    @SuppressWarnings("unchecked")
    EntityStore(SledDb db, SledPersistentEntity<T> entity, SledMappingContext mappingContext, KeyCodecs keyCodecs,
            ValueCodec valueCodec, EntityInstantiators instantiators) {
        this.db = db;
        this.entity = entity;
        this.ordering = new EntityOrdering<>(entity, mappingContext, keyCodecs);
        this.idProperty = entity.getRequiredIdProperty();
        this.versionProperty = entity.getVersionProperty();
        this.idCodec = (KeyCodec<Object>) codecFor(keyCodecs, idProperty, "id");
        if (versionProperty != null && !VERSION_TYPES.contains(ClassUtils.resolvePrimitiveIfNecessary(versionProperty.getType()))) {
            throw new IllegalArgumentException("@Version property '" + versionProperty.getName() + "' of " + entity.getName()
                    + " has type " + versionProperty.getType().getName() + "; use long, int or short (or their wrappers)");
        }
        this.valueCodec = valueCodec;
        this.instantiators = instantiators;
        this.primaryTree = db.openTree(entity.getKeyspace());
        this.primary = new TransactionAwareSledTree(db, primaryTree);
        for (SledPersistentProperty property : entity.getIndexedProperties()) {
            SledTree indexTree = db.openTree(entity.getIndexKeyspace(property));
            indexes.put(property.getName(), new SecondaryIndex(property, db, indexTree,
                    (KeyCodec<Object>) codecFor(keyCodecs, property, "@Indexed")));
        }
    }

    /**
     * Brings the index trees in line with the {@code @Indexed} properties, which a catalog tree records
     * per keyspace: an index added since the last start is built from the stored entities (in one
     * transaction, with the catalog update), and the tree of an index removed since is dropped.
     */
    void synchronizeIndexes() {
        SledTree catalog = db.openTree(INDEX_CATALOG);
        Bytes keyspace = Bytes.of(entity.getKeyspace());
        Set<String> wanted = indexes.keySet();
        Bytes recorded = translated(() -> catalog.get(keyspace));
        Set<String> existing = recorded == null || recorded.isEmpty() ? Set.of() : Set.of(recorded.toUtf8String().split(","));
        if (existing.equals(wanted)) {
            return;
        }
        // The engine's own transaction even inside a Spring-managed one: the catalog is no part of user work.
        translated(() -> primaryTree.transaction(tx -> {
            List<SecondaryIndex> added = indexes.values().stream().filter(i -> !existing.contains(i.property().getName())).toList();
            if (!added.isEmpty()) {
                try (SledIterator it = tx.range(KeyRange.all())) {
                    it.forEachRemaining(kv -> index(tx, added, kv.key(), decode(kv.key(), kv.value())));
                }
            }
            tx.tree(catalog).insert(keyspace, Bytes.of(String.join(",", wanted)));
            return null;
        }));
        for (String removed : existing) {
            if (!wanted.contains(removed)) {
                db.dropTree(entity.getKeyspace() + ".idx." + removed);
            }
        }
    }

    private void index(TransactionalTree tx, Collection<SecondaryIndex> targets, Bytes key, T bean) {
        PersistentPropertyAccessor<T> accessor = accessor(bean);
        for (SecondaryIndex index : targets) {
            Object value = accessor.getProperty(index.property());
            if (value != null) {
                tx.tree(index.tree()).insert(index.key(value, key), Bytes.EMPTY);
            }
        }
    }

    private KeyCodec<?> codecFor(KeyCodecs keyCodecs, SledPersistentProperty property, String role) {
        try {
            return keyCodecs.forType(property.getType());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("unsupported " + role + " property '" + property.getName() + "' of "
                    + entity.getName() + ": " + ex.getMessage(), ex);
        }
    }

    public SledPersistentEntity<T> getEntity() {
        return entity;
    }

    public EntityOrdering<T> getOrdering() {
        return ordering;
    }

    /** The index of {@code property}, or null when it is not {@code @Indexed}. */
    public @Nullable SecondaryIndex indexOf(SledPersistentProperty property) {
        return indexes.get(property.getName());
    }

    /** The key of the entity with {@code id}. */
    public Bytes idKey(Object id) {
        return idCodec.encode(id);
    }

    /** The id of {@code bean}, or null when it has none yet. */
    public @Nullable Object idOf(T bean) {
        return entity.getIdentifierAccessor(bean).getIdentifier();
    }

    // ---- writes ---------------------------------------------------------------------------------------

    /** Inserts or updates {@code bean}; returns it with its id and version set (a new instance if immutable). */
    public T save(T bean) {
        return saveAll(List.of(bean)).get(0);
    }

    /** Saves every entity in one transaction. */
    public List<T> saveAll(Collection<? extends T> beans) {
        List<Snapshot<T>> snapshots = beans.stream().map(this::snapshot).toList();
        if (snapshots.isEmpty()) {
            return List.of();
        }
        try {
            if (versionProperty == null && indexes.isEmpty() && SledTransactions.currentTransaction(db) == null) {
                return writeBlind(snapshots);
            }
            return write(tx -> {
                List<T> saved = new ArrayList<>(snapshots.size());
                for (Snapshot<T> snapshot : snapshots) {
                    saved.add(write(tx, snapshot));
                }
                return saved;
            });
        } catch (RuntimeException ex) {
            snapshots.forEach(this::restore);
            throw ex;
        }
    }

    /** Deletes the entity with {@code id}; an absent id is a no-op. */
    public void deleteById(Object id) {
        deleteAllById(List.of(id));
    }

    /** Deletes the entities with these ids in one transaction. */
    public void deleteAllById(Collection<?> ids) {
        write(tx -> {
            ids.forEach(id -> delete(tx, idKey(Objects.requireNonNull(id, "ids must not contain null")), null));
            return null;
        });
    }

    /**
     * Deletes these entities in one transaction. Entities already gone are skipped; a versioned entity
     * whose version is not the stored one throws {@link OptimisticLockingFailureException}.
     */
    public void deleteAll(Collection<? extends T> beans) {
        write(tx -> {
            for (T bean : beans) {
                Object id = idOf(bean);
                if (id != null) {
                    delete(tx, idKey(id), versionProperty == null ? null : accessor(bean).getProperty(versionProperty));
                }
            }
            return null;
        });
    }

    /** Deletes every entity of this type and its index entries, in one transaction. */
    public void deleteAll() {
        write(tx -> {
            clear(tx.tree(primaryTree));
            for (SecondaryIndex index : indexes.values()) {
                clear(tx.tree(index.tree()));
            }
            return null;
        });
    }

    /**
     * Saves entities that need no read (no version, no index) as one insert or one atomic batch of the
     * entity tree, which cost a fraction of an engine transaction.
     */
    private List<T> writeBlind(List<Snapshot<T>> snapshots) {
        SledBatch batch = new SledBatch();
        List<T> saved = new ArrayList<>(snapshots.size());
        for (Snapshot<T> snapshot : snapshots) {
            PersistentPropertyAccessor<T> accessor = withId(snapshot, db::generateId);
            T bean = accessor.getBean();
            batch.insert(idKey(Objects.requireNonNull(accessor.getProperty(idProperty))), valueCodec.encode(bean));
            saved.add(bean);
        }
        return translated(() -> {
            if (batch.size() == 1) {
                batch.forEach((key, value) -> primaryTree.insert(key, Objects.requireNonNull(value)));
            } else {
                primaryTree.applyBatch(batch);
            }
            return saved;
        });
    }

    private T write(TransactionalTree tx, Snapshot<T> snapshot) {
        PersistentPropertyAccessor<T> accessor = withId(snapshot, tx::generateId);
        Object id = Objects.requireNonNull(accessor.getProperty(idProperty));
        Bytes key = idKey(id);
        // Without version or indexes the old value does not matter: a blind write keeps the read set empty.
        boolean needsOld = versionProperty != null || !indexes.isEmpty();
        Bytes stored = needsOld ? tx.get(key) : null;
        T old = stored == null ? null : decode(key, stored);
        if (versionProperty != null) {
            accessor.setProperty(versionProperty, nextVersion(id, snapshot.version(), stored, old));
        }
        T bean = accessor.getBean();
        Bytes value = valueCodec.encode(bean);
        if (versionProperty != null) {
            if (!tx.compareAndSwap(key, stored, value).isSuccess()) {
                throw new OptimisticLockingFailureException("concurrent change of " + entity.getType().getSimpleName()
                        + " with id " + id + " inside this transaction");
            }
        } else {
            tx.insert(key, value);
        }
        for (SecondaryIndex index : indexes.values()) {
            Object oldValue = old == null ? null : accessor(old).getProperty(index.property());
            Object newValue = accessor.getProperty(index.property());
            if (old == null || !Objects.deepEquals(oldValue, newValue)) {
                TransactionalTree indexTx = tx.tree(index.tree());
                if (oldValue != null) {
                    indexTx.remove(index.key(oldValue, key));
                }
                if (newValue != null) {
                    indexTx.insert(index.key(newValue, key), Bytes.EMPTY);
                }
            }
        }
        return bean;
    }

    private Object nextVersion(Object id, @Nullable Object version, @Nullable Bytes stored, @Nullable T old) {
        SledPersistentProperty property = Objects.requireNonNull(versionProperty);
        boolean isNew = version == null || (property.getType().isPrimitive() && ((Number) version).longValue() == 0);
        if (isNew) {
            if (stored != null) {
                throw new OptimisticLockingFailureException("cannot insert a new " + entity.getType().getSimpleName()
                        + " with id " + id + ": one with that id exists (version " + versionOf(old) + ")");
            }
            return toVersionType(property.getType().isPrimitive() ? 1 : 0);
        }
        Object storedVersion = old == null ? null : versionOf(old);
        if (!version.equals(storedVersion)) {
            throw new OptimisticLockingFailureException("stale " + entity.getType().getSimpleName() + " with id " + id
                    + ": saved with version " + version + " but the stored version is "
                    + (old == null ? "absent (deleted)" : storedVersion));
        }
        return toVersionType(((Number) version).longValue() + 1);
    }

    private @Nullable Object versionOf(@Nullable T bean) {
        return bean == null ? null : accessor(bean).getProperty(Objects.requireNonNull(versionProperty));
    }

    private Object toVersionType(long version) {
        SledPersistentProperty property = Objects.requireNonNull(versionProperty);
        Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(property.getType());
        long max = type == Short.class ? Short.MAX_VALUE : type == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (version > max) {
            throw new InvalidDataAccessApiUsageException("version " + version + " overflows the " + type.getSimpleName()
                    + " @Version property '" + property.getName() + "' of " + entity.getName());
        }
        return type == Short.class ? (Object) (short) version : type == Integer.class ? (Object) (int) version : (Object) version;
    }

    /** An accessor on the snapshot's entity with its original id, or a generated one when it had none. */
    private PersistentPropertyAccessor<T> withId(Snapshot<T> snapshot, LongSupplier ids) {
        PersistentPropertyAccessor<T> accessor = accessor(snapshot.bean());
        Object id = snapshot.id() != null ? snapshot.id() : generateId(ids);
        if (!id.equals(accessor.getProperty(idProperty))) {
            accessor.setProperty(idProperty, id); // immutable entities are copied, so only when it changes
        }
        return accessor;
    }

    private Object generateId(LongSupplier ids) {
        Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(idProperty.getType());
        if (type == Long.class) {
            return ids.getAsLong();
        }
        if (type == Integer.class) {
            long id = ids.getAsLong();
            if (id > Integer.MAX_VALUE) {
                throw new InvalidDataAccessApiUsageException("generated id " + id + " does not fit the int id of "
                        + entity.getName() + "; use a long id");
            }
            return (int) id;
        }
        throw new InvalidDataAccessApiUsageException("the id of a new " + entity.getName() + " must be set: only long "
                + "and int ids are generated, and '" + idProperty.getName() + "' is " + idProperty.getType().getName());
    }

    private void delete(TransactionalTree tx, Bytes key, @Nullable Object expectedVersion) {
        Bytes stored = tx.get(key);
        if (stored == null) {
            return;
        }
        T old = indexes.isEmpty() && expectedVersion == null ? null : decode(key, stored);
        if (expectedVersion != null && !expectedVersion.equals(versionOf(old))) {
            throw new OptimisticLockingFailureException("cannot delete stale " + entity.getType().getSimpleName()
                    + " with " + describe(key) + ": it has version " + expectedVersion + " but the stored version is " + versionOf(old));
        }
        tx.remove(key);
        if (old != null) {
            PersistentPropertyAccessor<T> accessor = accessor(old);
            for (SecondaryIndex index : indexes.values()) {
                Object value = accessor.getProperty(index.property());
                if (value != null) {
                    tx.tree(index.tree()).remove(index.key(value, key));
                }
            }
        }
    }

    private static void clear(TransactionalTree tree) {
        SledBatch removals = new SledBatch();
        try (SledIterator it = tree.range(KeyRange.all())) {
            it.keys().forEachRemaining(removals::remove);
        }
        tree.applyBatch(removals);
    }

    private <R> R write(Function<TransactionalTree, R> work) {
        return translated(() -> SledTransactions.execute(db, primaryTree, work::apply));
    }

    // ---- reads ----------------------------------------------------------------------------------------

    public Optional<T> findById(Object id) {
        Bytes key = idKey(id);
        return translated(() -> Optional.ofNullable(primary.get(key)).map(value -> decode(key, value)));
    }

    public boolean existsById(Object id) {
        Bytes key = idKey(id);
        return translated(() -> primary.containsKey(key));
    }

    /** The entities with these ids that exist, in the order of the ids. */
    public List<T> findAllById(Collection<?> ids) {
        List<T> found = new ArrayList<>(ids.size());
        for (Object id : ids) {
            findById(Objects.requireNonNull(id, "ids must not contain null")).ifPresent(found::add);
        }
        return found;
    }

    /** The number of entities; a scan of the keyspace. */
    public long count() {
        return translated(primary::size);
    }

    /**
     * The entities along {@code path}, lazily. Close the stream (or consume it fully) to release the
     * iterator.
     *
     * @param descending scan from the end of the range
     * @param resumeAfter a key of the path's tree: only keys after it (before it when descending) are read
     */
    public Stream<T> scan(AccessPath path, boolean descending, @Nullable Bytes resumeAfter) {
        return scan(path, descending, resumeAfter, 0);
    }

    /** Like {@link #scan(AccessPath, boolean, Bytes)}, skipping {@code skip} keys before decoding anything. */
    private Stream<T> scan(AccessPath path, boolean descending, @Nullable Bytes resumeAfter, long skip) {
        KeySpan span = KeySpan.of(path.range());
        if (resumeAfter != null) {
            span = descending ? span.before(resumeAfter) : span.after(resumeAfter);
        }
        if (span.isEmpty()) {
            return Stream.empty();
        }
        KeySpan bounded = span;
        return translated(() -> path instanceof AccessPath.Index i ? scanIndex(i, bounded, descending, skip)
                : entries(primary, bounded, descending).skip(skip).map(kv -> decode(kv.key(), kv.value())));
    }

    /** Index entries whose entity is gone (possible outside a transaction) are skipped. */
    private Stream<T> scanIndex(AccessPath.Index path, KeySpan span, boolean descending, long skip) {
        SecondaryIndex index = Objects.requireNonNull(indexOf(path.property()), () -> path.property().getName() + " is not indexed");
        return entries(index.view(), span, descending)
                .skip(skip)
                .map(kv -> index.entityKeyOf(kv.key()))
                .mapMulti((key, sink) -> {
                    Bytes value = primary.get(key);
                    if (value != null) {
                        sink.accept(decode(key, value));
                    }
                });
    }

    /**
     * The entities along {@code path} that pass {@code filter} (null: every entity), in the order of
     * {@code sort}, after skipping {@code offset} of them and at most {@code limit} (negative: no limit).
     * When the path's key order gives the sort the result streams lazily, and without a filter the offset
     * skips keys without decoding their entities; otherwise every match is loaded and sorted in memory
     * first. Close the stream when not consuming it fully.
     */
    public Stream<T> query(AccessPath path, @Nullable Predicate<? super T> filter, Sort sort, long offset, long limit) {
        Boolean descending = ordering.descendingFor(sort, path);
        Stream<T> matches;
        if (descending != null && filter == null) {
            matches = scan(path, descending, null, offset);
        } else if (descending != null) {
            matches = scan(path, descending, null).filter(filter).skip(offset);
        } else {
            try (Stream<T> scan = scan(path, false, null)) {
                matches = (filter == null ? scan : scan.filter(filter)).sorted(ordering.comparator(sort)).toList().stream().skip(offset);
            }
        }
        return limit < 0 ? matches : matches.limit(limit);
    }

    /** The key of {@code bean} in the tree of {@code path}, for resuming a scan after it. */
    public Bytes positionKey(AccessPath path, T bean) {
        Bytes key = idKey(Objects.requireNonNull(idOf(bean), "entity without id"));
        if (path instanceof AccessPath.Index i) {
            Object value = accessor(bean).getProperty(i.property());
            return Objects.requireNonNull(indexOf(i.property())).key(Objects.requireNonNull(value), key);
        }
        return key;
    }

    private static Stream<KeyValue> entries(SledTree tree, KeySpan span, boolean descending) {
        SledIterator iterator = tree.range(span.toKeyRange());
        return (descending ? iterator.reverse() : iterator).stream();
    }

    private T decode(Bytes key, Bytes value) {
        try {
            return valueCodec.decode(value, entity.getType());
        } catch (RuntimeException ex) {
            throw new DataRetrievalFailureException("cannot read the " + entity.getType().getSimpleName() + " stored under "
                    + describe(key) + " in keyspace '" + entity.getKeyspace() + "' with " + valueCodec + ": " + ex.getMessage(), ex);
        }
    }

    private String describe(Bytes key) {
        try {
            return "id " + idCodec.decode(key);
        } catch (RuntimeException ex) {
            return "key " + key;
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private PersistentPropertyAccessor<T> accessor(T bean) {
        return new InstantiationAwarePropertyAccessor<>(bean, entity::getPropertyAccessor, instantiators);
    }

    private Snapshot<T> snapshot(T bean) {
        Objects.requireNonNull(bean, "entities must not be null");
        PersistentPropertyAccessor<T> accessor = accessor(bean);
        Object id = accessor.getProperty(idProperty);
        if (id instanceof Number n && idProperty.getType().isPrimitive() && n.longValue() == 0) {
            id = null;
        }
        return new Snapshot<>(bean, id, versionProperty == null ? null : accessor.getProperty(versionProperty));
    }

    /** Puts back the id and version a failed save may have set on a mutable entity (immutable ones are never changed). */
    private void restore(Snapshot<T> snapshot) {
        if (idProperty.isImmutable() || (versionProperty != null && versionProperty.isImmutable())) {
            return;
        }
        PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(snapshot.bean());
        accessor.setProperty(idProperty, orUnset(snapshot.id(), idProperty));
        if (versionProperty != null) {
            accessor.setProperty(versionProperty, orUnset(snapshot.version(), versionProperty));
        }
    }

    /** {@code value}, or the "absent" value of the property: null, or zero for a primitive. */
    private static @Nullable Object orUnset(@Nullable Object value, SledPersistentProperty property) {
        if (value != null || !property.getType().isPrimitive()) {
            return value;
        }
        return Array.get(Array.newInstance(property.getType(), 1), 0);
    }

    private <R> R translated(Supplier<R> action) {
        try {
            return action.get();
        } catch (SledException ex) {
            throw SledExceptionTranslator.INSTANCE.translate(ex, SledTransactions.currentTransaction(db));
        }
    }

    /** An entity to save with the id and version it had before the save started, so a re-run starts afresh. */
    private record Snapshot<T>(T bean, @Nullable Object id, @Nullable Object version) {
    }

    @Override
    public String toString() {
        return "EntityStore[" + entity.getName() + " in '" + entity.getKeyspace() + "']";
    }
}
