package dev.sled.etcd;

import dev.sled.StorageException;

/**
 * The cluster raised its NOSPACE alarm: its backend reached {@code --quota-backend-bytes} and it refuses
 * every write until an operator compacts, defragments and disarms the alarm. etcd applies the one write that
 * crosses the quota before answering with this error, so that write may be present; every write refused
 * while the alarm is up is not.
 */
public class StorageFullException extends StorageException {
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
