package dev.sled.spring.data.repository;

import dev.sled.spring.data.repository.Order.Status;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;

public interface OrderRepository extends SledRepository<Order, Long> {

    List<Order> findByIdBetween(long from, long to);

    List<Order> findByIdGreaterThan(long id);

    List<Order> findByIdLessThanEqualOrderByIdDesc(long id);

    List<Order> findByCustomer(String customer);

    List<Order> findByStatusOrderByIdDesc(Status status);

    List<Order> findByCustomerStartingWith(String prefix);

    List<Order> findByCustomerIgnoreCase(String customer);

    List<Order> findByTotalCentsGreaterThan(long cents);

    List<Order> findByCustomerAndTotalCentsGreaterThan(String customer, long cents);

    List<Order> findByCustomerOrStatus(String customer, Status status);

    List<Order> findByStatusIn(List<Status> statuses);

    List<Order> findByStatusOrderByTotalCentsDesc(Status status);

    Optional<Order> findFirstByCustomerOrderByTotalCentsDesc(String customer);

    Order findByCustomerAndStatus(String customer, Status status);

    Order findOneByCustomer(String customer);

    List<Order> findTop2ByOrderByIdDesc();

    Stream<Order> streamByStatus(Status status);

    long countByStatus(Status status);

    boolean existsByCustomer(String customer);

    long deleteByStatus(Status status);

    Window<Order> findFirst3ByOrderByIdAsc(ScrollPosition position);

    Window<Order> findByStatus(Status status, ScrollPosition position, Limit limit);

    Window<Order> findByTotalCentsGreaterThanOrderByTotalCents(long cents, ScrollPosition position, Limit limit);

    Page<Order> findByStatus(Status status, Pageable pageable);

    Slice<Order> findSliceByStatus(Status status, Pageable pageable);

    List<CustomerOnly> findProjectedByStatus(Status status);

    List<CustomerTotal> findCustomerTotalByStatus(Status status);

    <P> List<P> findByCustomer(String customer, Class<P> projection);

    /** An interface projection. */
    interface CustomerOnly {
        String getCustomer();
    }

    /** A class-based (DTO) projection. */
    record CustomerTotal(String customer, long totalCents) {
    }
}
