package dev.sled.samples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.sled.spring.boot.test.autoconfigure.AutoConfigureDataSled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Starts the service on a random port and a temporary database, and drives it over HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureDataSled
class InventoryApplicationTests {

    @LocalServerPort
    int port;

    private RestClient http() {
        return RestClient.builder()
            .baseUrl("http://localhost:" + this.port)
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                // Tests assert on error statuses instead of catching exceptions.
            })
            .build();
    }

    private ResponseEntity<String> put(String uri, String json) {
        return http().put().uri(uri).contentType(MediaType.APPLICATION_JSON).body(json).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> post(String uri, String json) {
        return http().post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(json).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> get(String uri) {
        return http().get().uri(uri).retrieve().toEntity(String.class);
    }

    @Test
    void setsAndReadsStock() {
        assertThat(put("/stock/widget", "{\"quantity\": 12}").getStatusCode().value()).isEqualTo(200);

        ResponseEntity<String> stock = get("/stock/widget");

        assertThat(stock.getStatusCode().value()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(stock.getBody(), "$.quantity")).isEqualTo(12);
        assertThat(get("/stock/unknown").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void placesAnOrderAndReadsItBack() {
        put("/stock/bolt", "{\"quantity\": 100}");
        put("/stock/nut", "{\"quantity\": 100}");

        ResponseEntity<String> placed = post("/orders", "{\"lines\": {\"bolt\": 10, \"nut\": 20}}");

        assertThat(placed.getStatusCode().value()).isEqualTo(201);
        String location = placed.getHeaders().getLocation().toString();
        String order = get(location).getBody();
        assertThat(JsonPath.<Map<String, Integer>>read(order, "$.lines")).containsEntry("bolt", 10).containsEntry("nut", 20);
        assertThat(JsonPath.<Integer>read(get("/stock/bolt").getBody(), "$.quantity")).isEqualTo(90);
        assertThat(JsonPath.<Integer>read(get("/stock/nut").getBody(), "$.quantity")).isEqualTo(80);
    }

    @Test
    void refusesAnOrderItCannotFillAndKeepsTheStockOfItsOtherLines() {
        put("/stock/gear", "{\"quantity\": 5}");
        put("/stock/shaft", "{\"quantity\": 1}");

        ResponseEntity<String> refused = post("/orders", "{\"lines\": {\"gear\": 2, \"shaft\": 3}}");

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(JsonPath.<String>read(refused.getBody(), "$.detail")).contains("shaft");
        assertThat(JsonPath.<Integer>read(get("/stock/gear").getBody(), "$.quantity")).isEqualTo(5);
    }

    @Test
    void concurrentOrdersNeverOversell() throws Exception {
        put("/stock/ticket", "{\"quantity\": 10}");
        ExecutorService executor = Executors.newFixedThreadPool(8);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                statuses.add(executor.submit(
                        () -> post("/orders", "{\"lines\": {\"ticket\": 1}}").getStatusCode().value()));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get());
            }
            assertThat(codes).filteredOn((code) -> code == 201).hasSize(10);
            assertThat(codes).filteredOn((code) -> code == 409).hasSize(10);
        }
        finally {
            executor.shutdown();
        }
        assertThat(JsonPath.<Integer>read(get("/stock/ticket").getBody(), "$.quantity")).isZero();
    }

    @Test
    void reportsHealthAndMetrics() {
        String health = get("/actuator/health").getBody();
        String metric = get("/actuator/metrics/sled.operations").getBody();

        assertThat(JsonPath.<String>read(health, "$.components.sled.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(metric, "$.name")).isEqualTo("sled.operations");
    }
}
