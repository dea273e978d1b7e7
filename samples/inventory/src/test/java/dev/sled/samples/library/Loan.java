package dev.sled.samples.library;

import dev.sled.spring.data.mapping.Indexed;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;

/** A loan of a book to a member, under a {@code UUID} the application picks. No {@code @SledEntity}: the keyspace is "loan". */
public record Loan(@Id UUID id, @Indexed Long bookId, @Indexed String memberId, Instant at) {
}
