package dev.sled.spring.data.repository;

import java.util.List;

public interface ReadingRepository extends SledRepository<Reading, Reading.SensorTime> {

    List<Reading> findByIdBetween(Reading.SensorTime from, Reading.SensorTime to);
}
