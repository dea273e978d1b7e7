package dev.sled.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.spring.data.convert.JacksonValueCodec;
import dev.sled.spring.data.convert.KeyCodecs;
import dev.sled.spring.data.convert.ValueCodec;
import dev.sled.spring.data.core.SledTemplate;
import dev.sled.spring.data.mapping.SledMappingContext;
import dev.sled.spring.data.repository.Order.Status;
import dev.sled.spring.data.repository.support.SledRepositoryFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;

/** Queries read only the keys their access path covers, counted as the entities they decode. */
class AccessPathIntegrationTests {

    private static final int ORDERS = 1000;

    @TempDir
    Path dir;

    SledDb db;

    OrderRepository orders;

    final AtomicInteger decoded = new AtomicInteger();

    List<Order> saved;

    @BeforeEach
    void fill() {
        db = SledConfig.builder().path(dir).temporary(true).open();
        ValueCodec json = JacksonValueCodec.json();
        ValueCodec counting = new ValueCodec() {
            @Override
            public Bytes encode(Object entity) {
                return json.encode(entity);
            }

            @Override
            public <T> T decode(Bytes bytes, Class<T> type) {
                decoded.incrementAndGet();
                return json.decode(bytes, type);
            }
        };
        SledTemplate template = new SledTemplate(db, new SledMappingContext(), KeyCodecs.defaults(), counting);
        orders = new SledRepositoryFactory(template).getRepository(OrderRepository.class);
        saved = orders.saveAll(IntStream.range(0, ORDERS)
                .mapToObj(i -> Order.of("customer" + (i % 100), i % 10 == 0 ? Status.PAID : Status.NEW, i)).toList());
        decoded.set(0);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void idRangeReadsOnlyTheRange() {
        assertThat(orders.findByIdBetween(saved.get(100).id(), saved.get(109).id())).hasSize(10);
        assertThat(decoded).hasValue(10);
    }

    @Test
    void indexedEqualityReadsOnlyMatches() {
        assertThat(orders.findByCustomer("customer7")).hasSize(10);
        assertThat(decoded).hasValue(10);
    }

    @Test
    void unindexedCriteriaScanEverything() {
        assertThat(orders.findByTotalCentsGreaterThan(990)).hasSize(9);
        assertThat(decoded).hasValue(ORDERS);
    }

    @Test
    void limitsStopTheScan() {
        assertThat(orders.findTop2ByOrderByIdDesc()).hasSize(2);
        assertThat(orders.findAll(PageRequest.of(3, 5, Sort.by("id"))).getContent()).hasSize(5);
        assertThat(decoded).hasValue(2 + 5);
    }

    @Test
    void keysetWindowsReadOneMoreThanTheLimit() {
        orders.findFirst3ByOrderByIdAsc(ScrollPosition.forward(Map.of("id", saved.get(500).id())));
        assertThat(decoded).hasValue(4);

        decoded.set(0);
        orders.findByStatus(Status.PAID, ScrollPosition.keyset(), Limit.of(5));
        assertThat(decoded).hasValue(6);
    }

    @Test
    void streamsDecodeLazily() {
        try (Stream<Order> paid = orders.streamByStatus(Status.PAID)) {
            assertThat(paid.limit(3)).hasSize(3);
        }
        assertThat(decoded).hasValue(3);
    }
}
