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
            sled.cache-capacity                  | 100B
            sled.cache-capacity                  | lots
            sled.flush-every                     | -1s
            sled.flush-every                     | soon
            sled.segment-size                    | 3000B
            sled.segment-size                    | 2GB
            sled.compression.level               | 23
            sled.compression.level               | 0
            sled.mode                            | fastest
            sled.backend                         | fdb
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

    /** Rejected before any connection is attempted, so nothing needs to listen on the endpoint. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            sled.etcd.endpoints                  | ''                                          | sled.etcd.endpoints
            sled.etcd.endpoints                  | 127.0.0.1:2379                              | sled.etcd.endpoints
            sled.etcd.endpoints                  | http://127.0.0.1:2379,https://127.0.0.2:2379 | sled.etcd.endpoints
            sled.etcd.namespace                  | ''                                          | sled.etcd.namespace
            sled.etcd.request-timeout            | 0s                                          | sled.etcd.request-timeout
            sled.etcd.connect-timeout            | -1s                                         | sled.etcd.connect-timeout
            sled.etcd.transaction-max-attempts   | 0                                           | sled.etcd.transaction-max-attempts
            sled.etcd.max-txn-ops                | 4                                           | sled.etcd.max-txn-ops
            sled.etcd.max-request-bytes          | 1KB                                         | sled.etcd.max-request-bytes
            sled.etcd.page-size                  | 0                                           | sled.etcd.page-size
            sled.etcd.subscriber-buffer-size     | 0                                           | sled.etcd.subscriber-buffer-size
            sled.etcd.password                   | secret                                      | sled.etcd.user
            sled.etcd.user                       | app                                         | sled.etcd.password
            """)
    void invalidEtcdValueFailsStartUpNamingTheProperty(String property, String value, String reported) {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class))
            .withPropertyValues("sled.backend=etcd", "sled.etcd.endpoints=http://127.0.0.1:25799", property + "=" + value)
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
                assertThat(analysis.getAction()).contains("'" + reported + "'");
            });
    }
}
