package dev.sled.samples.library;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class BookController {

    private final BookRepository books;

    public BookController(BookRepository books) {
        this.books = books;
    }

    @PostMapping("/books")
    public Book add(@RequestBody Book book) {
        return this.books.save(book);
    }

    @GetMapping("/books/{id}")
    public ResponseEntity<Book> get(@PathVariable long id) {
        return ResponseEntity.of(this.books.findById(id));
    }
}
