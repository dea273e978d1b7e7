package dev.sled;

/**
 * An I/O operation of the storage layer failed. After a failed write or fsync the database refuses
 * further writes ({@link SledStats#failure()} says why) so that nothing is reported as durable that is
 * not; reopen it to recover.
 */
public class StorageException extends SledException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
