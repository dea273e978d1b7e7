package dev.sled.bench.jmh;

import dev.sled.Bytes;
import dev.sled.SledDb;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Serializable transactions on disjoint keys (issue 3: they must commit in parallel). Each transaction
 * moves one unit between two accounts that only its own thread touches, so any slowdown from a second
 * thread comes from the engine serializing commits, not from conflicts. Run with 1 and 2 threads and
 * compare. {@link #plainTransfer} makes the same two writes without a transaction: its own scaling is
 * what the machine allows (two threads rarely double anything on two shared cores, where the JIT, the
 * collector and the flusher run too), the yardstick for the transactions' scaling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransactionBenchmark {

    /** Accounts per thread: enough that consecutive transactions touch different keys. */
    public static final int ACCOUNTS = 1024;
    private static final Bytes INITIAL_BALANCE = Bytes.ofLong(1_000_000);

    private final AtomicInteger threadCount = new AtomicInteger();
    private SledDb db;

    @Setup
    public void open() {
        db = BenchDatabase.open("tx");
    }

    @TearDown
    public void close() {
        db.close();
    }

    /** One thread's private accounts: keys {@code [thread, i]}, never shared with another thread. */
    @State(Scope.Thread)
    public static class Accounts {
        private int thread;
        private int next;

        @Setup
        public void claim(TransactionBenchmark benchmark) {
            thread = benchmark.threadCount.getAndIncrement();
        }

        /** The first of the next pair of accounts. */
        int step() {
            int i = next;
            next = (i + 2) % ACCOUNTS;
            return i;
        }

        Bytes account(int i) {
            return Bytes.wrap(new byte[] {(byte) (thread >>> 8), (byte) thread, (byte) (i >>> 8), (byte) i});
        }
    }

    @Benchmark
    public long transfer(Accounts accounts) {
        int i = accounts.step();
        Bytes from = accounts.account(i);
        Bytes to = accounts.account(i + 1);
        return db.<Long, RuntimeException>transaction(tx -> {
            long a = balance(tx.get(from));
            long b = balance(tx.get(to));
            tx.insert(from, Bytes.ofLong(a - 1));
            tx.insert(to, Bytes.ofLong(b + 1));
            return a - 1;
        });
    }

    @Benchmark
    public long plainTransfer(Accounts accounts) {
        int i = accounts.step();
        Bytes from = accounts.account(i);
        Bytes to = accounts.account(i + 1);
        long a = balance(db.get(from));
        long b = balance(db.get(to));
        db.insert(from, Bytes.ofLong(a - 1));
        db.insert(to, Bytes.ofLong(b + 1));
        return a - 1;
    }

    private static long balance(Bytes stored) {
        return (stored == null ? INITIAL_BALANCE : stored).toLong();
    }
}
