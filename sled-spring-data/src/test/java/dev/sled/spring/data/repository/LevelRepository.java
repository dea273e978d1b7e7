package dev.sled.spring.data.repository;

import java.util.List;

public interface LevelRepository extends SledRepository<Level, Integer> {

    List<Level> findByFloorLessThan(int floor);
}
