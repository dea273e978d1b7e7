package dev.sled.internal.format;

import java.util.Arrays;

/**
 * Where a node is stored: its base image, then up to two {@link LeafDelta}s in the order they apply. The
 * first delta holds every change since the base, the second every change since the first: a flush of a
 * few more writes to a node writes just those, and a load reads at most three frames.
 */
public final class NodeFrames {

    /** A node's deltas at most: its first and second. */
    public static final int MAX_DELTAS = 2;
    /** A base and its deltas. */
    private static final int MAX_FRAMES = 1 + MAX_DELTAS;

    private final long[] locations;
    private final int[] lengths;

    private NodeFrames(long[] locations, int[] lengths) {
        this.locations = locations;
        this.lengths = lengths;
    }

    /** A node stored as one whole image. */
    public static NodeFrames whole(long location, int length) {
        return new NodeFrames(new long[] {location}, new int[] {length});
    }

    /** Frames read from the catalog: {@code locations[0]} is the base. */
    static NodeFrames of(long[] locations, int[] lengths) {
        if (locations.length == 0 || locations.length > MAX_FRAMES || lengths.length != locations.length) {
            throw new IllegalArgumentException("a node has 1 to " + MAX_FRAMES + " frames, not " + locations.length);
        }
        return new NodeFrames(locations, lengths);
    }

    /** This base with a new first delta, which replaces any deltas it had. */
    public NodeFrames withFirstDelta(long location, int length) {
        return new NodeFrames(new long[] {locations[0], location}, new int[] {lengths[0], length});
    }

    /** This base and first delta with a new second delta, which replaces the second it had. */
    public NodeFrames withSecondDelta(long location, int length) {
        if (count() < 2) {
            throw new IllegalStateException("a second delta needs a first one: " + this);
        }
        return new NodeFrames(new long[] {locations[0], locations[1], location}, new int[] {lengths[0], lengths[1], length});
    }

    /** These frames with frame {@code i} copied to {@code location}. */
    public NodeFrames moved(int i, long location) {
        long[] l = locations.clone();
        l[i] = location;
        return new NodeFrames(l, lengths);
    }

    /** Frames in the order they apply: the base, then the deltas. */
    public int count() {
        return locations.length;
    }

    public long location(int i) {
        return locations[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    /** The frame written last: the newest delta, or the base when there is none. */
    public long newestLocation() {
        return locations[locations.length - 1];
    }

    public int newestLength() {
        return lengths[lengths.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeFrames f && Arrays.equals(locations, f.locations) && Arrays.equals(lengths, f.lengths);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(locations) + Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NodeFrames[");
        for (int i = 0; i < count(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Long.toHexString(locations[i])).append('+').append(lengths[i]);
        }
        return sb.append(']').toString();
    }
}
