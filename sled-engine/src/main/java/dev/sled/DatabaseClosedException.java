package dev.sled;

/** The database was closed; open it again to continue. */
public class DatabaseClosedException extends SledException {
    public DatabaseClosedException(String message) {
        super(message);
    }
}
