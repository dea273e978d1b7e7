package dev.sled;

/** The tree was dropped; reopen it with {@link SledDb#openTree} to get a fresh, empty tree. */
public class TreeNotFoundException extends SledException {
    public TreeNotFoundException(String message) {
        super(message);
    }
}
