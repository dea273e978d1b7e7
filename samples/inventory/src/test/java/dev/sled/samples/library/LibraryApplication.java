package dev.sled.samples.library;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A second application, written the way a user of the starter writes one, using only the documented
 * surface: {@code sled.*} in its own {@code library.yml}, injected {@code SledDb} and {@code SledTree}
 * beans, repositories with {@code Long}, {@code String} and {@code UUID} ids, and {@code @Transactional}
 * services. Its tests pin that surface down.
 */
@SpringBootApplication
public class LibraryApplication {

    /** Its configuration file is library.yml, so that it does not read the inventory's application.yml. */
    static final String CONFIG_NAME = "spring.config.name=library";

    public static void main(String[] args) {
        SpringApplication.run(LibraryApplication.class, args);
    }
}
