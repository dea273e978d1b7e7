package dev.sled.spring.data.repository;

import dev.sled.spring.data.mapping.Indexed;
import dev.sled.spring.data.mapping.SledEntity;
import java.time.Instant;
import org.springframework.data.annotation.Id;

/** An immutable entity with a generated id and two indexes. */
@SledEntity("orders")
public record Order(@Id Long id, @Indexed String customer, @Indexed Status status, long totalCents, Instant createdAt) {

    public enum Status { NEW, PAID, SHIPPED }

    public static Order of(String customer, Status status, long totalCents) {
        return new Order(null, customer, status, totalCents, Instant.parse("2026-01-01T00:00:00Z"));
    }

    public Order withCustomer(String newCustomer) {
        return new Order(id, newCustomer, status, totalCents, createdAt);
    }
}
