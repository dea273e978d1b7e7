package dev.sled.spring.boot.test.autoconfigure;

import org.springframework.data.annotation.Id;

/** An entity of the example application. */
public record Note(@Id Long id, String text) {
}
