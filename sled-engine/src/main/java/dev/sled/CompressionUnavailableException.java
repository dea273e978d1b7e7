package dev.sled;

/** The database uses zstd compression but zstd-jni ({@code com.github.luben:zstd-jni}) is not on the class path. */
public class CompressionUnavailableException extends SledException {
    public CompressionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
