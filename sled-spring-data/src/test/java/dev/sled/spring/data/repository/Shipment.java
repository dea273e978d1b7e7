package dev.sled.spring.data.repository;

import java.util.List;
import org.springframework.data.annotation.Id;

/** An entity with a nested value and a collection. */
public record Shipment(@Id Long id, Address to, List<String> labels) {

    public record Address(String city, String zip) {
    }
}
