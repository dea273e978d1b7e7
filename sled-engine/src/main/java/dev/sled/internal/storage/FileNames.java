package dev.sled.internal.storage;

/**
 * File names with zero-padded numbers, built without {@code String.format}: its first use in a JVM
 * loads the formatter and locale data (10-15 ms), which opening a database would pay.
 */
final class FileNames {

    private FileNames() {
    }

    static String padded(String prefix, String digits, int width, String suffix) {
        StringBuilder sb = new StringBuilder(prefix.length() + width + suffix.length()).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits).append(suffix).toString();
    }
}
