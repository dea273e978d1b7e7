package dev.sled.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.spring.data.core.SledTemplate;
import dev.sled.spring.data.mapping.SledEntity;
import dev.sled.spring.data.repository.support.SledRepositoryFactory;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.data.annotation.Id;
import org.springframework.data.core.PropertyReferenceException;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;

/** Bad mappings and bad data fail with exceptions that name the culprit, when the repository is created where possible. */
class MappingErrorsIntegrationTests {

    @TempDir
    Path dir;

    SledDb db;

    RepositoryFactorySupport factory;

    @BeforeEach
    void open() {
        db = SledConfig.builder().path(dir).temporary(true).open();
        factory = new SledRepositoryFactory(new SledTemplate(db));
    }

    @AfterEach
    void close() {
        db.close();
    }

    record NoId(String name) {
    }

    interface NoIdRepository extends CrudRepository<NoId, String> {
    }

    record BigId(@Id BigInteger id) {
    }

    interface BigIdRepository extends CrudRepository<BigId, BigInteger> {
    }

    @SledEntity("notes")
    record StrictNote(@Id String path, int size) {
    }

    interface UnknownPropertyRepository extends CrudRepository<StrictNote, String> {
        List<StrictNote> findByColour(String colour);
    }

    interface StrictNoteRepository extends CrudRepository<StrictNote, String> {
    }

    @Test
    void missingIdIsReportedAtCreation() {
        assertThatThrownBy(() -> factory.getRepository(NoIdRepository.class))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining(NoId.class.getName()).hasMessageContaining("@org.springframework.data.annotation.Id");
    }

    @Test
    void idTypeWithoutKeyCodecIsReportedAtCreation() {
        assertThatThrownBy(() -> factory.getRepository(BigIdRepository.class))
                .hasMessageContaining("BigInteger").hasMessageContaining("register a KeyCodec");
    }

    @Test
    void queryOnAnUnknownPropertyIsReportedAtCreation() {
        assertThatThrownBy(() -> factory.getRepository(UnknownPropertyRepository.class))
                .hasRootCauseInstanceOf(PropertyReferenceException.class)
                .rootCause().hasMessageContaining("colour");
    }

    @Test
    void unreadableValueNamesEntityAndId() {
        StrictNoteRepository notes = factory.getRepository(StrictNoteRepository.class);
        db.openTree("notes").insert(Bytes.of("/broken"), Bytes.of("{\"size\": \"not a number\"}"));

        assertThatThrownBy(() -> notes.findById("/broken"))
                .isInstanceOf(DataRetrievalFailureException.class)
                .hasMessageContaining("StrictNote").hasMessageContaining("/broken").hasMessageContaining("notes");
        assertThat(notes.findById("/missing")).isEmpty();
    }
}
