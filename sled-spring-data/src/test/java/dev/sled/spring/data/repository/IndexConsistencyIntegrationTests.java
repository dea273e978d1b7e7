package dev.sled.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.spring.data.repository.Order.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** Random and concurrent writes keep every index exactly in step with the entities. */
@SpringJUnitConfig(RepositoryTestConfiguration.class)
class IndexConsistencyIntegrationTests {

    private static final List<String> CUSTOMERS = List.of("ann", "ben", "cy", "dee");

    @Autowired
    OrderRepository orders;

    @Autowired
    AccountRepository accounts;

    @BeforeEach
    void clear() {
        orders.deleteAll();
        accounts.deleteAll();
    }

    @Test
    void randomOperationsMatchAModel() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<Long, Order> model = new TreeMap<>();
        for (int step = 0; step < 400; step++) {
            int op = random.nextInt(10);
            if (op < 5 || model.isEmpty()) {
                Order saved = orders.save(Order.of(pick(random), Status.values()[random.nextInt(3)], random.nextInt(1000)));
                model.put(saved.id(), saved);
            } else if (op < 8) {
                Order updated = orders.save(randomEntry(random, model).withCustomer(pick(random)));
                model.put(updated.id(), updated);
            } else {
                orders.deleteById(model.remove(randomEntry(random, model).id()).id());
            }
        }
        for (String customer : CUSTOMERS) {
            assertThat(orders.findByCustomer(customer)).as("customer %s, seed %d", customer, seed)
                    .containsExactlyElementsOf(model.values().stream().filter(o -> o.customer().equals(customer)).toList());
        }
        for (Status status : Status.values()) {
            assertThat(orders.countByStatus(status)).as("status %s, seed %d", status, seed)
                    .isEqualTo(model.values().stream().filter(o -> o.status() == status).count());
        }
        assertThat(orders.findAll()).as("seed %d", seed).containsExactlyElementsOf(model.values());
    }

    @Test
    void concurrentSavesKeepIndexesComplete() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String customer = CUSTOMERS.get(t);
                done.add(pool.submit(() -> IntStream.range(0, 100).forEach(i -> orders.save(Order.of(customer, Status.NEW, i)))));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(orders.count()).isEqualTo(400);
        CUSTOMERS.forEach(customer -> assertThat(orders.findByCustomer(customer)).hasSize(100));
        assertThat(orders.countByStatus(Status.NEW)).isEqualTo(400);
    }

    @Test
    void concurrentUpdatesOfOneVersionLetExactlyOneWin() throws Exception {
        accounts.save(new Account("shared", "ann", 0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> attempts = new ArrayList<>();
        try {
            List<Account> copies = IntStream.range(0, 4).mapToObj(i -> accounts.findById("shared").orElseThrow()).toList();
            for (int i = 0; i < copies.size(); i++) {
                Account copy = copies.get(i);
                copy.setOwner(CUSTOMERS.get(i));
                attempts.add(pool.submit(() -> {
                    try {
                        accounts.save(copy);
                        return true;
                    } catch (OptimisticLockingFailureException ex) {
                        return false;
                    }
                }));
            }
            long winners = 0;
            for (Future<Boolean> attempt : attempts) {
                winners += attempt.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        Account stored = accounts.findById("shared").orElseThrow();
        assertThat(stored.getVersion()).isEqualTo(1);
        assertThat(CUSTOMERS.stream().mapToInt(c -> accounts.findByOwner(c).size()).sum()).isEqualTo(1);
        assertThat(accounts.findByOwner(stored.getOwner())).hasSize(1);
    }

    private static String pick(Random random) {
        return CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
    }

    private static Order randomEntry(Random random, Map<Long, Order> model) {
        return new ArrayList<>(model.values()).get(random.nextInt(model.size()));
    }
}
