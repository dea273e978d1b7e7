package dev.sled.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidSledPropertyException} and names the property to fix.
 */
class InvalidSledPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSledPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSledPropertyException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Review the value of the property '" + cause.getProperty() + "'.", cause);
    }
}
