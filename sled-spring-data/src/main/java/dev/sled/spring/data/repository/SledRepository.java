package dev.sled.spring.data.repository;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.query.ListQueryByExampleExecutor;

/**
 * A repository of entities stored in sled, with CRUD, paging, sorting and Query by Example (a filtered
 * scan). Declaring a plain {@code CrudRepository}, {@code ListCrudRepository} or
 * {@code PagingAndSortingRepository} of a {@link dev.sled.spring.data.mapping.SledEntity} works too.
 *
 * @param <T> the entity type
 * @param <ID> the id type
 */
@NoRepositoryBean
public interface SledRepository<T, ID>
        extends ListCrudRepository<T, ID>, ListPagingAndSortingRepository<T, ID>, ListQueryByExampleExecutor<T> {
}
