package dev.sled.samples.inventory;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP API: {@code /stock/{sku}} to set and read stock, {@code /orders} to reserve it. */
@RestController
public class InventoryController {

    private final InventoryService inventory;

    public InventoryController(InventoryService inventory) {
        this.inventory = inventory;
    }

    @PutMapping("/stock/{sku}")
    public StockLevel setStock(@PathVariable String sku, @RequestBody StockLevel level) {
        this.inventory.setStock(sku, level.quantity());
        return new StockLevel(sku, level.quantity());
    }

    @GetMapping("/stock/{sku}")
    public ResponseEntity<StockLevel> stock(@PathVariable String sku) {
        return ResponseEntity.of(this.inventory.stock(sku).map((quantity) -> new StockLevel(sku, quantity)));
    }

    @GetMapping("/stock")
    public Map<String, Long> allStock() {
        return this.inventory.allStock();
    }

    @PostMapping("/orders")
    public ResponseEntity<Order> placeOrder(@RequestBody OrderRequest request) {
        Order order = this.inventory.placeOrder(request.lines());
        return ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
    }

    @GetMapping("/orders/{id}")
    public ResponseEntity<Order> order(@PathVariable long id) {
        return ResponseEntity.of(this.inventory.order(id));
    }

    @ExceptionHandler
    ProblemDetail insufficientStock(InsufficientStockException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidRequest(IllegalArgumentException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
    }

    /** A SKU's stock level. The SKU is taken from the path when setting stock. */
    public record StockLevel(String sku, long quantity) {
    }

    /** The lines of an order to place: quantity by SKU. */
    public record OrderRequest(Map<String, Long> lines) {
    }
}
