package dev.sled.samples.library;

import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;

/** The classic, non-List interfaces. */
public interface MemberRepository extends CrudRepository<Member, String>, PagingAndSortingRepository<Member, String> {

    Iterable<Member> findByNameStartingWith(String prefix);
}
