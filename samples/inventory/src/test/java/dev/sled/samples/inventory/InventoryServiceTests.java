package dev.sled.samples.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.sled.spring.boot.test.autoconfigure.DataSledTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** The service on a temporary database; each test's writes are rolled back when it ends. */
@DataSledTest
@Import(InventoryService.class)
class InventoryServiceTests {

    @Autowired
    InventoryService inventory;

    @Test
    void anOrderReservesStockAndIsReadBackByItsId() {
        this.inventory.setStock("apple", 10);
        this.inventory.setStock("pear", 5);

        Order order = this.inventory.placeOrder(Map.of("apple", 3L, "pear", 5L));

        assertThat(this.inventory.stock("apple")).hasValue(7L);
        assertThat(this.inventory.stock("pear")).hasValue(0L);
        assertThat(this.inventory.order(order.id())).hasValueSatisfying(
                (stored) -> assertThat(stored.lines()).containsExactlyInAnyOrderEntriesOf(order.lines()));
    }

    @Test
    void anOrderThatCannotBeFilledIsRefused() {
        this.inventory.setStock("apple", 1);

        assertThatExceptionOfType(InsufficientStockException.class)
            .isThrownBy(() -> this.inventory.placeOrder(Map.of("apple", 2L)));
    }

    @Test
    void startsFromAnEmptyInventory() {
        assertThat(this.inventory.allStock()).isEmpty();
    }
}
