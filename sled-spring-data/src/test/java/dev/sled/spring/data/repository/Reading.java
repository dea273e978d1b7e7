package dev.sled.spring.data.repository;

import java.time.Instant;
import org.springframework.data.annotation.Id;

/** An entity with a composite record id and a keyspace derived from the class name. */
public record Reading(@Id SensorTime id, double celsius) {

    public record SensorTime(String sensor, Instant at) {
    }
}
