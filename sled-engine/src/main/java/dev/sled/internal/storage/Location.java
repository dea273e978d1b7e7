package dev.sled.internal.storage;

import dev.sled.internal.format.NodeFrames;
import java.util.HashSet;
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

    /** The segments holding {@code frames}. */
    public static Set<Integer> segments(NodeFrames frames) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < frames.count(); i++) {
            ids.add(segment(frames.location(i)));
        }
        return ids;
    }

    public static String toString(long location) {
        return "segment " + segment(location) + " offset " + offset(location);
    }
}
