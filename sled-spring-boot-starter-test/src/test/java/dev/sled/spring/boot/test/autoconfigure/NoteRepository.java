package dev.sled.spring.boot.test.autoconfigure;

import dev.sled.spring.data.repository.SledRepository;

/** A repository of the example application, which {@code @DataSledTest} includes. */
public interface NoteRepository extends SledRepository<Note, Long> {
}
