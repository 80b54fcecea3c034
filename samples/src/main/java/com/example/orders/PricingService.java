package com.example.orders;

import dev.asyncprone.annotations.BlockingExecutor;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Prices orders: stock from the inventory service, orders from the database, rates by Reactor. */
public class PricingService {
  static final String DEFAULT_CURRENCY = "EUR";
  static final int MAX_QUANTITY = 100;

  private final OrderRepository repository;
  private final InventoryClient inventory;
  @BlockingExecutor private final ExecutorService database;

  public PricingService(OrderRepository repository, InventoryClient inventory, ExecutorService database) {
    this.repository = repository;
    this.inventory = inventory;
    this.database = database;
  }

  Mono<BigDecimal> exchangeRate(String currency) {
    return Mono.just(BigDecimal.ONE);
  }

  BigDecimal discountFor(Order order) {
    return order.total().multiply(new BigDecimal("0.05"));
  }

  /** The stock of one SKU: a pool thread only waits for the inventory call. */
  public CompletableFuture<Integer> stock(String sku) {
    return CompletableFuture.supplyAsync(() -> inventory.stockLevel(sku).join()); // asyncprone: RedundantAsyncWrap
  }

  /** The same wait, with get() in a try: the catch decides the failure, so no fix. */
  public CompletableFuture<Integer> stockOrZero(String sku) {
    return CompletableFuture.supplyAsync( // asyncprone: RedundantAsyncWrap
        () -> {
          try {
            return inventory.stockLevel(sku).get();
          } catch (InterruptedException | ExecutionException e) {
            throw new CompletionException(e);
          }
        });
  }

  /** The exchange rate, blocked for on whichever thread subscribes. */
  public Mono<BigDecimal> rate(String currency) {
    return Mono.fromCallable(() -> exchangeRate(currency).block()); // asyncprone: RedundantAsyncWrap
  }

  /** Loads an order for pricing: a database call on the common pool. */
  public CompletableFuture<Order> order(String id) {
    return CompletableFuture.supplyAsync(() -> repository.findById(id).orElseThrow()); // asyncprone: BlockingOnCommonPool
  }

  /** Stores the discounted order once its stock is known: again on the common pool. */
  public CompletableFuture<Order> applyDiscount(Order order) {
    return stock(order.skus().get(0))
        .thenApplyAsync(
            stock -> {
              Order discounted =
                  new Order(order.id(), order.customerId(), order.skus(), order.total().subtract(discountFor(order)));
              repository.save(discounted); // asyncprone: BlockingOnCommonPool
              return discounted;
            });
  }

  /** Loads a page of orders with a parallel stream: every lookup blocks a common-pool thread. */
  public List<Order> orders(List<String> ids) {
    return ids.parallelStream().map(id -> repository.findById(id).orElseThrow()).collect(Collectors.toList()); // asyncprone: BlockingOnCommonPool
  }

  /** The same lookup on the database pool: fine. */
  public CompletableFuture<Order> orderOnDatabasePool(String id) {
    return CompletableFuture.supplyAsync(() -> repository.findById(id).orElseThrow(), database);
  }

  /** Work that computes on the common pool: fine, and not needless either. */
  public CompletableFuture<BigDecimal> discount(Order order) {
    return CompletableFuture.supplyAsync(() -> discountFor(order));
  }

  /** The default currency, through a pool task that does nothing but return a constant. */
  public CompletableFuture<String> currency() {
    return CompletableFuture.supplyAsync(() -> DEFAULT_CURRENCY); // asyncprone: NeedlessAsync
  }

  /** Whether an order can ship: composes a future that is already complete. */
  public CompletableFuture<Boolean> shippable(Order order) {
    return inventory.reserve(order).thenCompose(r -> CompletableFuture.completedFuture(r.confirmed())); // asyncprone: NeedlessAsync
  }

  /** Quantities capped per line: a Mono per element where map would do. */
  public Flux<Integer> cappedQuantities(Flux<Integer> quantities) {
    return quantities.flatMap(q -> Mono.just(Math.min(q, MAX_QUANTITY))); // asyncprone: NeedlessAsync
  }

  /** The prices in the default currency: defers a constant that is the same every time. */
  public Mono<String> pricingCurrency() {
    return Mono.defer(() -> Mono.just(DEFAULT_CURRENCY)); // asyncprone: NeedlessAsync
  }

  /** The price of each order, looked up remotely: a real composition, fine. */
  public Flux<BigDecimal> converted(Flux<Order> orders, String currency) {
    return orders.flatMap(o -> exchangeRate(currency).map(rate -> o.total().multiply(rate)));
  }
}
