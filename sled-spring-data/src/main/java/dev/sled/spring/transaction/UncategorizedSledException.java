package dev.sled.spring.transaction;

import dev.sled.SledException;
import org.springframework.dao.UncategorizedDataAccessException;

/** An engine failure that none of Spring's more specific data access exceptions describes. */
public class UncategorizedSledException extends UncategorizedDataAccessException {

    public UncategorizedSledException(String message, SledException cause) {
        super(message, cause);
    }
}
