package dev.sled.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.spring.data.repository.Order.Status;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(RepositoryTestConfiguration.class)
class QueryByExampleIntegrationTests {

    /** Ignores the primitive total, which a probe always carries. */
    private static final ExampleMatcher IGNORE_TOTAL = ExampleMatcher.matching().withIgnorePaths("totalCents");

    @Autowired
    OrderRepository orders;

    @Autowired
    ShipmentRepository shipments;

    List<Order> saved;

    @BeforeEach
    void fill() {
        orders.deleteAll();
        shipments.deleteAll();
        saved = orders.saveAll(List.of(Order.of("alice", Status.NEW, 10), Order.of("bob", Status.PAID, 20),
                Order.of("Alicia", Status.PAID, 30)));
    }

    @Test
    void matchesNonNullProperties() {
        Example<Order> paid = Example.of(new Order(null, null, Status.PAID, 0, null), IGNORE_TOTAL);

        assertThat(orders.findAll(paid)).extracting(Order::customer).containsExactly("bob", "Alicia");
        assertThat(orders.count(paid)).isEqualTo(2);
        assertThat(orders.exists(Example.of(new Order(null, "carol", null, 0, null), IGNORE_TOTAL))).isFalse();
        assertThat(orders.findAll(paid, Sort.by(Sort.Direction.DESC, "totalCents"))).extracting(Order::totalCents).containsExactly(30L, 20L);
    }

    @Test
    void stringMatchingAndAnyMatch() {
        ExampleMatcher startsIgnoringCase = IGNORE_TOTAL.withStringMatcher(ExampleMatcher.StringMatcher.STARTING).withIgnoreCase();
        assertThat(orders.findAll(Example.of(new Order(null, "ali", null, 0, null), startsIgnoringCase)))
                .extracting(Order::customer).containsExactly("alice", "Alicia");

        ExampleMatcher any = ExampleMatcher.matchingAny().withIgnorePaths("totalCents");
        assertThat(orders.findAll(Example.of(new Order(null, "bob", Status.NEW, 0, null), any))).hasSize(2);
    }

    @Test
    void singleResultsPagesAndFluentQueries() {
        assertThat(orders.findOne(Example.of(new Order(null, "bob", null, 0, null), IGNORE_TOTAL))).contains(saved.get(1));
        assertThatThrownBy(() -> orders.findOne(Example.of(new Order(null, null, Status.PAID, 0, null), IGNORE_TOTAL)))
                .isInstanceOf(IncorrectResultSizeDataAccessException.class);

        Example<Order> all = Example.of(new Order(null, null, null, 0, null), IGNORE_TOTAL);
        assertThat(orders.findAll(all, PageRequest.of(1, 2, Sort.by("id"))).getContent()).containsExactly(saved.get(2));
        List<OrderRepository.CustomerOnly> lastTwo = orders.findBy(all, query -> query
                .sortBy(Sort.by(Sort.Direction.DESC, "id")).limit(2).as(OrderRepository.CustomerOnly.class).all());
        assertThat(lastTwo).extracting(OrderRepository.CustomerOnly::getCustomer).containsExactly("Alicia", "bob");
    }

    @Test
    void nestedProbes() {
        Shipment bern = shipments.save(new Shipment(null, new Shipment.Address("Bern", "3011"), List.of()));
        shipments.save(new Shipment(null, new Shipment.Address("Berlin", "10115"), List.of()));

        assertThat(shipments.findAll(Example.of(new Shipment(null, new Shipment.Address("Bern", null), null))))
                .containsExactly(bern);
    }
}
