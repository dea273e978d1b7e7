package dev.sled.samples.library;

import dev.sled.spring.data.mapping.Indexed;
import dev.sled.spring.data.mapping.SledEntity;
import org.springframework.data.annotation.Id;

/** A book; its {@code Long} id is generated on first save. */
@SledEntity("books")
public record Book(@Id Long id, @Indexed String author, String title, int year) {

    static Book of(String author, String title, int year) {
        return new Book(null, author, title, year);
    }
}
