package dev.sled.spring.boot.autoconfigure.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sled.Bytes;
import dev.sled.SledDb;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** {@code @Transactional} services on the injected trees, in a full application context. */
@SpringBootTest(properties = {
        // Without a DataSource the sled manager is the only one, so plain @Transactional selects it.
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "sled.temporary=true", "sled.trees=accounts", "sled.transaction.max-attempts=500",
        "sled.transaction.backoff.initial=1ms", "sled.transaction.backoff.max=20ms",
        "sled.transaction.backoff.jitter=1ms" })
class SledTransactionalIntegrationTests {

    private static final int ACCOUNTS = 4;

    private static final long OPENING_BALANCE = 1_000;

    @Autowired
    Bank bank;

    @Autowired
    SledDb db;

    @Test
    void readsItsOwnWritesWhichStayInvisibleOutsideUntilCommit() {
        Bytes key = Bytes.of("read-your-writes");

        List<Bytes> seen = this.bank.writeThenRead(key, Bytes.of("v"),
                () -> CompletableFuture.supplyAsync(() -> this.db.openTree("accounts").get(key)).join());

        assertThat(seen).containsExactly(Bytes.of("v"), null);
        assertThat(this.db.openTree("accounts").get(key)).isEqualTo(Bytes.of("v"));
    }

    @Test
    void discardsTheWritesOfAMethodThatThrows() {
        Bytes key = Bytes.of("rolled-back");

        assertThatIllegalStateException().isThrownBy(() -> this.bank.writeThenFail(key));

        assertThat(this.db.openTree("accounts").get(key)).isNull();
    }

    @Test
    void concurrentConflictingTransfersAreRetriedToACorrectResult() throws Exception {
        for (int i = 0; i < ACCOUNTS; i++) {
            this.bank.open(account(i), OPENING_BALANCE);
        }
        int threads = 8;
        int transfersPerThread = 40;
        long[] expected = new long[ACCOUNTS];
        Arrays.fill(expected, OPENING_BALANCE);
        List<int[]> plan = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < threads * transfersPerThread; i++) {
            int from = random.nextInt(ACCOUNTS);
            int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            int amount = 1 + random.nextInt(10);
            plan.add(new int[] { from, to, amount });
            expected[from] -= amount;
            expected[to] += amount;
        }
        int attemptsBefore = this.bank.transferAttempts();

        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<int[]> share = plan.subList(t * transfersPerThread, (t + 1) * transfersPerThread);
                results.add(executor.submit(() -> share.forEach(
                        (transfer) -> this.bank.transfer(account(transfer[0]), account(transfer[1]), transfer[2]))));
            }
            for (Future<?> result : results) {
                result.get();
            }
        }
        finally {
            executor.shutdown();
        }

        for (int i = 0; i < ACCOUNTS; i++) {
            assertThat(this.bank.balance(account(i))).as("balance of account %d", i).isEqualTo(expected[i]);
        }
        int attempts = this.bank.transferAttempts() - attemptsBefore;
        assertThat(attempts).as("attempts, retries included").isGreaterThan(plan.size());
    }

    private static Bytes account(int i) {
        return Bytes.of("account-" + i);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Bank.class)
    static class Application {
    }
}
