package dev.sled.spring.boot.autoconfigure;

import dev.sled.DatabaseLockedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link DatabaseLockedException}: two applications (or two contexts of one test run) cannot
 * open the same directory.
 */
class SledDatabaseLockedFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseLockedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseLockedException cause) {
        return new FailureAnalysis("The sled database could not be opened: " + cause.getMessage(),
                "Stop the other process that has the database open, or set the property 'sled.path' to "
                        + "another directory (or 'sled.temporary=true' in tests).",
                cause);
    }
}
