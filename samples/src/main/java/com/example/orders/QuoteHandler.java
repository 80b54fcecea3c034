package com.example.orders;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The quotes endpoint, on Reactor. Nothing here calls JDBC, and nothing here is annotated: the
 * blocking is two layers down, in QuoteRepository, and asyncprone follows the calls to it.
 */
public class QuoteHandler {
  private final QuoteService quotes;
  private final ExecutorService database;

  public QuoteHandler(QuoteService quotes, ExecutorService database) {
    this.quotes = quotes;
    this.database = database;
  }

  /** Each quote on the thread that emits the SKUs, often an event loop: found, with the path. */
  public Flux<BigDecimal> quotes(Flux<String> skus) {
    return skus.map(sku -> quotes.quote(sku, 1)); // asyncprone: BlockingInAsyncContext
  }

  /** The same lookups on a scheduler meant for blocking work: fine. */
  public Flux<BigDecimal> quotesOffloaded(Flux<String> skus) {
    return skus.flatMap(
        sku ->
            Mono.fromCallable(() -> quotes.quote(sku, 1)).subscribeOn(Schedulers.boundedElastic()));
  }

  /** A quote on the common pool: found too, by BlockingOnCommonPool. */
  public CompletableFuture<BigDecimal> quoteLater(String sku) {
    return CompletableFuture.supplyAsync(
        () -> quotes.quote(sku, 1)); // asyncprone: BlockingOnCommonPool
  }

  /** On the database pool: fine. */
  public CompletableFuture<BigDecimal> quoteOnDatabasePool(String sku) {
    return CompletableFuture.supplyAsync(() -> quotes.quote(sku, 1), database);
  }
}
