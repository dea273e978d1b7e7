package dev.sled.spring.boot.test.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.SledDb;
import dev.sled.SledTree;
import dev.sled.spring.transaction.SledTransactionManager;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;

@DataSledTest(properties = { "sled.trees=notes", "sled.path=target/must-not-be-used" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataSledTestIntegrationTests {

    private static final Bytes KEY = Bytes.of("note");

    @Autowired
    SledDb db;

    @Autowired
    @Qualifier("notes")
    SledTree notes;

    @Autowired
    NoteRepository repository;

    @Autowired
    ApplicationContext context;

    @Test
    @Order(1)
    void writesInsideTheTestTransaction() {
        this.notes.insert(KEY, Bytes.of("draft"));
        this.repository.save(new Note(null, "draft"));

        assertThat(this.notes.get(KEY)).isEqualTo(Bytes.of("draft"));
        assertThat(this.db.openTree("notes").get(KEY)).as("invisible outside the test's transaction").isNull();
    }

    @Test
    @Order(2)
    void seesNothingOfThePreviousTestWhichWasRolledBack() {
        assertThat(this.notes.get(KEY)).isNull();
        assertThat(this.repository.count()).isZero();
    }

    @Test
    void usesATemporaryDatabaseWhateverThePathProperty() {
        assertThat(this.db.config().temporary()).isTrue();
        assertThat(this.db.config().path().toString()).doesNotContain("must-not-be-used");
    }

    @Test
    void loadsTheSledSliceOnly() {
        assertThat(this.context.getBeansOfType(SledTransactionManager.class)).hasSize(1);
        assertThat(this.context.getBeansOfType(ExampleComponent.class)).isEmpty();
    }
}
