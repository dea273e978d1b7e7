package dev.sled.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.spring.data.repository.Order.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(RepositoryTestConfiguration.class)
class PagingAndSortingIntegrationTests {

    @Autowired
    OrderRepository orders;

    List<Order> saved;

    @BeforeEach
    void fill() {
        orders.deleteAll();
        saved = orders.saveAll(IntStream.range(0, 10)
                .mapToObj(i -> Order.of("customer" + (i % 3), Status.NEW, (i * 7) % 10)).toList());
    }

    @Test
    void sortsByIdAscendingAndDescending() {
        List<Long> ids = saved.stream().map(Order::id).toList();

        assertThat(orders.findAll(Sort.by("id"))).extracting(Order::id).containsExactlyElementsOf(ids);
        List<Long> descending = new ArrayList<>(ids);
        Collections.reverse(descending);
        assertThat(orders.findAll(Sort.by(Sort.Direction.DESC, "id"))).extracting(Order::id)
                .containsExactlyElementsOf(descending);
    }

    @Test
    void sortsByOtherPropertiesInMemory() {
        assertThat(orders.findAll(Sort.by("totalCents"))).extracting(Order::totalCents)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(orders.findAll(Sort.by(Sort.Order.desc("customer"), Sort.Order.asc("id"))))
                .extracting(Order::customer).startsWith("customer2", "customer2", "customer2");
    }

    @Test
    void pagesById() {
        Page<Order> page = orders.findAll(PageRequest.of(1, 4, Sort.by("id")));

        assertThat(page.getContent()).extracting(Order::id).containsExactlyElementsOf(saved.subList(4, 8).stream().map(Order::id).toList());
        assertThat(page.getTotalElements()).isEqualTo(10);
        assertThat(page.getTotalPages()).isEqualTo(3);

        Page<Order> last = orders.findAll(PageRequest.of(2, 4, Sort.by(Sort.Direction.DESC, "id")));
        assertThat(last.getContent()).extracting(Order::id).containsExactly(saved.get(1).id(), saved.get(0).id());
        assertThat(last.hasNext()).isFalse();
    }

    @Test
    void unpagedReturnsEverything() {
        assertThat(orders.findAll(Pageable.unpaged()).getContent()).hasSize(10);
    }
}
