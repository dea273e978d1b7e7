package dev.sled.spring.data.repository;

import java.util.List;

public interface NoteRepository extends SledRepository<Note, String> {

    List<Note> findByPathStartingWith(String prefix);
}
