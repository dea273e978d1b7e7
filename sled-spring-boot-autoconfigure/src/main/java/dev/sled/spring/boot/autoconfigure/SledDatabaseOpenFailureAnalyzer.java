package dev.sled.spring.boot.autoconfigure;

import dev.sled.CompressionUnavailableException;
import dev.sled.ConfigMismatchException;
import dev.sled.CorruptionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link SledDatabaseOpenException} and points at the properties behind it. */
class SledDatabaseOpenFailureAnalyzer extends AbstractFailureAnalyzer<SledDatabaseOpenException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SledDatabaseOpenException cause) {
        return new FailureAnalysis(cause.getMessage(), action(cause.getCause()), cause);
    }

    private static String action(Throwable engineFailure) {
        if (engineFailure instanceof CompressionUnavailableException) {
            return "Add com.github.luben:zstd-jni to the class path: 'sled.compression.enabled' is set, or the "
                    + "database at 'sled.path' was created with compression.";
        }
        if (engineFailure instanceof ConfigMismatchException mismatch) {
            String property = mismatch.parameter().equals("segmentSize") ? "sled.segment-size" : "sled.compression.enabled";
            return "Remove the property '" + property + "' to open the database at 'sled.path' with the value it was "
                    + "created with, or export the database and import it into a new one at another 'sled.path'.";
        }
        if (engineFailure instanceof CorruptionException) {
            return "Restore the directory named by the property 'sled.path' from a backup, or set 'sled.path' to "
                    + "another directory.";
        }
        return "Review the properties 'sled.path' (a directory the application can create, write and lock) and "
                + "'sled.create-new'.";
    }
}
