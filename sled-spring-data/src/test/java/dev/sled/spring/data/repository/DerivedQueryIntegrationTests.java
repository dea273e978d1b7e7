package dev.sled.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.spring.data.repository.Order.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(RepositoryTestConfiguration.class)
class DerivedQueryIntegrationTests {

    @Autowired
    OrderRepository orders;

    @Autowired
    ShipmentRepository shipments;

    List<Order> saved;

    @BeforeEach
    void fill() {
        orders.deleteAll();
        saved = orders.saveAll(List.of(
                Order.of("alice", Status.NEW, 500),
                Order.of("bob", Status.PAID, 1500),
                Order.of("alice", Status.PAID, 2500),
                Order.of("carol", Status.SHIPPED, 700),
                Order.of("alicia", Status.NEW, 900),
                Order.of("bob", Status.SHIPPED, 100)));
    }

    private long id(int index) {
        return saved.get(index).id();
    }

    @Test
    void idRangesAreRangeScans() {
        assertThat(orders.findByIdBetween(id(1), id(3))).extracting(Order::id).containsExactly(id(1), id(2), id(3));
        assertThat(orders.findByIdGreaterThan(id(3))).extracting(Order::id).containsExactly(id(4), id(5));
        assertThat(orders.findByIdLessThanEqualOrderByIdDesc(id(2))).extracting(Order::id).containsExactly(id(2), id(1), id(0));
    }

    @Test
    void indexedEqualityAndPrefix() {
        assertThat(orders.findByCustomer("alice")).extracting(Order::id).containsExactly(id(0), id(2));
        assertThat(orders.findByStatusOrderByIdDesc(Status.PAID)).extracting(Order::id).containsExactly(id(2), id(1));
        assertThat(orders.findByCustomerStartingWith("ali")).extracting(Order::customer).containsExactly("alice", "alice", "alicia");
        assertThat(orders.findByStatusIn(List.of(Status.SHIPPED, Status.NEW))).hasSize(4);
    }

    @Test
    void indexFollowsUpdatesAndDeletes() {
        orders.save(saved.get(0).withCustomer("zoe"));
        orders.deleteById(id(2));

        assertThat(orders.findByCustomer("alice")).isEmpty();
        assertThat(orders.findByCustomer("zoe")).extracting(Order::id).containsExactly(id(0));
    }

    @Test
    void unindexedAndMixedCriteriaFallBackToFilteredScans() {
        assertThat(orders.findByTotalCentsGreaterThan(1000)).extracting(Order::id).containsExactly(id(1), id(2));
        assertThat(orders.findByCustomerAndTotalCentsGreaterThan("alice", 1000)).extracting(Order::id).containsExactly(id(2));
        assertThat(orders.findByCustomerOrStatus("carol", Status.NEW)).extracting(Order::id).containsExactly(id(0), id(3), id(4));
        assertThat(orders.findByCustomerIgnoreCase("ALICE")).hasSize(2);
        assertThat(orders.findByStatusOrderByTotalCentsDesc(Status.NEW)).extracting(Order::totalCents).containsExactly(900L, 500L);
    }

    @Test
    void topFirstAndSingleResults() {
        assertThat(orders.findTop2ByOrderByIdDesc()).extracting(Order::id).containsExactly(id(5), id(4));
        assertThat(orders.findFirstByCustomerOrderByTotalCentsDesc("alice")).map(Order::totalCents).contains(2500L);
        assertThat(orders.findByCustomerAndStatus("carol", Status.SHIPPED).id()).isEqualTo(id(3));
        assertThat(orders.findFirstByCustomerOrderByTotalCentsDesc("nobody")).isEmpty();
        assertThatThrownBy(() -> orders.findOneByCustomer("alice"))
                .isInstanceOf(IncorrectResultSizeDataAccessException.class).hasMessageContaining("findOneByCustomer");
    }

    @Test
    void streamsAreLazyAndClosable() {
        try (Stream<Order> paid = orders.streamByStatus(Status.PAID)) {
            assertThat(paid.map(Order::customer)).containsExactly("bob", "alice");
        }
    }

    @Test
    void countExistsAndDelete() {
        assertThat(orders.countByStatus(Status.NEW)).isEqualTo(2);
        assertThat(orders.existsByCustomer("carol")).isTrue();
        assertThat(orders.existsByCustomer("dave")).isFalse();

        assertThat(orders.deleteByStatus(Status.SHIPPED)).isEqualTo(2);
        assertThat(orders.count()).isEqualTo(4);
        assertThat(orders.findByCustomer("carol")).isEmpty();
    }

    @Test
    void pagesAndSlices() {
        Page<Order> page = orders.findByStatus(Status.NEW, PageRequest.of(0, 1));
        assertThat(page.getContent()).extracting(Order::id).containsExactly(id(0));
        assertThat(page.getTotalElements()).isEqualTo(2);

        Slice<Order> slice = orders.findSliceByStatus(Status.PAID, PageRequest.of(1, 1));
        assertThat(slice.getContent()).extracting(Order::id).containsExactly(id(2));
        assertThat(slice.hasNext()).isFalse();
    }

    @Test
    void nestedPropertiesCollectionsAndPatterns() {
        shipments.deleteAll();
        Shipment berlin = shipments.save(new Shipment(null, new Shipment.Address("Berlin", "10115"), List.of("fragile")));
        Shipment bern = shipments.save(new Shipment(null, new Shipment.Address("Bern", "3011"), List.of("express", "fragile")));

        assertThat(shipments.findByToCity("Bern")).containsExactly(bern);
        assertThat(shipments.findByLabelsContaining("fragile")).containsExactly(berlin, bern);
        assertThat(shipments.findByToZipLikeOrderByIdDesc("30%")).containsExactly(bern);
        assertThat(shipments.findByToCityEndingWithIgnoreCase("LIN")).containsExactly(berlin);
    }

    @Test
    void projections() {
        assertThat(orders.findProjectedByStatus(Status.SHIPPED)).extracting(OrderRepository.CustomerOnly::getCustomer)
                .containsExactly("carol", "bob");
        assertThat(orders.findCustomerTotalByStatus(Status.SHIPPED)).extracting(OrderRepository.CustomerTotal::customer)
                .containsExactly("carol", "bob");
        assertThat(orders.findByCustomer("alice", OrderRepository.CustomerTotal.class))
                .allSatisfy(dto -> assertThat(dto.customer()).isEqualTo("alice")).isNotEmpty();
        assertThat(orders.findByCustomer("alice", OrderRepository.CustomerOnly.class))
                .allSatisfy(view -> assertThat(view.getCustomer()).isEqualTo("alice")).isNotEmpty();
    }
}
