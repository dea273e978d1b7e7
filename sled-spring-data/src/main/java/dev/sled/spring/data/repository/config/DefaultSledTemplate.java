package dev.sled.spring.data.repository.config;

import dev.sled.SledDb;
import dev.sled.spring.data.convert.JacksonValueCodec;
import dev.sled.spring.data.convert.KeyCodecs;
import dev.sled.spring.data.convert.ValueCodec;
import dev.sled.spring.data.core.SledTemplate;
import dev.sled.spring.data.mapping.SledMappingContext;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.json.JsonMapper;

/** The {@link SledTemplate} registered when the application defines none, from the beans it has. */
final class DefaultSledTemplate {

    private DefaultSledTemplate() {
    }

    static SledTemplate create(SledDb sledDb, ObjectProvider<KeyCodecs> keyCodecs, ObjectProvider<ValueCodec> valueCodec,
            ObjectProvider<JsonMapper> jsonMapper) {
        ValueCodec codec = valueCodec.getIfUnique(() -> {
            JsonMapper applicationMapper = jsonMapper.getIfUnique();
            return applicationMapper == null ? JacksonValueCodec.json() : JacksonValueCodec.json(applicationMapper);
        });
        return new SledTemplate(sledDb, new SledMappingContext(), keyCodecs.getIfUnique(KeyCodecs::defaults), codec);
    }
}
