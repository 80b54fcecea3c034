package com.example.orders;

import dev.asyncprone.annotations.BlockingExecutor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/** Places orders: reserves stock remotely, then stores the order. */
public class OrderService {
  private final OrderRepository repository;
  private final InventoryClient inventory;
  @BlockingExecutor private final ExecutorService database;

  public OrderService(OrderRepository repository, InventoryClient inventory, ExecutorService database) {
    this.repository = repository;
    this.inventory = inventory;
    this.database = database;
  }

  /** Reserves stock for an order that is still being validated. */
  public CompletableFuture<Reservation> reserveWhenValid(CompletableFuture<Order> validated) {
    return validated.thenApply(order -> inventory.reserve(order).join()); // asyncprone: BlockingInAsyncContext
  }

  /** Saves the order once the reservation is confirmed. */
  public CompletableFuture<Order> confirm(Order order) {
    return inventory
        .reserve(order)
        .thenApply(
            reservation -> {
              repository.save(order); // asyncprone: BlockingInAsyncContext
              return order;
            });
  }

  /** The same, with the save offloaded to the database pool: fine. */
  public CompletableFuture<Order> confirmOffloaded(Order order) {
    return inventory
        .reserve(order)
        .thenApplyAsync(
            reservation -> {
              repository.save(order);
              return order;
            },
            database);
  }

  /** Looks an order up; callers chain on the result. */
  public CompletableFuture<Order> find(String id) {
    if (id.isEmpty()) {
      return null; // asyncprone: NullFutureReturned
    }
    return CompletableFuture.supplyAsync(() -> repository.findById(id).orElseThrow(), database);
  }

  /** Sums the stock of every SKU once all lookups are done: the joins never wait. */
  public CompletableFuture<Integer> totalStock(List<String> skus) {
    List<CompletableFuture<Integer>> levels =
        skus.stream().map(inventory::stockLevel).collect(Collectors.toList());
    return CompletableFuture.allOf(levels.toArray(new CompletableFuture<?>[0]))
        .thenApply(done -> levels.stream().mapToInt(CompletableFuture::join).sum());
  }

  /** Waits for the reservation inside a method that itself returns a future. */
  public CompletableFuture<Boolean> isReservable(Order order) {
    Reservation reservation = inventory.reserve(order).join(); // asyncprone: BlockingInAsyncContext
    return CompletableFuture.completedFuture(reservation.confirmed());
  }
}
