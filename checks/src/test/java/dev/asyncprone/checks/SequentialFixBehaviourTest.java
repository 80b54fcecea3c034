package dev.asyncprone.checks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Runs code in the shape the SequentialAwait and AwaitInLoop fixes write (as their refactoring
 * tests show) next to the code they replace, with futures the test completes by hand: the same
 * results in the same order, the same exception from the same await. The fixed shapes finish only
 * because every call starts before the first wait (the completer waits for all calls); the timeouts
 * guard against a hang if that ever breaks, and assert nothing about time.
 */
@RunWith(JUnit4.class)
public class SequentialFixBehaviourTest {
  /** A fake remote service: each call returns a future the test completes, and is logged. */
  private static final class Service {
    final List<String> started = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<String>> pending = new CopyOnWriteArrayList<>();

    CompletableFuture<String> find(String id) {
      started.add(id);
      CompletableFuture<String> future = new CompletableFuture<>();
      pending.add(future);
      return future;
    }
  }

  /** Completes the futures in reverse order on another thread, after the caller has waited. */
  private static void completeLater(Service service, int count, RuntimeException failSecond) {
    Thread completer =
        new Thread(
            () -> {
              while (service.pending.size() < count && !Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
              }
              for (int i = count - 1; i >= 0; i--) {
                if (i == 1 && failSecond != null) {
                  service.pending.get(i).completeExceptionally(failSecond);
                } else {
                  service.pending.get(i).complete("v" + i);
                }
              }
            });
    completer.setDaemon(true);
    completer.start();
  }

  // SequentialAwait: before and after its fix.
  private static String before(Service users, Service orders) {
    String user = users.find("u").join();
    String order = orders.find("o").join();
    return user + "," + order;
  }

  private static String after(Service users, Service orders) {
    CompletableFuture<String> userFuture = users.find("u");
    CompletableFuture<String> orderFuture = orders.find("o");
    String user = userFuture.join();
    String order = orderFuture.join();
    return user + "," + order;
  }

  // AwaitInLoop: before and after its fix.
  private static List<String> loopBefore(Service users, List<String> ids) {
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      out.add(users.find(id).join());
    }
    return out;
  }

  private static List<String> loopAfter(Service users, List<String> ids) {
    List<String> out = new ArrayList<>();
    List<CompletableFuture<String>> futures = new ArrayList<>();
    for (String id : ids) {
      futures.add(users.find(id));
    }
    for (CompletableFuture<String> future : futures) {
      out.add(future.join());
    }
    return out;
  }

  @Test(timeout = 20_000)
  public void sequentialAwaitFixKeepsResultsAndStartsBoth() {
    Service shared = new Service();
    // One service for both, so that the pending list shows the order of the calls.
    completeLater(shared, 2, null);
    String result = after(shared, shared);
    assertEquals("v0,v1", result);
    assertEquals(List.of("u", "o"), shared.started);
  }

  @Test(timeout = 20_000)
  public void sequentialAwaitFixThrowsTheSameException() {
    RuntimeException boom = new IllegalStateException("orders down");
    for (boolean fixed : new boolean[] {false, true}) {
      Service shared = new Service();
      CompletableFuture.runAsync(
          () -> {
            // Before the fix the second call only happens after the first await; complete as
            // calls arrive so both shapes can finish.
            completeInArrivalOrder(shared, 2, boom);
          });
      try {
        Supplier<String> run = fixed ? () -> after(shared, shared) : () -> before(shared, shared);
        run.get();
        fail("expected the second await to throw");
      } catch (CompletionException e) {
        assertSame(boom, e.getCause());
      }
    }
  }

  @Test(timeout = 20_000)
  public void awaitInLoopFixKeepsOrderAndFailure() {
    List<String> ids = List.of("a", "b", "c");
    Service parallel = new Service();
    completeLater(parallel, 3, null);
    assertEquals(List.of("v0", "v1", "v2"), loopAfter(parallel, ids));

    Service sequential = new Service();
    CompletableFuture.runAsync(() -> completeInArrivalOrder(sequential, 3, null));
    assertEquals(List.of("v0", "v1", "v2"), loopBefore(sequential, ids));

    RuntimeException boom = new IllegalStateException("b failed");
    Service failing = new Service();
    completeLater(failing, 3, boom);
    try {
      loopAfter(failing, ids);
      fail("expected the second join to throw");
    } catch (CompletionException e) {
      assertSame(boom, e.getCause());
      assertTrue(failing.started.containsAll(ids));
    }
  }

  /** Completes each future as its call arrives: what the sequential shape needs to progress. */
  private static void completeInArrivalOrder(
      Service service, int count, RuntimeException failSecond) {
    for (int i = 0; i < count; i++) {
      while (service.pending.size() <= i) {
        Thread.onSpinWait();
      }
      if (i == 1 && failSecond != null) {
        service.pending.get(i).completeExceptionally(failSecond);
      } else {
        service.pending.get(i).complete("v" + i);
      }
    }
  }
}
