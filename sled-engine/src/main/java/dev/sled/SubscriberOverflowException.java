package dev.sled;

/** A subscriber's buffer filled up and it missed events; it is closed. Watch again to resynchronise. */
public class SubscriberOverflowException extends SledException {
    public SubscriberOverflowException(String message) {
        super(message);
    }
}
