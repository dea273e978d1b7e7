package dev.sled.spring.data.repository;

import java.util.List;
import org.springframework.data.repository.CrudRepository;

public interface AccountRepository extends CrudRepository<Account, String> {

    List<Account> findByOwner(String owner);
}
