package dev.sled.bench;

import java.util.List;

/** The options of every measuring JVM, whatever the store: the same heap for all, as in the peers' figures. */
final class JvmOptions {

    /**
     * A fixed 4 GiB heap, and the two {@code --add-opens} that lmdbjava's zero-copy buffer proxy needs
     * on JDK 17 (given to every JVM, so that settings never differ between stores).
     */
    static final List<String> ARGS = List.of(
            "-Xms4g", "-Xmx4g",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");

    private JvmOptions() {
    }
}
