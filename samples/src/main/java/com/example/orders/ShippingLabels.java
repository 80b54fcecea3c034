package com.example.orders;

import java.util.concurrent.CompletableFuture;

/**
 * Shipping labels, printed by the warehouse's label printers. A printer is leased from a pool and
 * must go back to it ({@code close()}) once the label is out; a print completes later.
 */
public class ShippingLabels {
  /** A leased label printer; {@code close()} returns it to the pool. */
  public interface Printer extends AutoCloseable {
    /** Queues the label; the future completes once it is printed. */
    CompletableFuture<String> printAsync(String label);

    @Override
    void close();
  }

  /** The warehouse's printers. */
  public interface PrinterPool {
    Printer lease();
  }

  private final PrinterPool printers;

  public ShippingLabels(PrinterPool printers) {
    this.printers = printers;
  }

  /** Prints the order's label: the printer goes back to the pool before the label is out. */
  public CompletableFuture<String> print(Order order) {
    try (Printer printer = printers.lease()) {
      return printer.printAsync(label(order)); // asyncprone: ResourceClosedBeforeAsync
    }
  }

  /** Prints the order's label and waits for it: the printer is returned once it is out. Fine. */
  public String printAndWait(Order order) {
    try (Printer printer = printers.lease()) {
      return printer.printAsync(label(order)).join();
    }
  }

  /** Returns the printer when the label is out: fine. */
  public CompletableFuture<String> printThenReturn(Order order) {
    Printer printer = printers.lease();
    return printer.printAsync(label(order)).whenComplete((printed, failure) -> printer.close());
  }

  private static String label(Order order) {
    return order.id() + " -> " + order.customerId();
  }
}
