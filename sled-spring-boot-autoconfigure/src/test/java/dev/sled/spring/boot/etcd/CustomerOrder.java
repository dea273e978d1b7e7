package dev.sled.spring.boot.etcd;

import dev.sled.spring.data.mapping.Indexed;
import dev.sled.spring.data.mapping.SledEntity;
import org.springframework.data.annotation.Id;

@SledEntity("orders")
public record CustomerOrder(@Id Long id, @Indexed String customer, long totalCents) {
}
