package com.example.orders;

import dev.asyncprone.annotations.Blocking;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The orders table. Every call is a database round trip, so the methods say they block. */
public class OrderRepository {
  private final Map<String, Order> rows = new ConcurrentHashMap<>();

  @Blocking
  public Optional<Order> findById(String id) {
    return Optional.ofNullable(rows.get(id));
  }

  @Blocking
  public void save(Order order) {
    rows.put(order.id(), order);
  }
}
