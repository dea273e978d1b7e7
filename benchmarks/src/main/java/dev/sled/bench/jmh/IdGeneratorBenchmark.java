package dev.sled.bench.jmh;

import dev.sled.SledDb;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link SledDb#generateId()} throughput (issue 3's target: 125M IDs/s on one thread, scaling with
 * threads). The durable reservation of ID ranges happens inside the measured calls, as it would for an
 * application.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IdGeneratorBenchmark {

    private SledDb db;

    @Setup
    public void open() {
        db = BenchDatabase.open("ids");
    }

    @TearDown
    public void close() {
        db.close();
    }

    @Benchmark
    public long generateId() {
        return db.generateId();
    }
}
