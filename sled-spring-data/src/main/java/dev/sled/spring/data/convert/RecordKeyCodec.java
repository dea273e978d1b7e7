package dev.sled.spring.data.convert;

import dev.sled.Bytes;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * A composite key: the components of a record in declaration order, each
 * {@linkplain KeyComponents#terminated terminated}, so records sort component by component. Null
 * components are rejected since they have no place in the order.
 */
final class RecordKeyCodec<T> implements KeyCodec<T> {

    private final Class<T> type;
    private final RecordComponent[] components;
    private final KeyCodec<Object>[] codecs;
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;

    @SuppressWarnings("unchecked")
    RecordKeyCodec(Class<T> type, KeyCodecs registry) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.codecs = (KeyCodec<Object>[]) new KeyCodec<?>[components.length];
        this.accessors = new MethodHandle[components.length];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            for (int i = 0; i < components.length; i++) {
                codecs[i] = (KeyCodec<Object>) registry.forType(components[i].getType());
                accessors[i] = lookup.unreflect(accessible(components[i].getAccessor()));
            }
            Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            this.constructor = lookup.unreflectConstructor(accessible(type.getDeclaredConstructor(parameterTypes)))
                    .asType(MethodType.genericMethodType(parameterTypes.length)).asSpreader(Object[].class, parameterTypes.length);
        } catch (ReflectiveOperationException | IllegalArgumentException ex) {
            throw new IllegalArgumentException("cannot use record " + type.getName() + " as a key: " + ex.getMessage(), ex);
        }
    }

    private static <A extends AccessibleObject> A accessible(A member) {
        member.setAccessible(true);
        return member;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public Bytes encode(T value) {
        Bytes key = Bytes.EMPTY;
        for (int i = 0; i < components.length; i++) {
            Object component = invoke(accessors[i], value);
            if (component == null) {
                throw new IllegalArgumentException("component '" + components[i].getName() + "' of key " + value
                        + " is null; every component of a record key must be set");
            }
            key = KeyComponents.concat(key, KeyComponents.terminated(codecs[i].encode(component)));
        }
        return key;
    }

    @Override
    public T decode(Bytes bytes) {
        Object[] values = new Object[components.length];
        int offset = 0;
        for (int i = 0; i < components.length; i++) {
            KeyComponents.Component component = KeyComponents.read(bytes, offset);
            values[i] = codecs[i].decode(component.value());
            offset = component.end();
        }
        if (offset != bytes.length()) {
            throw new IllegalArgumentException("key " + bytes + " has " + (bytes.length() - offset)
                    + " bytes after the last component of " + type.getName());
        }
        return type.cast(invoke(constructor, values));
    }

    private static Object invoke(MethodHandle handle, Object argument) {
        try {
            return handle.invoke(argument);
        } catch (RuntimeException | Error ex) {
            throw ex;
        } catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public String toString() {
        return "RecordKeyCodec[" + type.getName() + "]";
    }
}
