package dev.sled.spring.data.benchmark;

import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.SledTree;
import dev.sled.spring.data.convert.JacksonValueCodec;
import dev.sled.spring.data.convert.KeyCodecs;
import dev.sled.spring.data.convert.ValueCodec;
import dev.sled.spring.data.core.EntityStore;
import dev.sled.spring.data.core.SledTemplate;
import dev.sled.spring.data.mapping.SledMappingContext;
import dev.sled.spring.data.repository.SledRepository;
import dev.sled.spring.data.repository.support.SledRepositoryFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.annotation.Id;

/**
 * Save and findById throughput of a repository against the raw tree API writing the same bytes under the
 * same keys. Not a JMH benchmark: single thread, five rounds, the best round of each counts (the machine
 * is shared and noisy). Run with
 * {@code ./mvnw -pl sled-spring-data -am test -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest=RepositoryOverheadBenchmark -Dgroups=benchmark}.
 */
@Tag("benchmark")
class RepositoryOverheadBenchmark {

    private static final int N = 20_000;

    record Item(@Id Long id, String name, long quantity) {
    }

    interface ItemRepository extends SledRepository<Item, Long> {
    }

    @TempDir
    Path dir;

    @Test
    void saveAndFindById() {
        run("json", JacksonValueCodec.json());
        run("cbor", JacksonValueCodec.cbor());
    }

    private void run(String format, ValueCodec codec) {
        try (SledDb db = SledConfig.builder().path(dir.resolve(format)).temporary(true).open()) {
            SledTemplate template = new SledTemplate(db, new SledMappingContext(), KeyCodecs.defaults(), codec);
            ItemRepository repository = new SledRepositoryFactory(template).getRepository(ItemRepository.class);
            EntityStore<Item> store = template.store(Item.class);
            SledTree raw = db.openTree("raw");

            LongConsumer rawSave = i -> raw.insert(store.idKey(i), codec.encode(new Item(i, "item" + i, i)));
            LongConsumer rawFind = i -> codec.decode(raw.get(store.idKey(i)), Item.class);
            LongConsumer repoSave = i -> repository.save(new Item(i, "item" + i, i));
            LongConsumer repoFind = i -> repository.findById(i).orElseThrow();

            double rawSaves = 0;
            double repoSaves = 0;
            double rawFinds = 0;
            double repoFinds = 0;
            for (int round = 0; round < 5; round++) {
                rawSaves = Math.max(rawSaves, opsPerSecond(rawSave));
                repoSaves = Math.max(repoSaves, opsPerSecond(repoSave));
                rawFinds = Math.max(rawFinds, opsPerSecond(rawFind));
                repoFinds = Math.max(repoFinds, opsPerSecond(repoFind));
            }
            System.out.printf(Locale.ROOT, "%s save: raw %.0f ops/s, repository %.0f ops/s (%.2fx); "
                    + "findById: raw %.0f ops/s, repository %.0f ops/s (%.2fx)%n", format,
                    rawSaves, repoSaves, rawSaves / repoSaves, rawFinds, repoFinds, rawFinds / repoFinds);
        }
    }

    private static double opsPerSecond(LongConsumer operation) {
        long start = System.nanoTime();
        for (long i = 1; i <= N; i++) {
            operation.accept(i);
        }
        return N / ((System.nanoTime() - start) / 1e9);
    }
}
