package dev.sled.samples.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.Bytes;
import dev.sled.SledTree;
import dev.sled.spring.boot.test.autoconfigure.DataSledTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Import;

/**
 * The library's services in the {@code @DataSledTest} slice, with its own {@code library.yml} (the named
 * trees): every test starts from an empty database because the previous one was rolled back.
 */
@DataSledTest(properties = LibraryApplication.CONFIG_NAME)
@Import({ Lending.class, Counters.class })
class LibraryDataSledTests {

    @Autowired
    Lending lending;

    @Autowired
    Counters counters;

    @Autowired
    BookRepository books;

    @Autowired
    MemberRepository members;

    @Autowired
    LoanRepository loans;

    @Autowired
    @Qualifier("audit")
    SledTree audit;

    @BeforeEach
    void startsEmpty() {
        assertThat(this.books.count()).isZero();
        assertThat(this.loans.count()).isZero();
        assertThat(this.counters.value("loans")).isZero();
        assertThat(this.audit.isEmpty()).isTrue();
    }

    @RepeatedTest(2)
    void lendsABookInsideTheTestTransaction() {
        Book book = this.books.save(Book.of("Lem", "Solaris", 1961));
        this.members.save(new Member("ada", "Ada"));

        this.lending.lend(book.id(), "ada");

        assertThat(this.loans.existsByBookId(book.id())).isTrue();
        assertThat(this.counters.value("loans")).isEqualTo(1);
        assertThat(this.audit.get(this.audit.first().key())).isEqualTo(Bytes.of("ada borrowed " + book.id()));
    }
}
