package dev.sled.spring.data.convert;

import dev.sled.Bytes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.util.ClassUtils;

/**
 * The key codecs of a repository setup: the built-in ones, codecs derived for records (composite ids)
 * and enums, and the codecs an application registers with {@link #with(KeyCodec)}. Immutable and
 * thread-safe.
 *
 * <p>Built-in encodings, all order-preserving:
 * <ul>
 * <li>{@code long}, {@code int}, {@code short}, {@code byte}: big-endian two's complement with the sign
 * bit flipped, so -1 sorts before 0;
 * <li>{@code double}: the IEEE bits, with every bit flipped for negatives and the sign bit for others;
 * <li>{@code boolean}: one byte, false before true;
 * <li>{@link String}: UTF-8, which sorts by Unicode code point (as {@link String#compareTo} does except
 * for characters outside the Basic Multilingual Plane);
 * <li>{@link UUID}: 16 bytes big-endian, the order of the text form and of UUIDv7 creation times (an
 * unsigned order, unlike {@link UUID#compareTo});
 * <li>{@link Instant}: seconds as a signed long, then nanoseconds; {@link LocalDate}: its epoch day;
 * <li>{@code byte[]}: the bytes themselves;
 * <li>enums: the constant's name;
 * <li>records: their components in declaration order, each {@linkplain KeyComponents#terminated terminated}.
 * </ul>
 */
public final class KeyCodecs {

    public static final KeyCodec<Long> LONG = KeyCodec.of(Long.class,
            v -> Bytes.ofLong(v ^ Long.MIN_VALUE), b -> checkLength(b, 8, Long.class).toLong() ^ Long.MIN_VALUE);

    public static final KeyCodec<Integer> INTEGER = KeyCodec.of(Integer.class,
            v -> bigEndian(v ^ Integer.MIN_VALUE, 4), b -> (int) readBigEndian(checkLength(b, 4, Integer.class)) ^ Integer.MIN_VALUE);

    public static final KeyCodec<Short> SHORT = KeyCodec.of(Short.class,
            v -> bigEndian(v ^ 0x8000, 2), b -> (short) (readBigEndian(checkLength(b, 2, Short.class)) ^ 0x8000));

    public static final KeyCodec<Byte> BYTE = KeyCodec.of(Byte.class,
            v -> bigEndian(v ^ 0x80, 1), b -> (byte) (readBigEndian(checkLength(b, 1, Byte.class)) ^ 0x80));

    public static final KeyCodec<Double> DOUBLE = KeyCodec.of(Double.class,
            v -> Bytes.ofLong(sortableBits(v)), b -> fromSortableBits(checkLength(b, 8, Double.class).toLong()));

    public static final KeyCodec<Boolean> BOOLEAN = KeyCodec.of(Boolean.class,
            v -> bigEndian(v ? 1 : 0, 1), b -> readBigEndian(checkLength(b, 1, Boolean.class)) != 0);

    public static final KeyCodec<String> STRING = KeyCodec.of(String.class, Bytes::of, Bytes::toUtf8String);

    public static final KeyCodec<UUID> UUID_CODEC = KeyCodec.of(UUID.class, KeyCodecs::encodeUuid, KeyCodecs::decodeUuid);

    public static final KeyCodec<Instant> INSTANT = KeyCodec.of(Instant.class,
            KeyCodecs::encodeInstant, KeyCodecs::decodeInstant);

    public static final KeyCodec<LocalDate> LOCAL_DATE = KeyCodec.of(LocalDate.class,
            v -> LONG.encode(v.toEpochDay()), b -> LocalDate.ofEpochDay(LONG.decode(b)));

    public static final KeyCodec<byte[]> BYTE_ARRAY = KeyCodec.of(byte[].class, Bytes::of, Bytes::toArray);

    private static final KeyCodecs DEFAULTS = new KeyCodecs(Map.of()).with(LONG).with(INTEGER).with(SHORT).with(BYTE)
            .with(DOUBLE).with(BOOLEAN).with(STRING).with(UUID_CODEC).with(INSTANT).with(LOCAL_DATE).with(BYTE_ARRAY);

    private final Map<Class<?>, KeyCodec<?>> registered;
    private final ConcurrentMap<Class<?>, KeyCodec<?>> derived = new ConcurrentHashMap<>();

    private KeyCodecs(Map<Class<?>, KeyCodec<?>> registered) {
        this.registered = Map.copyOf(registered);
    }

    /** The built-in codecs. */
    public static KeyCodecs defaults() {
        return DEFAULTS;
    }

    /** These codecs plus {@code codec}, which replaces any codec registered for the same type. */
    public KeyCodecs with(KeyCodec<?> codec) {
        Objects.requireNonNull(codec, "codec must not be null");
        Map<Class<?>, KeyCodec<?>> copy = new HashMap<>(registered);
        copy.put(codec.type(), codec);
        return new KeyCodecs(copy);
    }

    /** Whether {@link #forType} finds a codec for {@code type}. */
    public boolean supports(Class<?> type) {
        Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
        return registered.containsKey(boxed) || boxed.isEnum()
                || (boxed.isRecord() && Arrays.stream(boxed.getRecordComponents()).allMatch(c -> supports(c.getType())));
    }

    /**
     * The codec for {@code type} (primitive types use their wrapper's codec).
     *
     * @throws IllegalArgumentException naming the type and the supported types when there is none
     */
    @SuppressWarnings("unchecked")
    public <T> KeyCodec<T> forType(Class<T> type) {
        Class<T> boxed = (Class<T>) ClassUtils.resolvePrimitiveIfNecessary(type);
        KeyCodec<?> codec = registered.get(boxed);
        if (codec == null) {
            codec = derived.computeIfAbsent(boxed, this::derive);
        }
        return (KeyCodec<T>) codec;
    }

    /**
     * Compares two values of one type in the order of their key encodings when the type has a codec (so
     * that filters agree with key ranges, for example on strings outside the Basic Multilingual Plane and
     * on UUIDs), otherwise by {@link Comparable}.
     *
     * @throws IllegalArgumentException when the values are not comparable
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Object a, Object b) {
        if (a.getClass() == b.getClass() && supports(a.getClass())) {
            KeyCodec<Object> codec = (KeyCodec<Object>) forType(a.getClass());
            return codec.encode(a).compareTo(codec.encode(b));
        }
        if (a instanceof Comparable comparable && a.getClass().isInstance(b)) {
            return comparable.compareTo(b);
        }
        throw new IllegalArgumentException("cannot compare " + a.getClass().getName() + " with " + b.getClass().getName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private KeyCodec<?> derive(Class<?> type) {
        if (type.isEnum()) {
            return KeyCodec.of((Class) type, v -> Bytes.of(((Enum<?>) v).name()), b -> Enum.valueOf((Class) type, b.toUtf8String()));
        }
        if (type.isRecord()) {
            return new RecordKeyCodec<>(type, this);
        }
        TreeSet<String> supported = new TreeSet<>();
        registered.keySet().forEach(c -> supported.add(c.getSimpleName()));
        throw new IllegalArgumentException("no key codec for " + type.getName() + "; supported: " + supported
                + ", enums and records of those; register a KeyCodec for it");
    }

    private static Bytes bigEndian(long value, int length) {
        byte[] b = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            b[i] = (byte) value;
            value >>>= 8;
        }
        return Bytes.wrap(b);
    }

    private static long readBigEndian(Bytes bytes) {
        long v = 0;
        for (int i = 0; i < bytes.length(); i++) {
            v = (v << 8) | (bytes.byteAt(i) & 0xFF);
        }
        return v;
    }

    private static Bytes checkLength(Bytes bytes, int length, Class<?> type) {
        if (bytes.length() != length) {
            throw new IllegalArgumentException("a " + type.getSimpleName() + " key has " + length + " bytes, not "
                    + bytes.length() + ": " + bytes);
        }
        return bytes;
    }

    private static long sortableBits(double value) {
        long bits = Double.doubleToLongBits(value);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private static double fromSortableBits(long sortable) {
        return Double.longBitsToDouble(sortable < 0 ? sortable ^ Long.MIN_VALUE : ~sortable);
    }

    private static Bytes encodeUuid(UUID uuid) {
        return KeyComponents.concat(Bytes.ofLong(uuid.getMostSignificantBits()), Bytes.ofLong(uuid.getLeastSignificantBits()));
    }

    private static UUID decodeUuid(Bytes bytes) {
        checkLength(bytes, 16, UUID.class);
        return new UUID(bytes.slice(0, 8).toLong(), bytes.slice(8, 16).toLong());
    }

    private static Bytes encodeInstant(Instant instant) {
        return KeyComponents.concat(LONG.encode(instant.getEpochSecond()), bigEndian(instant.getNano(), 4));
    }

    private static Instant decodeInstant(Bytes bytes) {
        checkLength(bytes, 12, Instant.class);
        return Instant.ofEpochSecond(LONG.decode(bytes.slice(0, 8)), readBigEndian(bytes.slice(8, 12)));
    }
}
