package com.example.orders;

import java.math.BigDecimal;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The reactive API: orders as Mono and Flux, as a WebFlux handler would serve them. */
public class ReactiveOrderHandler {
  private final OrderRepository repository;

  public ReactiveOrderHandler(OrderRepository repository) {
    this.repository = repository;
  }

  Mono<BigDecimal> remoteTotal(String orderId) {
    return Mono.just(BigDecimal.TEN);
  }

  /** The totals of a page of orders. */
  public Flux<BigDecimal> totals(Flux<String> orderIds) {
    return orderIds.map(id -> remoteTotal(id).block()); // asyncprone: BlockingInAsyncContext
  }

  /** Loads an order from the database on a scheduler meant for blocking work: fine. */
  public Mono<Order> load(String id) {
    return Mono.fromCallable(() -> repository.findById(id).orElseThrow())
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** Loads orders after switching to the blocking-capable scheduler: fine. */
  public Flux<Order> loadAll(Flux<String> ids) {
    return ids.publishOn(Schedulers.boundedElastic()).map(id -> repository.findById(id).orElseThrow());
  }
}
