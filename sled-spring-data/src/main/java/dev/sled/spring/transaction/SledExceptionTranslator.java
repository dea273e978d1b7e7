package dev.sled.spring.transaction;

import dev.sled.DatabaseClosedException;
import dev.sled.SledException;
import dev.sled.StorageException;
import dev.sled.Transaction;
import dev.sled.TransactionConflictException;
import dev.sled.TransactionMisuseException;
import dev.sled.TreeNotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Translates engine exceptions into Spring's {@link DataAccessException} hierarchy:
 * <ul>
 * <li>{@link TransactionConflictException} → {@link SledTransactionConflictException}, an
 * {@link org.springframework.dao.OptimisticLockingFailureException} (transient: retrying may succeed);
 * <li>{@link StorageException} (I/O, corruption) and {@link DatabaseClosedException} →
 * {@link DataAccessResourceFailureException};
 * <li>{@link TransactionMisuseException} (for example a write in a read-only transaction) →
 * {@link InvalidDataAccessApiUsageException};
 * <li>{@link TreeNotFoundException} → {@link InvalidDataAccessResourceUsageException};
 * <li>any other {@link SledException} → {@link UncategorizedSledException}.
 * </ul>
 * Exceptions that do not come from the engine are not translated.
 */
public final class SledExceptionTranslator implements PersistenceExceptionTranslator {

    /** The shared, stateless instance. */
    public static final SledExceptionTranslator INSTANCE = new SledExceptionTranslator();

    @Override
    public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
        if (ex instanceof SledException sled) {
            return translate(sled);
        }
        return null;
    }

    /** The Spring exception for {@code ex}; never null. */
    public DataAccessException translate(SledException ex) {
        return translate(ex, null);
    }

    /**
     * Like {@link #translate(SledException)}, naming the cause when {@code ex} is a write rejected by the
     * read-only transaction {@code current}.
     */
    public DataAccessException translate(SledException ex, @Nullable Transaction current) {
        if (ex instanceof TransactionMisuseException && current != null && current.isReadOnly()) {
            return new InvalidDataAccessApiUsageException("write rejected: the current sled transaction is read-only "
                    + "(@Transactional(readOnly = true) or a read-only TransactionTemplate); " + ex.getMessage(), ex);
        }
        if (ex instanceof TransactionConflictException conflict) {
            return new SledTransactionConflictException("sled transaction conflict: " + ex.getMessage(), conflict);
        }
        if (ex instanceof StorageException || ex instanceof DatabaseClosedException) {
            return new DataAccessResourceFailureException("sled storage failure: " + ex.getMessage(), ex);
        }
        if (ex instanceof TransactionMisuseException) {
            return new InvalidDataAccessApiUsageException("sled transaction misuse: " + ex.getMessage(), ex);
        }
        if (ex instanceof TreeNotFoundException) {
            return new InvalidDataAccessResourceUsageException("sled tree not found: " + ex.getMessage(), ex);
        }
        return new UncategorizedSledException("sled failure: " + ex.getMessage(), ex);
    }
}
