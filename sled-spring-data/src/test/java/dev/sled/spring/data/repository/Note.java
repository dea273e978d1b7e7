package dev.sled.spring.data.repository;

import org.springframework.data.annotation.Id;

/** An entity with a string id. */
public record Note(@Id String path, String text) {
}
