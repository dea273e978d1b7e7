package dev.sled.samples.inventory;

import java.util.Map;

/** A placed order: its ID and the quantity of each SKU it reserved. */
public record Order(long id, Map<String, Long> lines) {
}
