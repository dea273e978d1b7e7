package dev.sled;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link SledTree#compareAndSwap}: a mismatch is a normal result, not an exception
 * (sled's {@code CompareAndSwapError}). On failure {@link #current()} is the value found and
 * {@link #proposed()} the value that was not written.
 */
public final class CompareAndSwapResult {

    private static final CompareAndSwapResult SUCCESS = new CompareAndSwapResult(true, null, null);

    private final boolean success;
    private final @Nullable Bytes current;
    private final @Nullable Bytes proposed;

    private CompareAndSwapResult(boolean success, @Nullable Bytes current, @Nullable Bytes proposed) {
        this.success = success;
        this.current = current;
        this.proposed = proposed;
    }

    public static CompareAndSwapResult success() {
        return SUCCESS;
    }

    public static CompareAndSwapResult failure(@Nullable Bytes current, @Nullable Bytes proposed) {
        return new CompareAndSwapResult(false, current, proposed);
    }

    public boolean isSuccess() {
        return success;
    }

    /** On failure, the value actually stored (null when absent); null on success. */
    public @Nullable Bytes current() {
        return current;
    }

    /** On failure, the value that was not written (null for a delete); null on success. */
    public @Nullable Bytes proposed() {
        return proposed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompareAndSwapResult r && success == r.success
                && Objects.equals(current, r.current) && Objects.equals(proposed, r.proposed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(success, current, proposed);
    }

    @Override
    public String toString() {
        return success ? "CompareAndSwapResult[success]"
                : "CompareAndSwapResult[conflict, current=" + current + ", proposed=" + proposed + "]";
    }
}
