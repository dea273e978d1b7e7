package dev.sled.samples.inventory;

import dev.sled.Bytes;
import dev.sled.KeyValue;
import dev.sled.SledDb;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stock and orders, kept in two trees. {@code stock} maps a SKU (UTF-8) to its quantity (8 bytes,
 * big-endian); {@code orders} holds one entry per order line under the key {@code orderId ++ sku}, so
 * that an order is a prefix scan. Every method runs in a sled transaction; when two orders for the same
 * SKU commit at once, one conflicts and is run again by the starter's retry.
 */
@Service
@Transactional
public class InventoryService {

    private final SledDb db;

    private final SledTree stock;

    private final SledTree orders;

    public InventoryService(SledDb db, @Qualifier("stock") SledTree stock, @Qualifier("orders") SledTree orders) {
        this.db = db;
        this.stock = stock;
        this.orders = orders;
    }

    public void setStock(String sku, long quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative, was " + quantity);
        }
        this.stock.insert(Bytes.of(sku), Bytes.ofLong(quantity));
    }

    @Transactional(readOnly = true)
    public Optional<Long> stock(String sku) {
        return Optional.ofNullable(this.stock.get(Bytes.of(sku))).map(Bytes::toLong);
    }

    @Transactional(readOnly = true)
    public Map<String, Long> allStock() {
        Map<String, Long> all = new LinkedHashMap<>();
        try (SledIterator entries = this.stock.iterator()) {
            entries.forEachRemaining((kv) -> all.put(kv.key().toUtf8String(), kv.value().toLong()));
        }
        return all;
    }

    /**
     * Reserves every line or none: an unknown SKU or a short line throws, and the transaction discards
     * the lines already reserved.
     */
    public Order placeOrder(Map<String, Long> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        long id = this.db.generateId();
        for (Map.Entry<String, Long> line : new TreeMap<>(lines).entrySet()) {
            String sku = line.getKey();
            long requested = line.getValue();
            if (requested <= 0) {
                throw new IllegalArgumentException("quantity of '" + sku + "' must be positive, was " + requested);
            }
            long available = stock(sku).orElse(0L);
            if (available < requested) {
                throw new InsufficientStockException(sku, requested, available);
            }
            this.stock.insert(Bytes.of(sku), Bytes.ofLong(available - requested));
            this.orders.insert(orderLineKey(id, sku), Bytes.ofLong(requested));
        }
        return new Order(id, lines);
    }

    @Transactional(readOnly = true)
    public Optional<Order> order(long id) {
        Bytes prefix = Bytes.ofLong(id);
        Map<String, Long> lines = new LinkedHashMap<>();
        try (SledIterator entries = this.orders.scanPrefix(prefix)) {
            entries.forEachRemaining((kv) -> lines.put(sku(kv), kv.value().toLong()));
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(new Order(id, lines));
    }

    private static Bytes orderLineKey(long id, String sku) {
        byte[] skuBytes = Bytes.of(sku).toArray();
        byte[] key = new byte[8 + skuBytes.length];
        Bytes.ofLong(id).copyTo(key, 0);
        System.arraycopy(skuBytes, 0, key, 8, skuBytes.length);
        return Bytes.wrap(key);
    }

    private static String sku(KeyValue orderLine) {
        Bytes key = orderLine.key();
        return key.slice(8, key.length()).toUtf8String();
    }
}
