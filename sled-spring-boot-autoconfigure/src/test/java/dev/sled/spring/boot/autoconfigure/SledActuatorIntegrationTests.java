package dev.sled.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.sled.Bytes;
import dev.sled.SledTree;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** The health contributor and the meters, read over HTTP from the actuator endpoints. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "sled.temporary=true", "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.show-details=always" })
class SledActuatorIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    SledTree tree;

    private RestClient http() {
        return RestClient.create("http://localhost:" + this.port);
    }

    @Test
    void healthShowsTheDatabaseUpWithDetails() {
        String health = http().get().uri("/actuator/health").retrieve().body(String.class);

        assertThat(JsonPath.<String>read(health, "$.components.sled.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(health, "$.components.sled.details.path")).isNotBlank();
        assertThat(JsonPath.<Object>read(health, "$.components.sled.details.sizeOnDisk")).isNotNull();
        assertThat(JsonPath.<Object>read(health, "$.components.sled.details.recovered")).isEqualTo(false);
    }

    @Test
    void metricsCountOperationsByKind() {
        this.tree.insert(Bytes.of("k"), Bytes.of("v"));
        this.tree.get(Bytes.of("k"));

        String names = http().get().uri("/actuator/metrics").retrieve().body(String.class);
        String gets = http().get().uri("/actuator/metrics/sled.operations?tag=op:get").retrieve().body(String.class);
        String disk = http().get().uri("/actuator/metrics/sled.disk.size").retrieve().body(String.class);

        assertThat(JsonPath.<List<String>>read(names, "$.names")).contains("sled.operations", "sled.flushes",
                "sled.cache.size", "sled.cache.gets", "sled.disk.size", "sled.trees", "sled.transactions",
                "sled.transaction.retries", "sled.subscribers");
        assertThat(JsonPath.<Double>read(gets, "$.measurements[0].value")).isGreaterThanOrEqualTo(1.0);
        assertThat(JsonPath.<String>read(disk, "$.baseUnit")).isEqualTo("bytes");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }
}
