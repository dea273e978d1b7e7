package dev.sled.samples.library;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/** Plain Spring Data interfaces, as a user would declare them, and derived queries from the docs. */
public interface BookRepository extends ListCrudRepository<Book, Long>, ListPagingAndSortingRepository<Book, Long> {

    List<Book> findByAuthor(String author);

    List<Book> findByAuthor(String author, Sort sort);

    Page<Book> findByAuthor(String author, Pageable pageable);

    Slice<Book> findByYearGreaterThanEqual(int year, Pageable pageable);

    List<Book> findByIdBetween(long from, long to);

    List<Book> findByYearBetweenOrderByYearDesc(int from, int to);

    List<Book> findByTitleContainingIgnoreCase(String part);

    List<Book> findByAuthorAndYearLessThan(String author, int year);

    List<Book> findByAuthorOrYear(String author, int year);

    List<Book> findByAuthorIn(List<String> authors);

    List<Book> findByTitleStartingWith(String prefix);

    Optional<Book> findFirstByOrderByYearAsc();

    List<Book> findTop2ByAuthorOrderByYearDesc(String author);

    Stream<Book> streamByAuthor(String author);

    Optional<Book> findByTitle(String title);

    List<BookTitle> findTitlesByAuthorOrderByYear(String author);

    List<AuthorYear> findAuthorYearByTitleStartingWith(String prefix);

    <P> List<P> findByYear(int year, Class<P> projection);

    Window<Book> findFirst2ByAuthorOrderByIdAsc(String author, ScrollPosition position);

    Window<Book> findFirst2ByOrderByIdAsc(ScrollPosition position);

    long countByAuthor(String author);

    boolean existsByAuthor(String author);

    long deleteByAuthor(String author);

    /** An interface projection. */
    interface BookTitle {

        String getTitle();
    }

    /** A DTO projection. */
    record AuthorYear(String author, int year) {
    }
}
