package dev.sled.samples.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.jayway.jsonpath.JsonPath;
import dev.sled.Bytes;
import dev.sled.Mode;
import dev.sled.SledDb;
import dev.sled.SledIterator;
import dev.sled.SledTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.support.WindowIterator;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * The library application as its users run it: a real database under {@code sled.path}, configured by
 * {@code library.yml}, over HTTP on a random port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = LibraryApplication.CONFIG_NAME)
class LibraryApplicationTests {

    private static final Path DATA = newDirectory();

    @DynamicPropertySource
    static void sledPath(DynamicPropertyRegistry registry) {
        registry.add("sled.path", DATA::toString);
        registry.add("sled.temporary", () -> "true");
    }

    @LocalServerPort
    int port;

    @Autowired
    SledDb db;

    @Autowired
    SledTree defaultTree;

    @Autowired
    @Qualifier("counters")
    SledTree counterTree;

    @Autowired
    @Qualifier("audit")
    SledTree audit;

    @Autowired
    BookRepository books;

    @Autowired
    MemberRepository members;

    @Autowired
    LoanRepository loans;

    @Autowired
    Counters counters;

    @Autowired
    Lending lending;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void emptyDatabase() {
        this.loans.deleteAll();
        this.books.deleteAll();
        this.members.deleteAll();
        this.counterTree.clear();
        this.audit.clear();
    }

    @Test
    void theDatabaseIsConfiguredFromLibraryYml() {
        assertThat(this.db.config().path()).isEqualTo(DATA);
        assertThat(this.db.config().cacheCapacity()).isEqualTo(32L << 20);
        assertThat(this.db.config().flushEveryMs()).isEqualTo(200);
        assertThat(this.db.config().mode()).isEqualTo(Mode.HIGH_THROUGHPUT);
        assertThat(this.db.config().segmentSize()).isEqualTo(1 << 20);
        assertThat(this.db.treeNames()).contains(Bytes.of("counters"), Bytes.of("audit"));
    }

    @Test
    void theDefaultAndNamedTreesAreTheDatabasesTrees() {
        this.defaultTree.insert(Bytes.of("k"), Bytes.of("default"));
        this.counterTree.insert(Bytes.of("k"), Bytes.ofLong(7));

        assertThat(this.defaultTree).isNotSameAs(this.db);
        assertThat(this.db.get(Bytes.of("k"))).isEqualTo(Bytes.of("default"));
        assertThat(this.db.openTree("counters").get(Bytes.of("k"))).isEqualTo(Bytes.ofLong(7));
        this.defaultTree.remove(Bytes.of("k"));
    }

    @Test
    void crudWithGeneratedLongIds() {
        Book dune = this.books.save(Book.of("Herbert", "Dune", 1965));
        List<Book> more = this.books.saveAll(List.of(Book.of("Le Guin", "The Dispossessed", 1974),
                Book.of("Le Guin", "A Wizard of Earthsea", 1968), Book.of("Lem", "Solaris", 1961)));

        assertThat(dune.id()).isNotNull();
        assertThat(more).extracting(Book::id).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(this.books.findById(dune.id())).contains(dune);
        assertThat(this.books.findById(-1L)).isEmpty();
        assertThat(this.books.existsById(dune.id())).isTrue();
        assertThat(this.books.count()).isEqualTo(4);
        assertThat(this.books.findAll()).hasSize(4).contains(dune);
        assertThat(this.books.findAllById(List.of(more.get(2).id(), 12345L, dune.id())))
            .containsExactly(more.get(2), dune);

        Book updated = this.books.save(new Book(dune.id(), "Frank Herbert", "Dune", 1965));
        assertThat(this.books.findById(dune.id())).contains(updated);
        assertThat(this.books.count()).isEqualTo(4);
        assertThat(this.books.findByAuthor("Herbert")).isEmpty();
        assertThat(this.books.findByAuthor("Frank Herbert")).containsExactly(updated);

        this.books.deleteById(dune.id());
        this.books.delete(more.get(0));
        assertThat(this.books.count()).isEqualTo(2);
        this.books.deleteAllById(List.of(more.get(1).id()));
        this.books.deleteAll(List.of(more.get(2)));
        assertThat(this.books.count()).isZero();
        assertThat(this.books.findByAuthor("Le Guin")).isEmpty();
    }

    @Test
    void stringIdsWithOptimisticLocking() {
        Member ada = this.members.save(new Member("ada", "Ada Lovelace"));
        assertThat(ada.getVersion()).isZero();

        Member reloaded = this.members.findById("ada").orElseThrow();
        reloaded.setName("Augusta Ada King");
        this.members.save(reloaded);
        assertThat(reloaded.getVersion()).isEqualTo(1);

        ada.setName("stale");
        assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> this.members.save(ada));
        assertThat(this.members.findById("ada").map(Member::getName)).contains("Augusta Ada King");
        assertThatExceptionOfType(OptimisticLockingFailureException.class)
            .isThrownBy(() -> this.members.save(new Member("ada", "duplicate")));

        this.members.saveAll(List.of(new Member("bob", "Bob"), new Member("cy", "Cy")));
        assertThat(this.members.findAll(Sort.by("id").descending())).extracting(Member::getId)
            .containsExactly("cy", "bob", "ada");
        assertThat(this.members.findAll(PageRequest.of(1, 2, Sort.by("name")))).extracting(Member::getId)
            .containsExactly("cy");
        assertThat(this.members.findByNameStartingWith("B")).extracting(Member::getId).containsExactly("bob");
        assertThat(this.members.count()).isEqualTo(3);
    }

    @Test
    void uuidIdsSortInTheOrderOfTheirTextForm() {
        List<Loan> saved = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            saved.add(this.loans.save(new Loan(UUID.randomUUID(), (long) i, "m" + (i % 3), Instant.now())));
        }

        assertThat(this.loans.findById(saved.get(5).id())).contains(saved.get(5));
        assertThat(this.loans.findAll(Sort.by("id"))).extracting((loan) -> loan.id().toString())
            .isSortedAccordingTo(Comparator.naturalOrder())
            .hasSize(20);
        assertThat(this.loans.findByMemberId("m1")).hasSize(7).allMatch((loan) -> loan.memberId().equals("m1"));
        assertThat(this.loans.existsByBookId(3L)).isTrue();
        assertThat(this.loans.existsByBookId(99L)).isFalse();
        assertThat(this.loans.findAll(org.springframework.data.domain.Example.of(
                new Loan(null, null, "m2", null)))).hasSize(6);
    }

    @Test
    void pagingAndSorting() {
        List<Book> saved = this.books.saveAll(IntStream.rangeClosed(1, 25)
            .mapToObj((i) -> Book.of(i % 2 == 0 ? "Even" : "Odd", "Title " + (char) ('A' + i), 1900 + i))
            .toList());
        List<Long> ids = saved.stream().map(Book::id).sorted().toList();

        Page<Book> second = this.books.findAll(PageRequest.of(1, 10, Sort.by("id")));
        assertThat(second.getContent()).extracting(Book::id).containsExactlyElementsOf(ids.subList(10, 20));
        assertThat(second.getTotalElements()).isEqualTo(25);
        assertThat(second.getTotalPages()).isEqualTo(3);
        assertThat(second.hasNext()).isTrue();

        Page<Book> last = this.books.findAll(PageRequest.of(2, 10, Sort.by(Sort.Direction.DESC, "id")));
        assertThat(last.getContent()).extracting(Book::id).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(last.isLast()).isTrue();

        assertThat(this.books.findAll(PageRequest.of(0, 5))).hasSize(5);
        assertThat(this.books.findAll(Sort.by("year").descending())).extracting(Book::year)
            .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(this.books.findAll(Sort.by("author").and(Sort.by("title").descending())))
            .extracting(Book::author).startsWith("Even").endsWith("Odd");
    }

    @Test
    void derivedQueries() {
        Book dispossessed = this.books.save(Book.of("Le Guin", "The Dispossessed", 1974));
        Book earthsea = this.books.save(Book.of("Le Guin", "A Wizard of Earthsea", 1968));
        Book lathe = this.books.save(Book.of("Le Guin", "The Lathe of Heaven", 1971));
        Book solaris = this.books.save(Book.of("Lem", "Solaris", 1961));
        Book dune = this.books.save(Book.of("Herbert", "Dune", 1965));

        assertThat(this.books.findByAuthor("Le Guin")).containsExactlyInAnyOrder(dispossessed, earthsea, lathe);
        assertThat(this.books.findByAuthor("Le Guin", Sort.by("year"))).containsExactly(earthsea, lathe, dispossessed);
        Page<Book> page = this.books.findByAuthor("Le Guin", PageRequest.of(0, 2, Sort.by("year").descending()));
        assertThat(page.getContent()).containsExactly(dispossessed, lathe);
        assertThat(page.getTotalElements()).isEqualTo(3);
        Slice<Book> slice = this.books.findByYearGreaterThanEqual(1968, PageRequest.of(0, 2, Sort.by("year")));
        assertThat(slice.getContent()).containsExactly(earthsea, lathe);
        assertThat(slice.hasNext()).isTrue();
        assertThat(this.books.findByIdBetween(earthsea.id(), solaris.id())).containsExactly(earthsea, lathe, solaris);
        assertThat(this.books.findByYearBetweenOrderByYearDesc(1961, 1971)).containsExactly(lathe, earthsea, dune, solaris);
        assertThat(this.books.findByTitleContainingIgnoreCase("EARTH")).containsExactly(earthsea);
        assertThat(this.books.findByAuthorAndYearLessThan("Le Guin", 1972)).containsExactlyInAnyOrder(earthsea, lathe);
        assertThat(this.books.findByAuthorOrYear("Lem", 1965)).containsExactlyInAnyOrder(solaris, dune);
        assertThat(this.books.findByAuthorIn(List.of("Lem", "Herbert"))).containsExactlyInAnyOrder(solaris, dune);
        assertThat(this.books.findByTitleStartingWith("The ")).containsExactlyInAnyOrder(dispossessed, lathe);
        assertThat(this.books.findFirstByOrderByYearAsc()).contains(solaris);
        assertThat(this.books.findTop2ByAuthorOrderByYearDesc("Le Guin")).containsExactly(dispossessed, lathe);
        try (Stream<Book> stream = this.books.streamByAuthor("Lem")) {
            assertThat(stream).containsExactly(solaris);
        }
        assertThat(this.books.countByAuthor("Le Guin")).isEqualTo(3);
        assertThat(this.books.existsByAuthor("Lem")).isTrue();
        assertThat(this.books.existsByAuthor("Asimov")).isFalse();
        assertThat(this.books.deleteByAuthor("Le Guin")).isEqualTo(3);
        assertThat(this.books.findAll()).containsExactlyInAnyOrder(solaris, dune);
    }

    @Test
    void projectionsSingleResultsAndScrolling() {
        Book dispossessed = this.books.save(Book.of("Le Guin", "The Dispossessed", 1974));
        Book earthsea = this.books.save(Book.of("Le Guin", "A Wizard of Earthsea", 1968));
        Book lathe = this.books.save(Book.of("Le Guin", "The Lathe of Heaven", 1971));
        this.books.save(Book.of("Lem", "Solaris", 1961));
        this.books.save(Book.of("Lem", "The Cyberiad", 1965));

        assertThat(this.books.findByTitle("Solaris")).map(Book::year).contains(1961);
        assertThat(this.books.findByTitle("Missing")).isEmpty();
        this.books.save(Book.of("Tarkovsky", "Solaris", 1972));
        assertThatExceptionOfType(IncorrectResultSizeDataAccessException.class)
            .isThrownBy(() -> this.books.findByTitle("Solaris"));
        assertThat(this.books.findTitlesByAuthorOrderByYear("Le Guin")).extracting(BookRepository.BookTitle::getTitle)
            .containsExactly("A Wizard of Earthsea", "The Lathe of Heaven", "The Dispossessed");
        assertThat(this.books.findAuthorYearByTitleStartingWith("The "))
            .containsExactlyInAnyOrder(new BookRepository.AuthorYear("Le Guin", 1974),
                    new BookRepository.AuthorYear("Le Guin", 1971), new BookRepository.AuthorYear("Lem", 1965));
        assertThat(this.books.findByYear(1968, BookRepository.AuthorYear.class))
            .containsExactly(new BookRepository.AuthorYear("Le Guin", 1968));

        List<Book> all = new ArrayList<>();
        WindowIterator.of(this.books::findFirst2ByOrderByIdAsc).startingAt(ScrollPosition.keyset())
            .forEachRemaining(all::add);
        assertThat(all).hasSize(6).extracting(Book::id).isSorted();
        List<Book> leGuin = new ArrayList<>();
        WindowIterator.of((position) -> this.books.findFirst2ByAuthorOrderByIdAsc("Le Guin", position))
            .startingAt(ScrollPosition.keyset())
            .forEachRemaining(leGuin::add);
        assertThat(leGuin).containsExactly(dispossessed, earthsea, lathe);
    }

    @Test
    void aTransactionWritesTwoRepositoriesAndTwoTreesTogether() {
        Book book = this.books.save(Book.of("Lem", "Solaris", 1961));
        this.members.save(new Member("ada", "Ada"));

        Loan loan = this.lending.lend(book.id(), "ada");

        assertThat(this.loans.findById(loan.id())).contains(loan);
        assertThat(this.members.findById("ada").map(Member::getLoans)).contains(1);
        assertThat(this.counters.value("loans")).isEqualTo(1);
        assertThat(auditEntries()).containsExactly("ada borrowed " + book.id());
    }

    @Test
    void aFailingTransactionWritesNothing() {
        Book solaris = this.books.save(Book.of("Lem", "Solaris", 1961));
        Book dune = this.books.save(Book.of("Herbert", "Dune", 1965));
        this.members.save(new Member("ada", "Ada"));
        this.lending.lend(solaris.id(), "ada");

        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.lending.lendAndFail(dune.id(), "ada"));
        assertThatExceptionOfType(Lending.BookUnavailableException.class)
            .isThrownBy(() -> this.lending.lend(solaris.id(), "ada"));

        assertThat(this.loans.findAll()).singleElement().extracting(Loan::bookId).isEqualTo(solaris.id());
        assertThat(this.loans.existsByBookId(dune.id())).isFalse();
        Member ada = this.members.findById("ada").orElseThrow();
        assertThat(ada.getLoans()).isEqualTo(1);
        assertThat(ada.getVersion()).isEqualTo(1);
        assertThat(this.counters.value("loans")).isEqualTo(1);
        assertThat(auditEntries()).hasSize(1);
    }

    @Test
    void aReadOnlyTransactionRefusesWrites() {
        assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
            .isThrownBy(() -> this.lending.addInReadOnlyTransaction(Book.of("Lem", "Solaris", 1961)));
        assertThat(this.books.count()).isZero();
    }

    @Test
    void requiresNewCommitsOnItsOwnAndTemplatesRollBack() {
        this.transactions.executeWithoutResult((status) -> {
            this.books.save(Book.of("Lem", "Solaris", 1961));
            this.lending.auditSeparately("kept");
            status.setRollbackOnly();
        });

        assertThat(this.books.count()).isZero();
        assertThat(auditEntries()).containsExactly("kept");
    }

    @Test
    void sixteenThreadsIncrementingOneCounterLoseNoIncrement() throws Exception {
        int threads = 16;
        int perThread = 50;
        List<Long> results = runConcurrently(threads, () -> {
            long last = 0;
            for (int i = 0; i < perThread; i++) {
                last = this.counters.increment("hits");
            }
            return last;
        });

        assertThat(results).hasSize(threads);
        assertThat(this.counters.value("hits")).isEqualTo(threads * perThread);
        assertThat(this.db.stats().transactionConflicts()).isPositive();
    }

    @Test
    void sixteenThreadsLendingOneBookLendItOnce() throws Exception {
        Book book = this.books.save(Book.of("Lem", "Solaris", 1961));
        for (int i = 0; i < 16; i++) {
            this.members.save(new Member("m" + i, "Member " + i));
        }
        List<Boolean> lent = runConcurrently(16, new Callable<>() {
            private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public Boolean call() {
                try {
                    Lending lendingService = LibraryApplicationTests.this.lending;
                    lendingService.lend(book.id(), "m" + this.next.getAndIncrement());
                    return true;
                }
                catch (Lending.BookUnavailableException ex) {
                    return false;
                }
            }
        });

        assertThat(lent).containsOnlyOnce(true);
        assertThat(this.loans.count()).isEqualTo(1);
        assertThat(this.counters.value("loans")).isEqualTo(1);
        assertThat(auditEntries()).hasSize(1);
        long totalLoans = 0;
        for (Member member : this.members.findAll()) {
            totalLoans += member.getLoans();
        }
        assertThat(totalLoans).isEqualTo(1);
    }

    @Test
    void booksOverHttp() {
        ResponseEntity<String> created = http().post().uri("/books").contentType(MediaType.APPLICATION_JSON)
            .body("{\"author\": \"Lem\", \"title\": \"Solaris\", \"year\": 1961}").retrieve().toEntity(String.class);
        assertThat(created.getStatusCode().value()).isEqualTo(200);
        Number id = JsonPath.read(created.getBody(), "$.id");

        ResponseEntity<String> read = http().get().uri("/books/" + id).retrieve().toEntity(String.class);
        assertThat(JsonPath.<String>read(read.getBody(), "$.title")).isEqualTo("Solaris");
        assertThat(http().get().uri("/books/424242").retrieve().toEntity(String.class).getStatusCode().value())
            .isEqualTo(404);
    }

    @Test
    void healthShowsTheDatabase() {
        String health = http().get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(health, "$.components.sled.status")).isEqualTo("UP");

        String sled = http().get().uri("/actuator/health/sled").retrieve().body(String.class);
        assertThat(JsonPath.<String>read(sled, "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(sled, "$.details.path")).isEqualTo(DATA.toString());
        assertThat(JsonPath.<Object>read(sled, "$.details.trees")).isNotNull();
    }

    @Test
    void metricsHaveSledNames() {
        this.counters.increment("metrics");
        this.books.save(Book.of("Lem", "Solaris", 1961));

        String names = http().get().uri("/actuator/metrics").retrieve().body(String.class);
        assertThat(JsonPath.<List<String>>read(names, "$.names")).contains("sled.operations", "sled.transactions",
                "sled.cache.size", "sled.disk.size", "sled.trees", "sled.flushes", "sled.cache.gets",
                "sled.transaction.retries", "sled.subscribers", "sled.flush.written");

        String inserts = http().get().uri("/actuator/metrics/sled.operations?tag=op:insert").retrieve().body(String.class);
        assertThat(JsonPath.<List<Double>>read(inserts, "$.measurements[?(@.statistic=='COUNT')].value"))
            .singleElement().satisfies((count) -> assertThat(count).isPositive());
        String commits = http().get().uri("/actuator/metrics/sled.transactions?tag=outcome:commit").retrieve()
            .body(String.class);
        assertThat(JsonPath.<List<Double>>read(commits, "$.measurements[?(@.statistic=='COUNT')].value"))
            .singleElement().satisfies((count) -> assertThat(count).isPositive());
    }

    private List<String> auditEntries() {
        List<String> entries = new ArrayList<>();
        try (SledIterator it = this.audit.iterator()) {
            it.forEachRemaining((kv) -> entries.add(kv.value().toUtf8String()));
        }
        return entries;
    }

    private RestClient http() {
        return RestClient.builder()
            .baseUrl("http://localhost:" + this.port)
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
            })
            .build();
    }

    private static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
        finally {
            executor.shutdownNow();
        }
    }

    private static Path newDirectory() {
        try {
            return Files.createTempDirectory("library-");
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
