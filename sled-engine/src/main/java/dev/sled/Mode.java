package dev.sled;

/**
 * The storage trade-off. It changes how eagerly segments are compacted: with {@link #LOW_SPACE}, once a
 * tenth of the log is garbage, the segments that are at least a tenth garbage are rewritten, sparsest
 * first; {@link #HIGH_THROUGHPUT} waits until half of the log, and of a segment, is. Closing compacts
 * every segment that is a tenth garbage in either mode.
 */
public enum Mode {
    LOW_SPACE,
    HIGH_THROUGHPUT
}
