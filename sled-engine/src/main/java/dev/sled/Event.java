package dev.sled;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A change seen by a {@link Subscriber}: an insert or a remove of one key. */
public sealed interface Event permits Event.Insert, Event.Remove {

    Bytes key();

    /** The new value, or null for a remove. */
    @Nullable Bytes value();

    /** A key was set to {@code value}. */
    record Insert(Bytes key, Bytes value) implements Event {
        public Insert {
            Objects.requireNonNull(key, "key must not be null");
            Objects.requireNonNull(value, "value must not be null");
        }
    }

    /** A key was removed. */
    record Remove(Bytes key) implements Event {
        public Remove {
            Objects.requireNonNull(key, "key must not be null");
        }

        @Override
        public @Nullable Bytes value() {
            return null;
        }
    }
}
