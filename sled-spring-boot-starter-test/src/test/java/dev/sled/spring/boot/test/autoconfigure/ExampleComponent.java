package dev.sled.spring.boot.test.autoconfigure;

import org.springframework.stereotype.Component;

/** A component that {@code @DataSledTest} must not pick up. */
@Component
public class ExampleComponent {
}
