/**
 * sled for Java: an embedded, crash-safe, ordered key-value database. The API is {@code dev.sled};
 * {@code dev.sled.spi} is for backends and file layers; everything under {@code dev.sled.internal} is
 * the embedded engine and may change without notice.
 */
module dev.sled.engine {
    requires static org.jspecify;
    requires static com.github.luben.zstd_jni;

    exports dev.sled;
    exports dev.sled.spi;

    uses dev.sled.spi.SledProvider;

    provides dev.sled.spi.SledProvider with dev.sled.internal.engine.EmbeddedProvider;
}
