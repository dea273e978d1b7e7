package dev.sled.etcd;

import dev.sled.StorageException;

/**
 * The cluster raised its NOSPACE alarm: its backend reached {@code --quota-backend-bytes} and it refuses
 * every write until an operator compacts, defragments and disarms the alarm. The write was not applied.
 */
public class StorageFullException extends StorageException {
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
