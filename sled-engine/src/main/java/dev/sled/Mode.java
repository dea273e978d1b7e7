package dev.sled;

/**
 * The storage trade-off. It changes how eagerly segments are compacted: {@link #LOW_SPACE} rewrites
 * a segment once a tenth of it is garbage, {@link #HIGH_THROUGHPUT} waits until half of it is.
 */
public enum Mode {
    LOW_SPACE,
    HIGH_THROUGHPUT
}
