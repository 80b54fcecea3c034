package com.example.orders;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stock reservations: counts kept under a lock, the warehouse asked for stock levels and restocks
 * on its own threads, and a worker that hands restock requests to the warehouse.
 */
public class InventoryLocks {
  private static final long SETTLE_MILLIS = 50;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition restocked = lock.newCondition();
  private final Map<String, Integer> reserved = new HashMap<>();
  private final BlockingQueue<String> restockRequests = new LinkedBlockingQueue<>();
  private final ExecutorService warehouse = Executors.newFixedThreadPool(2);
  private int pendingRestocks;
  private volatile CompletableFuture<Integer> restock = CompletableFuture.completedFuture(0);

  /** The warehouse's stock level for a SKU, read on a warehouse thread. */
  public CompletableFuture<Integer> stockLevel(String sku) {
    return CompletableFuture.supplyAsync(() -> countOnShelves(sku), warehouse);
  }

  /** Reserves stock if the warehouse has enough. */
  public boolean reserve(String sku, int quantity) {
    lock.lock();
    try {
      // Every other reservation waits for the lock while this one waits for the warehouse.
      int available = stockLevel(sku).join(); // asyncprone: LockHeldAcrossAwait
      int taken = reserved.getOrDefault(sku, 0);
      if (available - taken < quantity) {
        return false;
      }
      reserved.put(sku, taken + quantity);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Asks the warehouse to restock, holding the lock until it is done. */
  public CompletableFuture<Void> restockAsync(String sku) {
    lock.lock();
    pendingRestocks++;
    restock = CompletableFuture.supplyAsync(() -> order(sku), warehouse);
    // whenComplete runs on a warehouse thread, which does not hold the lock.
    return restock.thenRun(() -> restockRequests.offer(sku))
        .whenComplete((ignored, failure) -> lock.unlock()); // asyncprone: LockHeldAcrossAwait
  }

  /** Takes the warehouse's count of outstanding restocks when it arrives. */
  public CompletableFuture<Void> refreshPending(CompletableFuture<Integer> outstanding) {
    lock.lock();
    try {
      // The callback runs after unlock() below, so this write is unguarded.
      return outstanding.thenAccept(n -> pendingRestocks = n); // asyncprone: LockHeldAcrossAwait
    } finally {
      lock.unlock();
    }
  }

  /** Stops the running restock; the warehouse thread runs on regardless. */
  public boolean cancelRestock() {
    return restock.cancel(true); // asyncprone: CancelDoesNotInterrupt
  }

  /** The reserved count once the nightly recount has settled. */
  public int settledCount(String sku) {
    try {
      Thread.sleep(SETTLE_MILLIS);
    } catch (InterruptedException e) { // asyncprone: InterruptSwallowed
      // A slightly stale count is fine.
    }
    lock.lock();
    try {
      return reserved.getOrDefault(sku, 0);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until no restock is pending: await() releases the lock while it waits. */
  public void awaitRestocks() throws InterruptedException {
    lock.lock();
    try {
      while (pendingRestocks > 0) {
        restocked.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Marks a restock done and wakes the waiters. */
  public void restockArrived() {
    lock.lock();
    try {
      pendingRestocks--;
      restocked.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Hands restock requests to the warehouse until its thread is interrupted. */
  public Runnable restockWorker() {
    return () -> {
      while (true) {
        try {
          order(restockRequests.take());
        } catch (InterruptedException e) {
          return; // the worker's own top level: interrupted means stop, and it stops
        }
      }
    };
  }

  private int countOnShelves(String sku) {
    return 10 * sku.length();
  }

  private int order(String sku) {
    return sku.hashCode() & 0xff;
  }
}
