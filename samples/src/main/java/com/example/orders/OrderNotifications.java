package com.example.orders;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells customers and other services what happened to their orders: mail, the audit log, the
 * shipping partner. Most of it is fire-and-forget, some of it done right.
 */
public class OrderNotifications {
  private static final Logger LOG = Logger.getLogger(OrderNotifications.class.getName());

  /** The mail gateway: each call sends one message. */
  public interface Mailer {
    CompletableFuture<Void> sendAsync(String customerId, String subject);
  }

  /** The audit log, a reactive store. */
  public interface AuditLog {
    Mono<Void> record(String orderId, String event);
  }

  /** The shipping partner's client: books a pickup and returns its tracking id. */
  public interface Shipping {
    ListenableFuture<String> book(Order order);
  }

  private final Mailer mailer;
  private final AuditLog audit;
  private final Shipping shipping;
  private final ExecutorService invoices = Executors.newFixedThreadPool(2);

  public OrderNotifications(Mailer mailer, AuditLog audit, Shipping shipping) {
    this.mailer = mailer;
    this.audit = audit;
    this.shipping = shipping;
  }

  /** Completes before the mail is sent, and a failed send is never seen. */
  public CompletableFuture<Void> confirm(CompletableFuture<Order> placed) {
    return placed.thenAccept(o -> mailer.sendAsync(o.customerId(), "Order confirmed")); // error-prone: FutureReturnValueIgnored; asyncprone: UnobservedFuture when it is off
  }

  /** Each reminder's failure is lost, and the method returns before any is sent. */
  public void remindAll(List<Order> unpaid) {
    unpaid.forEach(o -> mailer.sendAsync(o.customerId(), "Payment reminder")); // error-prone: FutureReturnValueIgnored; asyncprone: UnobservedFuture when it is off
  }

  /** The audit record is never written: nothing subscribes to it. */
  public Mono<Order> cancel(Order order) {
    audit.record(order.id(), "cancelled"); // asyncprone: UnobservedFuture
    return Mono.just(order);
  }

  /** The same mistake inside a pipeline: doOnNext drops each record unsubscribed. */
  public Flux<Order> auditShipped(Flux<Order> shipped) {
    return shipped.doOnNext(o -> audit.record(o.id(), "shipped")); // asyncprone: UnobservedFuture
  }

  /** Subscribed this time, but a failure goes to Reactor's dropped-error hook. */
  public void auditViewed(Order order) {
    audit.record(order.id(), "viewed").subscribe(); // asyncprone: UnobservedFuture
  }

  /** A pipeline inside a pipeline: the outer one neither waits for the record nor sees it fail. */
  public Flux<Order> notifyDelivered(Flux<Order> delivered) {
    return delivered.doOnNext(o -> audit.record(o.id(), "delivered").subscribe()); // asyncprone: NestedSubscribe
  }

  /** If rendering throws, the exception stays in a Future that nobody reads. */
  public void renderInvoice(Order order) {
    invoices.submit(() -> System.out.println("Invoice " + order.id() + ": " + order.total())); // error-prone: FutureReturnValueIgnored; asyncprone: UnobservedFuture when it is off
    LOG.fine("invoice queued");
  }

  /** A future of a future: the caller's future completes before the receipt is sent. */
  public CompletableFuture<?> receipt(CompletableFuture<Order> paid) {
    return paid.thenApply(o -> mailer.sendAsync(o.customerId(), "Receipt")); // error-prone: FutureReturnValueIgnored; asyncprone: UnobservedFuture when it is off
  }

  /** Books the pickup and returns: the caller cannot wait for the booking or see it fail. */
  void bookPickup(Order order) {
    LOG.fine("booking pickup");
    shipping.book(order); // error-prone: FutureReturnValueIgnored; asyncprone: UnobservedFuture when it is off
  }

  /** The shipped mail is dropped inside a Guava callback. */
  public void onBooked(ListenableFuture<String> booking, Order order) {
    Futures.addCallback(
        booking,
        new FutureCallback<String>() {
          @Override
          public void onSuccess(String trackingId) {
            mailer.sendAsync(order.customerId(), "Shipped: " + trackingId); // error-prone: FutureReturnValueIgnored; asyncprone: UnobservedFuture when it is off
          }

          @Override
          public void onFailure(Throwable t) {
            LOG.warning("booking failed: " + t);
          }
        },
        MoreExecutors.directExecutor());
  }

  // Done right: asyncprone reports nothing below (Error Prone's FutureReturnValueIgnored, which does
  // not read failure handling, still reports the dropped whenComplete).

  /** Fire-and-forget on purpose, with the failure logged. */
  public void welcome(Order order) {
    mailer
        .sendAsync(order.customerId(), "Welcome")
        .whenComplete((ok, failure) -> { // error-prone: FutureReturnValueIgnored
          if (failure != null) {
            LOG.warning("welcome mail failed: " + failure);
          }
        });
  }

  /** Waits for every mail and passes the first failure on. */
  public CompletableFuture<Void> remindAllAndWait(List<Order> unpaid) {
    return CompletableFuture.allOf(
        unpaid.stream()
            .map(o -> mailer.sendAsync(o.customerId(), "Payment reminder"))
            .toArray(CompletableFuture[]::new));
  }

  /** The record is part of the returned pipeline, so it runs and its failure fails the response. */
  public Mono<Order> refund(Order order) {
    return audit.record(order.id(), "refunded").thenReturn(order);
  }

  /** One record per order, in order, before the order goes on. */
  public Flux<Order> auditReturned(Flux<Order> returned) {
    return returned.concatMap(o -> audit.record(o.id(), "returned").thenReturn(o));
  }

  /** Subscribed at the edge, with an error consumer. */
  public void auditStartup() {
    audit.record("-", "started").subscribe(ok -> {}, failure -> LOG.warning("audit failed: " + failure));
  }

  /** Composes the receipt into the returned future. */
  public CompletableFuture<Void> receiptComposed(CompletableFuture<Order> paid) {
    return paid.thenCompose(o -> mailer.sendAsync(o.customerId(), "Receipt"));
  }

  /** Returns the booking to the caller. */
  public ListenableFuture<String> bookAndReturn(Order order) {
    return shipping.book(order);
  }
}
