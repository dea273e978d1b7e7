package dev.sled.samples.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import dev.sled.Bytes;
import dev.sled.SledDb;
import dev.sled.SledTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starting and stopping the library application the way its users do, with {@code SpringApplication}:
 * the failure analysis printed for a wrong {@code sled.*} value or a database already open, and data
 * surviving a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class LibraryStartupTests {

    @TempDir
    Path dir;

    /** Properties as command-line arguments, which take precedence over library.yml. */
    private ConfigurableApplicationContext start(String... properties) {
        String[] args = Stream.of(properties).map((property) -> "--" + property).toArray(String[]::new);
        return new SpringApplicationBuilder(LibraryApplication.class).web(WebApplicationType.NONE)
            .properties(LibraryApplication.CONFIG_NAME, "spring.main.banner-mode=off")
            .run(args);
    }

    private Path data() {
        return this.dir.resolve("library.sled");
    }

    @Test
    void dataSurvivesARestart() {
        long id;
        try (ConfigurableApplicationContext context = start("sled.path=" + data(), "sled.flush-every=0")) {
            id = context.getBean(BookRepository.class).save(Book.of("Lem", "Solaris", 1961)).id();
            context.getBean(Counters.class).increment("restarts");
            BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(), SledTree.class, "counters").insert(Bytes.of("direct"), Bytes.ofLong(5));
        }
        try (ConfigurableApplicationContext context = start("sled.path=" + data())) {
            assertThat(context.getBean(BookRepository.class).findById(id)).map(Book::title).contains("Solaris");
            assertThat(context.getBean(BookRepository.class).findByAuthor("Lem")).hasSize(1);
            assertThat(context.getBean(Counters.class).value("restarts")).isEqualTo(1);
            assertThat(context.getBean(SledDb.class).openTree("counters").get(Bytes.of("direct")))
                .isEqualTo(Bytes.ofLong(5));
        }
    }

    @Test
    void lazyInitializationKeepsTransactionsAndRetries() throws Exception {
        try (ConfigurableApplicationContext context = start("sled.path=" + data(),
                "spring.main.lazy-initialization=true")) {
            Counters counters = context.getBean(Counters.class);
            Thread[] threads = new Thread[8];
            for (int i = 0; i < threads.length; i++) {
                threads[i] = new Thread(() -> {
                    for (int j = 0; j < 25; j++) {
                        counters.increment("lazy");
                    }
                });
                threads[i].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(counters.value("lazy")).isEqualTo(200);
            Book book = context.getBean(BookRepository.class).save(Book.of("Lem", "Solaris", 1961));
            context.getBean(MemberRepository.class).save(new Member("ada", "Ada"));
            assertThatException().isThrownBy(() -> context.getBean(Lending.class).lendAndFail(book.id(), "ada"));
            assertThat(context.getBean(LoanRepository.class).count()).isZero();
        }
    }

    @Test
    void closingTheContextClosesTheDatabase() {
        SledDb db;
        try (ConfigurableApplicationContext context = start("sled.path=" + data())) {
            db = context.getBean(SledDb.class);
        }
        assertThat(db.isClosed()).isTrue();
    }

    @Test
    void aSecondApplicationOnTheSamePathFailsWithAnAnalysis(CapturedOutput output) {
        try (ConfigurableApplicationContext first = start("sled.path=" + data())) {
            assertThatException().isThrownBy(() -> start("sled.path=" + data()));
            assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The sled database could not be opened")
                .contains(data().toString())
                .contains("set the property 'sled.path' to another directory");
            assertThat(first.getBean(SledDb.class).isClosed()).isFalse();
        }
        try (ConfigurableApplicationContext again = start("sled.path=" + data())) {
            assertThat(again.getBean(SledDb.class).isClosed()).isFalse();
        }
    }

    @Test
    void aNegativeCacheCapacityFailsWithAnAnalysis(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("sled.path=" + data(), "sled.cache-capacity=-1MB"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("for property 'sled.cache-capacity': cacheCapacity must be at least 256 bytes")
            .contains("Review the value of the property 'sled.cache-capacity'.");
    }

    @Test
    void aPathThatIsAFileFailsWithAnAnalysis(CapturedOutput output) throws IOException {
        Path file = Files.writeString(this.dir.resolve("not-a-directory"), "hello");

        assertThatException().isThrownBy(() -> start("sled.path=" + file));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Invalid value '" + file + "' for property 'sled.path'")
            .contains("Review the value of the property 'sled.path'.");
        assertThat(Files.readString(file)).isEqualTo("hello");
    }

    @Test
    void createNewOnAnExistingDatabaseFailsWithAnAnalysis(CapturedOutput output) {
        start("sled.path=" + data()).close();

        assertThatException().isThrownBy(() -> start("sled.path=" + data(), "sled.create-new=true"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("The sled database at " + data() + " could not be opened")
            .contains("'sled.create-new'");
    }

    @Test
    void compressionWithoutZstdFailsWithAnAnalysis(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("sled.path=" + data(), "sled.compression.enabled=true"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Add com.github.luben:zstd-jni to the class path");
    }

    @Test
    void aValueThatDoesNotBindFailsWithBootsAnalysis(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("sled.path=" + data(), "sled.flush-every=soon"));
        assertThat(output).contains("APPLICATION FAILED TO START").contains("sled.flush-every");
    }

    @Test
    void aPathUnderAFileFailsWithAnAnalysis(CapturedOutput output) throws IOException {
        Path file = Files.writeString(this.dir.resolve("file"), "x");

        assertThatException().isThrownBy(() -> start("sled.path=" + file.resolve("db")));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains(file + " is a file, not a directory")
            .contains("Review the value of the property 'sled.path'.");
    }
}
