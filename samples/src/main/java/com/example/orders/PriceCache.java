package com.example.orders;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ListeningExecutorService;
import com.google.common.util.concurrent.MoreExecutors;
import java.math.BigDecimal;
import java.util.concurrent.Executors;

/** Prices, loaded from the pricing service through Guava futures. */
public class PriceCache {
  private final ListeningExecutorService loader =
      MoreExecutors.listeningDecorator(Executors.newFixedThreadPool(4));

  public ListenableFuture<BigDecimal> price(String sku) {
    return loader.submit(() -> BigDecimal.TEN);
  }

  public ListenableFuture<BigDecimal> discount(String customerId) {
    return Futures.immediateFuture(BigDecimal.ONE);
  }

  public ListenableFuture<BigDecimal> convert(BigDecimal amount, String currency) {
    return Futures.immediateFuture(amount);
  }

  /** The price in the customer's currency. */
  public ListenableFuture<BigDecimal> localPrice(String sku, String currency) {
    return Futures.transform(
        price(sku),
        base -> Futures.getUnchecked(convert(base, currency)), // asyncprone: BlockingInAsyncContext
        MoreExecutors.directExecutor());
  }

  /** The price after the customer's discount. */
  public ListenableFuture<BigDecimal> discountedPrice(String sku, String customerId) {
    return Futures.transform(
        price(sku),
        base -> base.subtract(Futures.getUnchecked(discount(customerId))), // asyncprone: BlockingInAsyncContext
        MoreExecutors.directExecutor());
  }
}
