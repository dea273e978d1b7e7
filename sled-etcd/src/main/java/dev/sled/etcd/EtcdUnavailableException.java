package dev.sled.etcd;

import dev.sled.StorageException;

/**
 * The cluster did not answer in time: no member was reachable, or the request timed out. For a write
 * the message says whether it may have been applied; nothing is reported as written that was not.
 */
public class EtcdUnavailableException extends StorageException {
    public EtcdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
