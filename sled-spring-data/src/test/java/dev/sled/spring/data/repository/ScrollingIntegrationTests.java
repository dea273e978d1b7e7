package dev.sled.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sled.spring.data.repository.Order.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.support.WindowIterator;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(RepositoryTestConfiguration.class)
class ScrollingIntegrationTests {

    @Autowired
    OrderRepository orders;

    List<Long> ids;

    @BeforeEach
    void fill() {
        orders.deleteAll();
        ids = orders.saveAll(IntStream.range(0, 10)
                .mapToObj(i -> Order.of("c" + i, i % 2 == 0 ? Status.NEW : Status.PAID, i)).toList())
                .stream().map(Order::id).toList();
    }

    @Test
    void keysetScrollingByIdVisitsEveryEntityOnce() {
        List<Long> visited = new ArrayList<>();
        WindowIterator.of(orders::findFirst3ByOrderByIdAsc).startingAt(ScrollPosition.keyset())
                .forEachRemaining(order -> visited.add(order.id()));

        assertThat(visited).containsExactlyElementsOf(ids);
    }

    @Test
    void windowsKnowWhetherMoreFollow() {
        Window<Order> first = orders.findFirst3ByOrderByIdAsc(ScrollPosition.keyset());
        assertThat(first.hasNext()).isTrue();
        assertThat(first.positionAt(2)).isEqualTo(ScrollPosition.forward(Map.of("id", ids.get(2))));

        Window<Order> last = orders.findFirst3ByOrderByIdAsc(ScrollPosition.forward(Map.of("id", ids.get(6))));
        assertThat(last.getContent()).extracting(Order::id).containsExactly(ids.get(7), ids.get(8), ids.get(9));
        assertThat(last.hasNext()).isFalse();
    }

    @Test
    void scrollingBackwardReturnsThePrecedingWindowInOrder() {
        KeysetScrollPosition beforeSixth = ScrollPosition.backward(Map.of("id", ids.get(5)));
        Window<Order> window = orders.findFirst3ByOrderByIdAsc(beforeSixth);

        assertThat(window.getContent()).extracting(Order::id).containsExactly(ids.get(2), ids.get(3), ids.get(4));
        assertThat(window.hasNext()).isTrue();
    }

    @Test
    void keysetScrollingOnAnIndexFollowsValueThenId() {
        List<Long> visited = new ArrayList<>();
        WindowIterator.of(position -> orders.findByStatus(Status.PAID, position, Limit.of(2)))
                .startingAt(ScrollPosition.keyset())
                .forEachRemaining(order -> visited.add(order.id()));

        assertThat(visited).containsExactly(ids.get(1), ids.get(3), ids.get(5), ids.get(7), ids.get(9));
    }

    @Test
    void offsetScrolling() {
        List<Long> visited = new ArrayList<>();
        WindowIterator.of(position -> orders.findByStatus(Status.NEW, position, Limit.of(2)))
                .startingAt(ScrollPosition.offset())
                .forEachRemaining(order -> visited.add(order.id()));

        assertThat(visited).containsExactly(ids.get(0), ids.get(2), ids.get(4), ids.get(6), ids.get(8));
    }

    @Test
    void keysetScrollingRejectsSortsThatAreNotKeyOrder() {
        assertThatThrownBy(() -> orders.findByTotalCentsGreaterThanOrderByTotalCents(0, ScrollPosition.keyset(), Limit.of(2)))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("key order");
    }
}
