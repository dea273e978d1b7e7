package dev.sled;

/**
 * Opening an existing database asked for a stored parameter ({@code segmentSize}, compression) other
 * than the one it was created with, as sled's {@code Unsupported}. Leave the parameter unset to adopt
 * the stored value, or export the database and import it into a new one created with the new value.
 */
public class ConfigMismatchException extends SledException {
    private final String parameter;

    public ConfigMismatchException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The {@link SledConfig} setter whose value differs from the stored one, e.g. {@code segmentSize}. */
    public String parameter() {
        return parameter;
    }
}
