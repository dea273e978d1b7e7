package dev.sled.samples.library;

import dev.sled.spring.data.repository.SledRepository;
import java.util.List;
import java.util.UUID;

public interface LoanRepository extends SledRepository<Loan, UUID> {

    List<Loan> findByMemberId(String memberId);

    boolean existsByBookId(Long bookId);
}
