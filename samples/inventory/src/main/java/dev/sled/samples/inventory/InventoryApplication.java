package dev.sled.samples.inventory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An inventory service on sled: stock levels per SKU and orders that reserve stock, each order in one
 * transaction. Start it with {@code ./mvnw -q -pl samples/inventory -am install -DskipTests} followed by
 * {@code ./mvnw -q -pl samples/inventory spring-boot:run}.
 */
@SpringBootApplication
public class InventoryApplication {

    public static void main(String[] args) {
        SpringApplication.run(InventoryApplication.class, args);
    }
}
