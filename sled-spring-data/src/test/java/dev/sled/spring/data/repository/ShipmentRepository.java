package dev.sled.spring.data.repository;

import java.util.List;

public interface ShipmentRepository extends SledRepository<Shipment, Long> {

    List<Shipment> findByToCity(String city);

    List<Shipment> findByLabelsContaining(String label);

    List<Shipment> findByToZipLikeOrderByIdDesc(String pattern);

    List<Shipment> findByToCityEndingWithIgnoreCase(String suffix);
}
