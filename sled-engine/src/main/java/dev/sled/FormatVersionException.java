package dev.sled;

/** The files at a path were written by another program or by an incompatible version of the engine. */
public class FormatVersionException extends SledException {
    public FormatVersionException(String message) {
        super(message);
    }
}
