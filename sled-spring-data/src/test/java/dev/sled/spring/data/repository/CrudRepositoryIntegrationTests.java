package dev.sled.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.SledDb;
import dev.sled.spring.data.repository.Order.Status;
import dev.sled.spring.data.repository.Reading.SensorTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(RepositoryTestConfiguration.class)
class CrudRepositoryIntegrationTests {

    @Autowired
    OrderRepository orders;

    @Autowired
    AccountRepository accounts;

    @Autowired
    ReadingRepository readings;

    @Autowired
    LevelRepository levels;

    @Autowired
    NoteRepository notes;

    @Autowired
    SledDb db;

    @BeforeEach
    void clear() {
        orders.deleteAll();
        accounts.deleteAll();
        readings.deleteAll();
        levels.deleteAll();
        notes.deleteAll();
    }

    @Test
    void saveGeneratesIncreasingIdsForNewRecords() {
        Order first = orders.save(Order.of("alice", Status.NEW, 100));
        Order second = orders.save(Order.of("bob", Status.NEW, 200));

        assertThat(first.id()).isNotNull();
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(orders.findById(first.id())).contains(first);
        assertThat(orders.existsById(second.id())).isTrue();
        assertThat(orders.count()).isEqualTo(2);
    }

    @Test
    void entitiesLiveInTheirKeyspaceUnderOrderPreservingKeys() {
        Order saved = orders.save(Order.of("alice", Status.NEW, 100));

        assertThat(db.treeNames()).contains(Bytes.of("orders"), Bytes.of("orders.idx.customer"), Bytes.of("orders.idx.status"));
        assertThat(db.openTree("orders").first().key()).isEqualTo(Bytes.ofLong(saved.id() ^ Long.MIN_VALUE));
    }

    @Test
    void saveUpdatesInPlace() {
        Order saved = orders.save(Order.of("alice", Status.NEW, 100));
        orders.save(saved.withCustomer("carol"));

        assertThat(orders.count()).isEqualTo(1);
        assertThat(orders.findById(saved.id()).orElseThrow().customer()).isEqualTo("carol");
    }

    @Test
    void saveAllAndFindAllById() {
        List<Order> saved = orders.saveAll(List.of(Order.of("a", Status.NEW, 1), Order.of("b", Status.NEW, 2), Order.of("c", Status.NEW, 3)));

        assertThat(orders.findAllById(List.of(saved.get(2).id(), saved.get(0).id(), 12345L)))
                .extracting(Order::customer).containsExactly("c", "a");
    }

    @Test
    void deleteVariants() {
        List<Order> saved = orders.saveAll(List.of(Order.of("a", Status.NEW, 1), Order.of("b", Status.NEW, 2),
                Order.of("c", Status.NEW, 3), Order.of("d", Status.NEW, 4)));

        orders.deleteById(saved.get(0).id());
        orders.delete(saved.get(1));
        orders.deleteAllById(List.of(saved.get(2).id()));
        orders.deleteById(999_999L);

        assertThat(orders.findAll()).containsExactly(saved.get(3));
        assertThat(orders.findByCustomer("a")).isEmpty();
        orders.deleteAll(List.of(saved.get(3)));
        assertThat(orders.count()).isZero();
        assertThat(db.openTree("orders.idx.customer").isEmpty()).isTrue();
    }

    @Test
    void mutableBeansKeepAssignedIdsAndSkipTransientFields() {
        Account account = new Account("acc-1", "alice", 10);
        account.setNote("not stored");
        accounts.save(account);

        Account loaded = accounts.findById("acc-1").orElseThrow();
        assertThat(loaded.getOwner()).isEqualTo("alice");
        assertThat(loaded.getBalance()).isEqualTo(10);
        assertThat(loaded.getNote()).isNull();
    }

    @Test
    void immutableClassWithNegativePrimitiveIdsSortsNumerically() {
        levels.saveAll(List.of(new Level(3, "third"), new Level(-5, "basement 5"), new Level(1, "first"), new Level(-1, "basement 1")));

        assertThat(levels.findAll()).extracting(Level::getFloor).containsExactly(-5, -1, 1, 3);
        assertThat(levels.findByFloorLessThan(0)).extracting(Level::getName).containsExactly("basement 5", "basement 1");
    }

    @Test
    void zeroPrimitiveIdMeansGenerateOne() {
        Level generated = levels.save(new Level(0, "new"));

        assertThat(generated.getFloor()).isPositive();
        assertThat(levels.findById(generated.getFloor())).isPresent();
    }

    @Test
    void compositeRecordIdsSortComponentByComponent() {
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        readings.saveAll(List.of(
                new Reading(new SensorTime("b", t0), 1),
                new Reading(new SensorTime("a", t0.plusSeconds(60)), 2),
                new Reading(new SensorTime("a", t0), 3),
                new Reading(new SensorTime("ab", t0.minusSeconds(60)), 4)));

        assertThat(readings.findAll()).extracting(Reading::celsius).containsExactly(3.0, 2.0, 4.0, 1.0);
        assertThat(readings.findById(new SensorTime("a", t0))).map(Reading::celsius).contains(3.0);
        assertThat(readings.findByIdBetween(new SensorTime("a", t0.plusSeconds(1)), new SensorTime("ab", Instant.MAX)))
                .extracting(Reading::celsius).containsExactly(2.0, 4.0);
    }

    @Test
    void stringIdsSupportPrefixQueries() {
        notes.saveAll(List.of(new Note("/docs/a", "A"), new Note("/docs/b", "B"), new Note("/src/x", "X"), new Note("/docs", "root")));

        assertThat(notes.findByPathStartingWith("/docs/")).extracting(Note::text).containsExactly("A", "B");
        assertThat(notes.findAll()).extracting(Note::path).containsExactly("/docs", "/docs/a", "/docs/b", "/src/x");
    }
}
