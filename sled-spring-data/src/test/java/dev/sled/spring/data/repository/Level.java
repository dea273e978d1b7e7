package dev.sled.spring.data.repository;

import dev.sled.spring.data.mapping.SledEntity;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;

/** An immutable class with a primitive int id that may be negative. */
@SledEntity("levels")
public final class Level {

    @Id
    private final int floor;

    private final String name;

    @PersistenceCreator
    public Level(int floor, String name) {
        this.floor = floor;
        this.name = name;
    }

    public int getFloor() {
        return floor;
    }

    public String getName() {
        return name;
    }
}
