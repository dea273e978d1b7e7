package dev.sled.spring.data.convert;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import dev.sled.Bytes;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Transient;
import org.springframework.util.Assert;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotationIntrospectorPair;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * A {@link ValueCodec} on Jackson 3, as JSON ({@link #json()}, {@link #json(JsonMapper)}) or as the
 * compact binary CBOR ({@link #cbor()}, needs {@code tools.jackson.dataformat:jackson-dataformat-cbor}).
 *
 * <p>Entities are stored the way Spring Data maps them, not the way a web API shows them: every field is
 * written (getters are ignored), fields marked with Spring Data's {@link Transient} are skipped,
 * constructors marked {@link PersistenceCreator} (and record constructors) create instances, and unknown
 * properties are ignored when reading, so fields can be added and removed over time. An application's
 * mapper keeps its other settings (modules, naming strategy, date formats).
 */
public final class JacksonValueCodec implements ValueCodec {

    private final ObjectMapper mapper;
    private final String format;

    private JacksonValueCodec(ObjectMapper mapper, String format) {
        this.mapper = mapper;
        this.format = format;
    }

    /** JSON with Jackson's default settings. */
    public static JacksonValueCodec json() {
        return new JacksonValueCodec(forEntities(JsonMapper.builder()), "json");
    }

    /** JSON with the settings of the application's mapper (for example Spring Boot's {@code JsonMapper} bean). */
    public static JacksonValueCodec json(JsonMapper applicationMapper) {
        Assert.notNull(applicationMapper, "'applicationMapper' must not be null");
        return new JacksonValueCodec(forEntities(applicationMapper.rebuild()), "json");
    }

    /** CBOR, a binary JSON: smaller values and faster reads and writes than JSON. */
    public static JacksonValueCodec cbor() {
        return new JacksonValueCodec(Cbor.mapper(), "cbor");
    }

    private static ObjectMapper forEntities(MapperBuilder<?, ?> builder) {
        return builder
                .changeDefaultVisibility(v -> v.withVisibility(PropertyAccessor.ALL, Visibility.NONE)
                        .withVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                        .withVisibility(PropertyAccessor.CREATOR, Visibility.ANY))
                .annotationIntrospector(AnnotationIntrospectorPair.create(new SpringDataAnnotations(), builder.annotationIntrospector()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Override
    public Bytes encode(Object entity) {
        return Bytes.wrap(mapper.writeValueAsBytes(entity));
    }

    @Override
    public <T> T decode(Bytes bytes, Class<T> type) {
        return mapper.readValue(bytes.toArray(), type);
    }

    @Override
    public String toString() {
        return "JacksonValueCodec[" + format + "]";
    }

    /** Kept apart so that this class loads without the optional CBOR module. */
    private static final class Cbor {
        static ObjectMapper mapper() {
            return forEntities(CBORMapper.builder());
        }
    }

    /** Spring Data's mapping annotations, as Jackson sees them. */
    private static final class SpringDataAnnotations extends NopAnnotationIntrospector {

        @Override
        public boolean hasIgnoreMarker(MapperConfig<?> config, AnnotatedMember member) {
            return member.hasAnnotation(Transient.class);
        }

        @Override
        public JsonCreator.@Nullable Mode findCreatorAnnotation(MapperConfig<?> config, Annotated annotated) {
            return annotated.hasAnnotation(PersistenceCreator.class) ? JsonCreator.Mode.PROPERTIES : null;
        }
    }
}
