package dev.sled.spring.data.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Transient;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class JacksonValueCodecTests {

    record Item(Long id, String name, List<String> tags, Instant at) {
    }

    static final class Immutable {
        private final String name;
        private final int size;
        @Transient
        private final String cached;

        @PersistenceCreator
        Immutable(String name, int size) {
            this.name = name;
            this.size = size;
            this.cached = name + size;
        }

        String describe() {
            return name + ":" + size + ":" + cached;
        }
    }

    private final Item item = new Item(7L, "lamp", List.of("a", "b"), Instant.parse("2026-05-01T10:15:30Z"));

    @Test
    void jsonRoundTripsRecordsAndImmutableClasses() {
        JacksonValueCodec codec = JacksonValueCodec.json();

        assertThat(codec.decode(codec.encode(item), Item.class)).isEqualTo(item);
        Bytes immutable = codec.encode(new Immutable("box", 3));
        assertThat(immutable.toUtf8String()).doesNotContain("cached");
        assertThat(codec.decode(immutable, Immutable.class).describe()).isEqualTo("box:3:box3");
    }

    @Test
    void unknownPropertiesAreIgnoredSoEntitiesCanEvolve() {
        Bytes stored = Bytes.of("{\"id\":1,\"name\":\"old\",\"removedField\":true,\"tags\":[]}");

        assertThat(JacksonValueCodec.json().decode(stored, Item.class).name()).isEqualTo("old");
    }

    @Test
    void applicationMapperSettingsApply() {
        JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        record Named(String firstName) {
        }

        Bytes stored = JacksonValueCodec.json(snakeCase).encode(new Named("Ada"));
        assertThat(stored.toUtf8String()).contains("first_name");
    }

    @Test
    void cborIsSmallerThanJsonAndRoundTrips() {
        JacksonValueCodec cbor = JacksonValueCodec.cbor();

        assertThat(cbor.decode(cbor.encode(item), Item.class)).isEqualTo(item);
        assertThat(cbor.encode(item).length()).isLessThan(JacksonValueCodec.json().encode(item).length());
        assertThat(cbor).hasToString("JacksonValueCodec[cbor]");
    }
}
