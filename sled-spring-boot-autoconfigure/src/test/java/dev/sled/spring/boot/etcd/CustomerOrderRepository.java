package dev.sled.spring.boot.etcd;

import dev.sled.spring.data.repository.SledRepository;
import java.util.List;

public interface CustomerOrderRepository extends SledRepository<CustomerOrder, Long> {

    List<CustomerOrder> findByCustomer(String customer);

    List<CustomerOrder> findByIdBetween(long from, long to);
}
