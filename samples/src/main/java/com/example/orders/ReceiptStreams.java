package com.example.orders;

import dev.asyncprone.annotations.AwaitOnce;
import java.util.List;
import java.util.stream.Stream;
import reactor.core.publisher.Mono;

/**
 * Receipts for orders: rendered as PDF by a remote service, mailed to the customer, and kept in
 * the archive. Rendering is a paid call, and the renderer's Mono is cold: every subscription
 * renders (and bills) again. The renderer says so with {@code @AwaitOnce}; the mailer says with
 * {@code @AwaitOnce} on its parameter that it subscribes to the receipt it is handed.
 */
public class ReceiptStreams {
  /** A rendered receipt. */
  public record Receipt(String orderId, String pdfUrl) {}

  /** The remote PDF renderer. */
  public interface ReceiptRenderer {
    /** POST /render: each subscription to the result renders the receipt again. */
    @AwaitOnce
    Mono<Receipt> render(Order order);
  }

  /** The mail gateway. */
  public interface Mailer {
    /** Mails the receipt to the customer, subscribing to {@code receipt} to get it. */
    Mono<Void> send(String customerId, @AwaitOnce Mono<Receipt> receipt);
  }

  /** The receipt archive. */
  public interface Archive {
    Mono<Void> store(Receipt receipt);
  }

  private final ReceiptRenderer renderer;
  private final Mailer mailer;
  private final Archive archive;

  public ReceiptStreams(ReceiptRenderer renderer, Mailer mailer, Archive archive) {
    this.renderer = renderer;
    this.mailer = mailer;
    this.archive = archive;
  }

  /** Mails the receipt, then archives it: renders it twice, once for each. */
  public Mono<Void> mailAndArchive(Order order) {
    Mono<Receipt> receipt = renderer.render(order);
    return mailer
        .send(order.customerId(), receipt)
        .then(receipt) // asyncprone: AwaitOnceViolation
        .flatMap(archive::store);
  }

  /** The same with one rendering, shared: fine. */
  public Mono<Void> mailAndArchiveOnce(Order order) {
    Mono<Receipt> receipt = renderer.render(order).cache();
    return mailer.send(order.customerId(), receipt).then(receipt).flatMap(archive::store);
  }

  /** Mails the receipt if the customer wants mail, archives it otherwise: one rendering. Fine. */
  public Mono<Void> mailOrArchive(Order order, boolean wantsMail) {
    Mono<Receipt> receipt = renderer.render(order);
    if (wantsMail) {
      return mailer.send(order.customerId(), receipt);
    }
    return receipt.flatMap(archive::store);
  }

  /** Prints the receipt lines of a batch of orders and returns how many there were. */
  public long printLines(List<Order> orders) {
    Stream<String> lines = orders.stream().flatMap(o -> o.skus().stream()).map(sku -> "1 x " + sku);
    lines.forEach(System.out::println);
    return lines.count(); // asyncprone: AwaitOnceViolation
  }

  /** Prints the lines or counts them, one or the other: fine. */
  public long printOrCount(List<Order> orders, boolean print) {
    Stream<String> lines = orders.stream().flatMap(o -> o.skus().stream());
    if (print) {
      lines.forEach(System.out::println);
      return 0;
    }
    return lines.count();
  }
}
