package dev.sled.spring.boot.test.autoconfigure;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application that {@link DataSledTestIntegrationTests} finds by searching up its package. */
@SpringBootApplication
public class ExampleSledApplication {
}
