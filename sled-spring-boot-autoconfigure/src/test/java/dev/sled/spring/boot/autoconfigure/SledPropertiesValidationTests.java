package dev.sled.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.spring.boot.autoconfigure.transaction.SledTransactionManagerAutoConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/** Every invalid {@code sled.*} value stops start-up with an analysis that names the property. */
class SledPropertiesValidationTests {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            sled.cache-capacity                  | 1KB
            sled.cache-capacity                  | lots
            sled.flush-every                     | -1s
            sled.flush-every                     | soon
            sled.segment-size                    | 3000B
            sled.segment-size                    | 2GB
            sled.compression.level               | 23
            sled.compression.level               | 0
            sled.mode                            | fastest
            sled.trees                           | orders,,customers
            sled.transaction.max-attempts        | 0
            sled.transaction.backoff.initial     | -5ms
            sled.transaction.backoff.multiplier  | 0.5
            sled.transaction.backoff.max         | 0ms
            sled.transaction.backoff.jitter      | -1ms
            """)
    void invalidValueFailsStartUpNamingTheProperty(String property, String value) {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class,
                    SledTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class))
            .withPropertyValues("sled.path=" + this.dir, property + "=" + value)
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
                assertThat(analysis.getDescription() + analysis.getAction()).contains(property);
            });
    }
}
