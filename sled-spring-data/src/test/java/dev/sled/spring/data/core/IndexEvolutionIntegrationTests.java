package dev.sled.spring.data.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.KeyRange;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.spring.data.mapping.Indexed;
import dev.sled.spring.data.mapping.SledEntity;
import dev.sled.spring.data.mapping.SledPersistentProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;

/** Adding {@code @Indexed} to a type with stored entities builds the index; removing it drops the index tree. */
class IndexEvolutionIntegrationTests {

    @SledEntity("gadgets")
    record PlainGadget(@Id Long id, String colour) {
    }

    @SledEntity("gadgets")
    record IndexedGadget(@Id Long id, @Indexed String colour) {
    }

    @TempDir
    Path dir;

    @Test
    void indexesFollowTheMapping() {
        try (SledDb db = SledConfig.builder().path(dir).temporary(true).open()) {
            new SledTemplate(db).store(PlainGadget.class)
                    .saveAll(List.of(new PlainGadget(1L, "red"), new PlainGadget(2L, "blue"), new PlainGadget(3L, "red")));

            EntityStore<IndexedGadget> indexed = new SledTemplate(db).store(IndexedGadget.class);
            SledPersistentProperty colour = indexed.getEntity().getRequiredPersistentProperty("colour");
            SecondaryIndex index = indexed.indexOf(colour);
            try (Stream<IndexedGadget> red = indexed.query(new AccessPath.Index(colour, index.valueSpan("red").toKeyRange()),
                    gadget -> true, Sort.unsorted(), 0, -1)) {
                assertThat(red).extracting(IndexedGadget::id).containsExactly(1L, 3L);
            }
            assertThat(db.openTree("gadgets.idx.colour").size()).isEqualTo(3);

            new SledTemplate(db).store(PlainGadget.class);
            assertThat(db.treeNames()).doesNotContain(Bytes.of("gadgets.idx.colour"));
            assertThat(db.openTree("gadgets").range(KeyRange.all()).stream().count()).isEqualTo(3);
        }
    }
}
