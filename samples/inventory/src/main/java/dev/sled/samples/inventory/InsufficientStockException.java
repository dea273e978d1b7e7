package dev.sled.samples.inventory;

/** An order asked for more of a SKU than is in stock; the whole order is rolled back. */
public class InsufficientStockException extends RuntimeException {

    public InsufficientStockException(String sku, long requested, long available) {
        super("Insufficient stock for '" + sku + "': requested " + requested + ", available " + available);
    }
}
