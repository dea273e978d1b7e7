package dev.sled.internal.storage;

import dev.sled.internal.format.NodeFrames;
import java.util.Set;

/** A node's place on disk packed in a long: segment id in the high 32 bits, byte offset in the low 32. */
public final class Location {

    private Location() {
    }

    public static long of(int segment, int offset) {
        return ((long) segment << 32) | (offset & 0xFFFFFFFFL);
    }

    public static int segment(long location) {
        return (int) (location >>> 32);
    }

    public static int offset(long location) {
        return (int) location;
    }

    /** Adds the segments holding {@code frames} to {@code ids}. */
    public static void addSegments(NodeFrames frames, Set<Integer> ids) {
        for (int i = 0; i < frames.count(); i++) {
            ids.add(segment(frames.location(i)));
        }
    }

    public static String toString(long location) {
        return "segment " + segment(location) + " offset " + offset(location);
    }
}
