package com.example.orders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * The bulk import job behind /api/import: reads rows a partner uploaded and turns them into
 * orders. It runs on a worker thread, so it may wait; what it should not do is wait for one round
 * trip after another when they could overlap.
 */
public class OrderImport {
  /** One uploaded row: a customer, a currency, the SKUs ordered. */
  public record ImportRow(String customerId, String currency, List<String> skus) {}

  /** A customer as the customer service returns it. */
  public record Customer(String id, String name, boolean active) {}

  /** The prices of every SKU in one currency. */
  public record PriceList(String currency, BigDecimal unitPrice) {}

  /** A page of previously imported orders, and the token of the next page (null at the end). */
  public record ImportPage(List<String> orderIds, String nextToken) {}

  /** The remote customer service. */
  public interface CustomerClient {
    CompletableFuture<Customer> find(String customerId);
  }

  /** The remote pricing service. */
  public interface PricingClient {
    CompletableFuture<PriceList> currentPrices(String currency);
  }

  /** The reactive product catalog. */
  public interface CatalogClient {
    Mono<String> describe(String sku);
  }

  /** The import history, read page by page. */
  public interface HistoryClient {
    CompletableFuture<ImportPage> page(String token);

    CompletableFuture<String> record(String orderId);
  }

  private final CustomerClient customers;
  private final PricingClient pricing;
  private final CatalogClient catalog;
  private final HistoryClient history;
  private final InventoryClient inventory;

  public OrderImport(
      CustomerClient customers,
      PricingClient pricing,
      CatalogClient catalog,
      HistoryClient history,
      InventoryClient inventory) {
    this.customers = customers;
    this.pricing = pricing;
    this.catalog = catalog;
    this.history = history;
    this.inventory = inventory;
  }

  /** Prices one row: the customer and the price list do not depend on each other. */
  public Order importRow(String orderId, ImportRow row) {
    Customer customer = customers.find(row.customerId()).join();
    PriceList prices = pricing.currentPrices(row.currency()).join(); // asyncprone: SequentialAwait
    BigDecimal total = prices.unitPrice().multiply(BigDecimal.valueOf(row.skus().size()));
    return new Order(orderId, customer.id(), row.skus(), total);
  }

  /** The stock of every SKU of a row, one lookup after another. */
  public List<Integer> stockLevels(ImportRow row) {
    List<Integer> levels = new ArrayList<>();
    for (String sku : row.skus()) {
      levels.add(inventory.stockLevel(sku).join()); // asyncprone: AwaitInLoop
    }
    return levels;
  }

  /** The catalog descriptions of a row's SKUs, one subscription after another. */
  public List<String> descriptions(ImportRow row) {
    List<String> lines = new ArrayList<>();
    for (String sku : row.skus()) {
      String description = catalog.describe(sku).block(); // asyncprone: AwaitInLoop
      lines.add(sku + ": " + description);
    }
    return lines;
  }

  /** The price list starts only once the customer is known, though it does not need it. */
  public CompletableFuture<PriceList> pricesFor(ImportRow row) {
    return customers.find(row.customerId()).thenCompose(customer -> pricing.currentPrices(row.currency())); // asyncprone: SequentialAwait
  }

  // What the checks leave alone.

  /** The price list depends on the customer: sequential on purpose. */
  public PriceList pricesForActive(ImportRow row) {
    Customer customer = customers.find(row.customerId()).join();
    String currency = customer.active() ? row.currency() : "EUR";
    return pricing.currentPrices(currency).join();
  }

  /**
   * Records each order in the history, one after another: a write whose order may be the point, so
   * the finding leaves the order to its author and offers no fix.
   */
  public List<String> recordAll(List<String> orderIds) {
    List<String> receipts = new ArrayList<>();
    for (String id : orderIds) {
      receipts.add(history.record(id).join()); // asyncprone: AwaitInLoop
    }
    return receipts;
  }

  /** Reads the import history page by page: each request needs the previous page's token. */
  public List<String> importedOrderIds() {
    List<String> ids = new ArrayList<>();
    String token = "";
    while (token != null) {
      ImportPage page = history.page(token).join();
      ids.addAll(page.orderIds());
      token = page.nextToken();
    }
    return ids;
  }

  /** The batched form: every lookup starts first, then each is awaited in order. */
  public List<Integer> stockLevelsBatched(ImportRow row) {
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (String sku : row.skus()) {
      futures.add(inventory.stockLevel(sku));
    }
    List<Integer> levels = new ArrayList<>();
    for (CompletableFuture<Integer> future : futures) {
      levels.add(future.join());
    }
    return levels;
  }

  /** The first SKU out of stock: stops at the first answer, so it stays sequential. */
  public String firstOutOfStock(ImportRow row) {
    for (String sku : row.skus()) {
      if (inventory.stockLevel(sku).join() == 0) {
        return sku;
      }
    }
    return null;
  }
}
