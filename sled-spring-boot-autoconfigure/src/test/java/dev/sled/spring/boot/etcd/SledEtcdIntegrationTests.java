package dev.sled.spring.boot.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.jayway.jsonpath.JsonPath;
import dev.sled.Bytes;
import dev.sled.SledDb;
import dev.sled.SledTree;
import dev.sled.etcd.EtcdSledDb;
import dev.sled.spring.boot.autoconfigure.transaction.Bank;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

/**
 * An application switched to etcd by properties alone: its transactions, repositories, health and metrics
 * work as on the embedded engine.
 */
@ExtendWith(BootEtcdCluster.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "sled.backend=etcd", "sled.etcd.endpoints=" + BootEtcdCluster.ENDPOINT,
        "sled.etcd.namespace=boot-integration", "sled.trees=accounts",
        "sled.transaction.max-attempts=200", "sled.transaction.backoff.initial=1ms",
        "sled.transaction.backoff.max=20ms", "sled.transaction.backoff.jitter=1ms",
        "management.endpoints.web.exposure.include=health,metrics", "management.endpoint.health.show-details=always" })
class SledEtcdIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    SledDb db;

    @Autowired
    Bank bank;

    @Autowired
    CustomerOrderRepository orders;

    @Test
    void theDatabaseIsTheEtcdBackend() {
        assertThat(this.db).isInstanceOf(EtcdSledDb.class);
        assertThat(((EtcdSledDb) this.db).etcdConfig().namespace()).isEqualTo("boot-integration");
    }

    @Test
    void transactionalMethodsCommitOrRollBackAsAWhole() {
        this.bank.open(Bytes.of("committed"), 10);
        assertThatIllegalStateException().isThrownBy(() -> this.bank.writeThenFail(Bytes.of("rolled-back")));

        assertThat(this.db.openTree("accounts").get(Bytes.of("committed"))).isEqualTo(Bytes.ofLong(10));
        assertThat(this.db.openTree("accounts").get(Bytes.of("rolled-back"))).isNull();
    }

    @Test
    void concurrentConflictingTransfersAreRetriedToACorrectResult() throws Exception {
        Bytes a = Bytes.of("a");
        Bytes b = Bytes.of("b");
        this.bank.open(a, 100);
        this.bank.open(b, 100);
        int attemptsBefore = this.bank.transferAttempts();

        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(executor.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        this.bank.transfer(a, b, 1);
                    }
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        }
        finally {
            executor.shutdown();
        }

        assertThat(this.bank.balance(a)).isEqualTo(80);
        assertThat(this.bank.balance(b)).isEqualTo(120);
        assertThat(this.bank.transferAttempts() - attemptsBefore).as("attempts, retries included").isGreaterThan(20);
    }

    @Test
    void repositoriesStoreAndQueryEntitiesOnEtcd() {
        CustomerOrder first = this.orders.save(new CustomerOrder(null, "ada", 1200));
        CustomerOrder second = this.orders.save(new CustomerOrder(null, "ada", 300));
        CustomerOrder other = this.orders.save(new CustomerOrder(null, "bob", 999));

        assertThat(this.orders.findById(first.id())).contains(first);
        assertThat(this.orders.findByCustomer("ada")).containsExactlyInAnyOrder(first, second);
        assertThat(this.orders.findByIdBetween(second.id(), other.id())).containsExactly(second, other);

        this.orders.delete(second);
        assertThat(this.orders.findByCustomer("ada")).containsExactly(first);
    }

    @Test
    void healthShowsTheClusterWithItsLeader() {
        String health = http().get().uri("/actuator/health/sled").retrieve().body(String.class);

        assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(health, "$.details.backend")).isEqualTo("etcd");
        assertThat(JsonPath.<String>read(health, "$.details.leader")).isEqualTo(BootEtcdCluster.ENDPOINT);
        assertThat(JsonPath.<List<Boolean>>read(health, "$.details.members[*].leader")).containsExactly(true);
        assertThat(JsonPath.<Number>read(health, "$.details.revision").longValue()).isPositive();
        assertThat(JsonPath.<Number>read(health, "$.details.sizeOnDisk").longValue()).isPositive();
    }

    @Test
    void metricsCountTheOperationsOnEtcd() {
        SledTree tree = this.db.openTree("metrics");
        tree.insert(Bytes.of("k"), Bytes.of("v"));
        tree.get(Bytes.of("k"));

        String inserts = http().get().uri("/actuator/metrics/sled.operations?tag=op:insert").retrieve().body(String.class);
        String commits = http().get().uri("/actuator/metrics/sled.transactions?tag=outcome:commit").retrieve()
            .body(String.class);

        assertThat(JsonPath.<Double>read(inserts, "$.measurements[0].value")).isGreaterThanOrEqualTo(1.0);
        this.bank.open(Bytes.of("metered"), 1);
        String after = http().get().uri("/actuator/metrics/sled.transactions?tag=outcome:commit").retrieve()
            .body(String.class);
        assertThat(JsonPath.<Double>read(after, "$.measurements[0].value"))
            .isGreaterThan(JsonPath.<Double>read(commits, "$.measurements[0].value"));
    }

    private RestClient http() {
        return RestClient.create("http://localhost:" + this.port);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Bank.class)
    static class Application {
    }
}
