package com.example.orders;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The remote inventory service: every call is an HTTP round trip that completes later. */
public class InventoryClient {
  private final Executor network;

  public InventoryClient(Executor network) {
    this.network = network;
  }

  public CompletableFuture<Reservation> reserve(Order order) {
    return CompletableFuture.supplyAsync(() -> new Reservation(order.id(), true), network);
  }

  public CompletableFuture<Integer> stockLevel(String sku) {
    return CompletableFuture.supplyAsync(() -> 42, network);
  }
}
