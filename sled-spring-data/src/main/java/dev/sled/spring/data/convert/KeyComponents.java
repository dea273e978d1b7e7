package dev.sled.spring.data.convert;

import dev.sled.Bytes;
import java.util.Arrays;

/**
 * Joins key encodings into one order-preserving composite key. A component that other bytes follow is
 * written {@link #terminated}: every {@code 0x00} byte escaped as {@code 0x00 0xFF}, then a
 * {@code 0x00 0x01} terminator. A component that is a prefix of another then sorts first, and the
 * composite sorts component by component, because the terminator is smaller than any byte that can
 * continue a component.
 */
public final class KeyComponents {

    private static final byte ESCAPE = 0x00;
    private static final byte ESCAPED_ZERO = (byte) 0xFF;
    private static final byte TERMINATOR = 0x01;

    private KeyComponents() {
    }

    /** {@code component} escaped and terminated, ready to be followed by further components. */
    public static Bytes terminated(Bytes component) {
        int zeros = 0;
        for (int i = 0; i < component.length(); i++) {
            if (component.byteAt(i) == ESCAPE) {
                zeros++;
            }
        }
        byte[] out = new byte[component.length() + zeros + 2];
        int o = 0;
        for (int i = 0; i < component.length(); i++) {
            byte b = component.byteAt(i);
            out[o++] = b;
            if (b == ESCAPE) {
                out[o++] = ESCAPED_ZERO;
            }
        }
        out[o++] = ESCAPE;
        out[o] = TERMINATOR;
        return Bytes.wrap(out);
    }

    /** The bytes of {@code first} followed by those of {@code second}. */
    public static Bytes concat(Bytes first, Bytes second) {
        byte[] out = new byte[first.length() + second.length()];
        first.copyTo(out, 0);
        second.copyTo(out, first.length());
        return Bytes.wrap(out);
    }

    /**
     * Reads the terminated component that starts at {@code offset} of {@code key}.
     *
     * @throws IllegalArgumentException when the key has no terminator after {@code offset} or holds an
     *     invalid escape, i.e. it was not written by {@link #terminated}
     */
    public static Component read(Bytes key, int offset) {
        byte[] out = new byte[key.length() - offset];
        int o = 0;
        for (int i = offset; i < key.length(); i++) {
            byte b = key.byteAt(i);
            if (b != ESCAPE) {
                out[o++] = b;
                continue;
            }
            byte next = i + 1 < key.length() ? key.byteAt(i + 1) : 0;
            if (next == TERMINATOR) {
                return new Component(Bytes.wrap(Arrays.copyOf(out, o)), i + 2);
            }
            if (next != ESCAPED_ZERO) {
                throw new IllegalArgumentException("invalid composite key " + key + ": byte 0x00 at " + i
                        + " is neither escaped (0x00 0xFF) nor a terminator (0x00 0x01)");
            }
            out[o++] = ESCAPE;
            i++;
        }
        throw new IllegalArgumentException("invalid composite key " + key + ": no terminator after offset " + offset);
    }

    /** One component read from a composite key, and the offset just after it. */
    public record Component(Bytes value, int end) {
    }
}
