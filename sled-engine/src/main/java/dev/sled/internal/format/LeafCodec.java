package dev.sled.internal.format;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Byte layout of a leaf node (before optional compression):
 * <pre>
 * varint loLen, lo | u8 hasHi [varint hiLen, hi] | varint n | varint prefixLen, prefix
 * | u8 flags (1: fixed key-suffix length, 2: fixed value length) [varint keyLen] [varint valueLen]
 * | n x ([varint suffixLen] suffix [varint valueLen] value)
 * </pre>
 * Keys share their common prefix once (prefix encoding); when every suffix or every value has the same
 * length, per-entry lengths are skipped. Decoded values stay in the read buffer, and the rebuilt keys
 * share one array ({@link PackedSlices}).
 */
public final class LeafCodec {

    private static final int FIXED_KEYS = 1;
    private static final int FIXED_VALUES = 2;

    private LeafCodec() {
    }

    public static ByteBuffer encode(LeafImage leaf) {
        Bytes[] keys = leaf.keys();
        int n = keys.length;
        int prefix = n == 0 ? 0 : commonPrefix(keys[0], keys[n - 1]);
        boolean fixedKeys = n > 1;
        boolean fixedValues = n > 1;
        int size = 32 + leaf.lo().length() + (leaf.hi() == null ? 0 : leaf.hi().length()) + prefix;
        int firstValueLength = n == 0 ? 0 : leaf.value(0).length();
        for (int i = 0; i < n; i++) {
            int valueLength = leaf.value(i).length();
            size += keys[i].length() - prefix + valueLength + 10;
            fixedKeys &= keys[i].length() == keys[0].length();
            fixedValues &= valueLength == firstValueLength;
        }
        ByteBuffer b = Compression.allocate(size);
        Buffers.putLengthPrefixed(b, leaf.lo());
        if (leaf.hi() == null) {
            b.put((byte) 0);
        } else {
            b.put((byte) 1);
            Buffers.putLengthPrefixed(b, leaf.hi());
        }
        Varint.write(b, n);
        Varint.write(b, prefix);
        if (n > 0) {
            Buffers.put(b, keys[0].slice(0, prefix));
        }
        b.put((byte) ((fixedKeys ? FIXED_KEYS : 0) | (fixedValues ? FIXED_VALUES : 0)));
        if (fixedKeys) {
            Varint.write(b, keys[0].length() - prefix);
        }
        if (fixedValues) {
            Varint.write(b, firstValueLength);
        }
        for (int i = 0; i < n; i++) {
            Bytes suffix = keys[i].slice(prefix, keys[i].length());
            if (!fixedKeys) {
                Varint.write(b, suffix.length());
            }
            Buffers.put(b, suffix);
            Bytes value = leaf.value(i);
            if (!fixedValues) {
                Varint.write(b, value.length());
            }
            Buffers.put(b, value);
        }
        return Compression.finish(b);
    }

    /** Decodes a leaf; throws {@link IllegalArgumentException} or a buffer exception on malformed input. */
    public static LeafImage decode(ByteBuffer b) {
        byte[] array = b.array();
        int base = b.arrayOffset();
        Bytes lo = getBytes(b, array, base);
        Bytes hi = b.get() == 0 ? null : getBytes(b, array, base);
        int n = Varint.readInt(b, b.remaining());
        int prefixLen = Varint.readInt(b, SledConfig.MAX_KEY_SIZE);
        byte[] prefix = new byte[prefixLen];
        b.get(prefix);
        int flags = b.get();
        int keyLen = (flags & FIXED_KEYS) != 0 ? Varint.readInt(b, SledConfig.MAX_KEY_SIZE) : -1;
        int valueLen = (flags & FIXED_VALUES) != 0 ? Varint.readInt(b, SledConfig.MAX_VALUE_SIZE) : -1;
        if (keyLen >= 0 && (keyLen == 0 ? n > 1 : (long) n * keyLen > b.remaining())) {
            throw new IllegalArgumentException(n + " distinct keys of " + keyLen + " bytes after the prefix cannot fit in "
                    + b.remaining() + " bytes");
        }
        boolean strided = keyLen >= 0 && valueLen >= 0;
        int valuesStart = base + b.position() + Math.max(keyLen, 0);
        int[] spans = strided ? null : new int[2 * n];
        // Rebuilt keys share one array: fixed-length keys at a stride, others at spans (their suffixes fit
        // in what remains of the node; the copy below trims the rest).
        long keyBytesBound = (long) n * prefixLen + (keyLen >= 0 ? (long) n * keyLen : b.remaining());
        if (keyBytesBound > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " keys with a shared prefix of " + prefixLen + " bytes are too large to load");
        }
        byte[] keyBytes = new byte[(int) keyBytesBound];
        int[] keySpans = keyLen >= 0 ? null : new int[2 * n];
        int keyAt = 0;
        for (int i = 0; i < n; i++) {
            int kl = keyLen >= 0 ? keyLen : Varint.readInt(b, SledConfig.MAX_KEY_SIZE);
            System.arraycopy(prefix, 0, keyBytes, keyAt, prefixLen);
            b.get(keyBytes, keyAt + prefixLen, kl);
            if (keySpans != null) {
                keySpans[2 * i] = keyAt;
                keySpans[2 * i + 1] = prefixLen + kl;
            }
            keyAt += prefixLen + kl;
            int vl = valueLen >= 0 ? valueLen : Varint.readInt(b, SledConfig.MAX_VALUE_SIZE);
            if (vl > b.remaining()) {
                throw new IllegalArgumentException("value length " + vl + " exceeds the node's remaining " + b.remaining() + " bytes");
            }
            if (!strided) {
                spans[2 * i] = base + b.position();
                spans[2 * i + 1] = vl;
            }
            b.position(b.position() + vl);
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException(b.remaining() + " trailing bytes after the last entry");
        }
        PackedSlices keys = keySpans == null ? PackedSlices.strided(keyBytes, n, 0, prefixLen + keyLen, prefixLen + keyLen)
                : PackedSlices.spanned(keyAt == keyBytes.length ? keyBytes : Arrays.copyOf(keyBytes, keyAt), keySpans);
        PackedSlices values = strided ? PackedSlices.strided(array, n, valuesStart, keyLen + valueLen, valueLen)
                : PackedSlices.spanned(array, spans);
        return new LeafImage(lo, hi, keys, values);
    }

    static int commonPrefix(Bytes a, Bytes b) {
        int mismatch = a.mismatch(b);
        return mismatch < 0 ? a.length() : mismatch;
    }

    private static Bytes getBytes(ByteBuffer b, byte[] array, int base) {
        int len = Varint.readInt(b, Math.min(b.remaining(), SledConfig.MAX_KEY_SIZE + 1));
        Bytes out = Bytes.of(array, base + b.position(), len);
        b.position(b.position() + len);
        return out;
    }
}
