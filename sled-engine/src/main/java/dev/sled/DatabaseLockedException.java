package dev.sled;

/** Another process (or another open handle in this process) already has the database open. */
public class DatabaseLockedException extends SledException {
    public DatabaseLockedException(String message) {
        super(message);
    }
}
