package dev.sled.spring.data.boot.sample;

import org.springframework.data.annotation.Id;

public record Bookmark(@Id Long id, String pageUrl) {
}
