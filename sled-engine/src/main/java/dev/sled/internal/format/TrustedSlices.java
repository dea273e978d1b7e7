package dev.sled.internal.format;

import dev.sled.Bytes;

/**
 * Slices that skip {@link Bytes#wrap(byte[], int, int)}'s bounds check, for values whose bounds the
 * decoder already checked. The check reads the array's length from its header: for a random get that is
 * a cache miss of its own, as costly as the rest of the value's lookup. {@link Bytes} installs the
 * factory when it is initialized, which happens before any node is decoded.
 */
public final class TrustedSlices {

    /** Makes a slice without checks; implemented by {@link Bytes}. */
    @FunctionalInterface
    public interface Factory {
        Bytes slice(byte[] array, int offset, int length);
    }

    private static Factory factory;

    private TrustedSlices() {
    }

    /** Called once, by {@link Bytes}. */
    public static synchronized void install(Factory f) {
        if (factory != null) {
            throw new IllegalStateException("the slice factory is installed already");
        }
        factory = f;
    }

    static Bytes slice(byte[] array, int offset, int length) {
        return factory.slice(array, offset, length);
    }
}
