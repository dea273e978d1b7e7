package dev.sled.spring.data.boot.sample;

import dev.sled.spring.data.repository.SledRepository;

public interface BookmarkRepository extends SledRepository<Bookmark, Long> {
}
