package dev.sled;

/** The root of every exception the engine throws for a failure (not for a normal CAS mismatch). */
public class SledException extends RuntimeException {
    public SledException(String message) {
        super(message);
    }

    public SledException(String message, Throwable cause) {
        super(message, cause);
    }
}
