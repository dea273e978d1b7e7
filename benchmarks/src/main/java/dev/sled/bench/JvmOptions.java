package dev.sled.bench;

import java.util.List;

/** The options of every measuring JVM, whatever the store: the same heap for all, as in the peers' figures. */
final class JvmOptions {

    /**
     * A fixed 4 GiB heap, touched when the JVM starts ({@code AlwaysPreTouch}, as database servers run
     * it) so that the kernel's first-touch page faults of a fresh heap, hundreds of milliseconds for the
     * first gigabyte a store allocates, are not charged to whichever timed phase allocates first; and the
     * two {@code --add-opens} that lmdbjava's zero-copy buffer proxy needs on JDK 17. Every JVM gets them,
     * so settings never differ between stores.
     */
    static final List<String> ARGS = List.of(
            "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");

    private JvmOptions() {
    }
}
