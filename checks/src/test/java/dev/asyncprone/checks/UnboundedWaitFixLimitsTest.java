package dev.asyncprone.checks;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Where UnboundedWait's fix would bound a wait but change more than the finding asks: the timeout
 * would vanish into the code's fallback, a cancellation would reach another catch, the caller's own
 * future would fail, a lock would be left released. Found by patch mode over the corpus (issue 14,
 * bench/triage/patch-mode.md); each rule has the withheld fix in the style of the library where it
 * was found, one in another style, and the fix that stays beside them, compared as text.
 */
@RunWith(JUnit4.class)
public class UnboundedWaitFixLimitsTest {
  private static final String ON = "-XepOpt:AsyncProne:UnboundedWait=WARN";
  private static final String THIRTY_SECONDS = "-XepOpt:AsyncProne:DefaultTimeout=30s";

  /**
   * caffeine's {@code Async.getWhenSuccessful}: "the value when completed successfully or null if
   * failed". Bounded, a future that is only slow would answer null after 30 seconds, as a failed
   * one does, and {@code Map.put} would report no previous value. {@code resolve} rethrows what it
   * catches: its bound stays.
   */
  @Test
  public void noFixWhereTheTimeoutWouldVanishIntoAFallback_caffeine() {
    ExactPatch.of(UnboundedWait.class)
        .flags(ON, THIRTY_SECONDS)
        .input(
            "Async.java",
            "import java.util.concurrent.CancellationException;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionException;",
            "",
            "final class Async {",
            "  private Async() {}",
            "",
            "  /** Returns the value when completed successfully or null if failed. */",
            "  static <V> V getWhenSuccessful(CompletableFuture<V> future) {",
            "    try {",
            "      return (future == null) ? null : future.join();",
            "    } catch (CancellationException | CompletionException e) {",
            "      return null;",
            "    }",
            "  }",
            "",
            "  static <T> T resolve(CompletableFuture<T> future) {",
            "    try {",
            "      return future.join();",
            "    } catch (CompletionException e) {",
            "      Throwable cause = e.getCause();",
            "      if (cause instanceof RuntimeException) {",
            "        throw (RuntimeException) cause;",
            "      }",
            "      throw e;",
            "    }",
            "  }",
            "}")
        .output(
            "Async.java",
            "import java.util.concurrent.CancellationException;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionException;",
            "import java.util.concurrent.TimeUnit;",
            "",
            "final class Async {",
            "  private Async() {}",
            "",
            "  /** Returns the value when completed successfully or null if failed. */",
            "  static <V> V getWhenSuccessful(CompletableFuture<V> future) {",
            "    try {",
            "      return (future == null) ? null : future.join();",
            "    } catch (CancellationException | CompletionException e) {",
            "      return null;",
            "    }",
            "  }",
            "",
            "  static <T> T resolve(CompletableFuture<T> future) {",
            "    try {",
            "      return future.copy().orTimeout(30, TimeUnit.SECONDS).join();",
            "    } catch (CompletionException e) {",
            "      Throwable cause = e.getCause();",
            "      if (cause instanceof RuntimeException) {",
            "        throw (RuntimeException) cause;",
            "      }",
            "      throw e;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The same with a plain Future, a latch and a Mono: a catch that returns a default or goes on
   * without a word gets no bound; one that logs what it caught keeps it (the timeout is in the
   * log).
   */
  @Test
  public void noFixWhereTheTimeoutWouldVanishIntoAFallback_otherStyles() {
    ExactPatch.of(UnboundedWait.class)
        .flags(ON, THIRTY_SECONDS)
        .input(
            "p/Settings.java",
            "package p;",
            "",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.Future;",
            "import java.util.logging.Level;",
            "import java.util.logging.Logger;",
            "import reactor.core.publisher.Mono;",
            "",
            "class Settings {",
            "  private static final Logger LOG = Logger.getLogger(\"settings\");",
            "",
            "  String orDefault(Future<String> remote) {",
            "    try {",
            "      return remote.get();",
            "    } catch (Exception e) {",
            "      return \"default\";",
            "    }",
            "  }",
            "",
            "  void quietly(CountDownLatch ready, Mono<String> warmUp) {",
            "    try {",
            "      ready.await();",
            "      warmUp.block();",
            "    } catch (Exception ignored) {",
            "    }",
            "  }",
            "",
            "  String logged(Future<String> remote) {",
            "    try {",
            "      return remote.get();",
            "    } catch (Exception e) {",
            "      LOG.log(Level.WARNING, \"no settings\", e);",
            "      return \"default\";",
            "    }",
            "  }",
            "}")
        .output(
            "p/Settings.java",
            "package p;",
            "",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.TimeUnit;",
            "import java.util.logging.Level;",
            "import java.util.logging.Logger;",
            "import reactor.core.publisher.Mono;",
            "",
            "class Settings {",
            "  private static final Logger LOG = Logger.getLogger(\"settings\");",
            "",
            "  String orDefault(Future<String> remote) {",
            "    try {",
            "      return remote.get();",
            "    } catch (Exception e) {",
            "      return \"default\";",
            "    }",
            "  }",
            "",
            "  void quietly(CountDownLatch ready, Mono<String> warmUp) {",
            "    try {",
            "      ready.await();",
            "      warmUp.block();",
            "    } catch (Exception ignored) {",
            "    }",
            "  }",
            "",
            "  String logged(Future<String> remote) {",
            "    try {",
            "      return remote.get(30, TimeUnit.SECONDS);",
            "    } catch (Exception e) {",
            "      LOG.log(Level.WARNING, \"no settings\", e);",
            "      return \"default\";",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * java-driver's {@code ContinuousRequestHandlerBase.getState}: a cancelled {@code chosenCallback}
   * answers STATE_FAILED. A copy's {@code get()} throws a cancellation as an ExecutionException,
   * which the catch below turns into an AssertionError. Without a catch of its own for
   * cancellation, the bound stays.
   */
  @Test
  public void noCopyWhereCancellationIsHandledApart_javaDriver() {
    ExactPatch.of(UnboundedWait.class)
        .flags(ON, THIRTY_SECONDS)
        .input(
            "Handler.java",
            "import java.util.concurrent.CancellationException;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutionException;",
            "",
            "class Handler {",
            "  static final int STATE_FAILED = -1;",
            "",
            "  interface Callback {",
            "    int getState();",
            "  }",
            "",
            "  private final CompletableFuture<Callback> chosenCallback = new"
                + " CompletableFuture<>();",
            "",
            "  int getState() {",
            "    try {",
            "      return chosenCallback.get().getState();",
            "    } catch (CancellationException e) {",
            "      // Happens if the test cancels before the callback was chosen",
            "      return STATE_FAILED;",
            "    } catch (InterruptedException | ExecutionException e) {",
            "      throw new AssertionError(\"Unexpected error\", e);",
            "    }",
            "  }",
            "",
            "  int chosenState() {",
            "    try {",
            "      return chosenCallback.get().getState();",
            "    } catch (InterruptedException | ExecutionException e) {",
            "      throw new AssertionError(\"Unexpected error\", e);",
            "    }",
            "  }",
            "}")
        .output(
            "Handler.java",
            "import java.util.concurrent.CancellationException;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.TimeUnit;",
            "",
            "class Handler {",
            "  static final int STATE_FAILED = -1;",
            "",
            "  interface Callback {",
            "    int getState();",
            "  }",
            "",
            "  private final CompletableFuture<Callback> chosenCallback = new"
                + " CompletableFuture<>();",
            "",
            "  int getState() {",
            "    try {",
            "      return chosenCallback.get().getState();",
            "    } catch (CancellationException e) {",
            "      // Happens if the test cancels before the callback was chosen",
            "      return STATE_FAILED;",
            "    } catch (InterruptedException | ExecutionException e) {",
            "      throw new AssertionError(\"Unexpected error\", e);",
            "    }",
            "  }",
            "",
            "  int chosenState() {",
            "    try {",
            "      return chosenCallback.copy().orTimeout(30, TimeUnit.SECONDS).get().getState();",
            "    } catch (InterruptedException | ExecutionException e) {",
            "      throw new AssertionError(\"Unexpected error\", e);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The same with {@code join()}: a catch of CancellationException before the one of
   * CompletionException would stop seeing cancellations; one catch for both (caffeine's union) sees
   * them either way.
   */
  @Test
  public void noCopyWhereCancellationIsHandledApart_join() {
    ExactPatch.of(UnboundedWait.class)
        .flags(ON, THIRTY_SECONDS)
        .input(
            "p/Jobs.java",
            "package p;",
            "",
            "import java.util.concurrent.CancellationException;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionException;",
            "",
            "class Jobs {",
            "  String result(CompletableFuture<String> job) {",
            "    try {",
            "      return job.join();",
            "    } catch (CancellationException e) {",
            "      return \"cancelled\";",
            "    } catch (CompletionException e) {",
            "      throw new IllegalStateException(\"job failed\", e.getCause());",
            "    }",
            "  }",
            "",
            "  String either(CompletableFuture<String> job) {",
            "    try {",
            "      return job.join();",
            "    } catch (CancellationException | CompletionException e) {",
            "      throw new IllegalStateException(\"job did not finish\", e);",
            "    }",
            "  }",
            "}")
        .output(
            "p/Jobs.java",
            "package p;",
            "",
            "import java.util.concurrent.CancellationException;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionException;",
            "import java.util.concurrent.TimeUnit;",
            "",
            "class Jobs {",
            "  String result(CompletableFuture<String> job) {",
            "    try {",
            "      return job.join();",
            "    } catch (CancellationException e) {",
            "      return \"cancelled\";",
            "    } catch (CompletionException e) {",
            "      throw new IllegalStateException(\"job failed\", e.getCause());",
            "    }",
            "  }",
            "",
            "  String either(CompletableFuture<String> job) {",
            "    try {",
            "      return job.copy().orTimeout(30, TimeUnit.SECONDS).join();",
            "    } catch (CancellationException | CompletionException e) {",
            "      throw new IllegalStateException(\"job did not finish\", e);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * java-driver's {@code CompletableFutures.getUninterruptibly(stage)}: {@code
   * toCompletableFuture()} of a CompletableFuture is the future itself, the caller's; {@code
   * orTimeout} on it would fail it for everyone who holds it (a prepared statement cached as a
   * future). The bound goes on a copy; a stage made after it is the expression's own.
   */
  @Test
  public void toCompletableFutureIsTheCallersFuture_javaDriver() {
    ExactPatch.of(UnboundedWait.class)
        .flags(ON, THIRTY_SECONDS)
        .input(
            "CompletableFutures.java",
            "import java.util.concurrent.CompletionStage;",
            "import java.util.concurrent.ExecutionException;",
            "",
            "public class CompletableFutures {",
            "  public static <T> T getUninterruptibly(CompletionStage<T> stage) {",
            "    boolean interrupted = false;",
            "    try {",
            "      while (true) {",
            "        try {",
            "          return stage.toCompletableFuture().get();",
            "        } catch (InterruptedException e) {",
            "          interrupted = true;",
            "        } catch (ExecutionException e) {",
            "          throw new IllegalStateException(e.getCause());",
            "        }",
            "      }",
            "    } finally {",
            "      if (interrupted) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "",
            "  public static String trimmed(CompletionStage<String> stage) {",
            "    return stage.toCompletableFuture().thenApply(String::trim).join();",
            "  }",
            "}")
        .output(
            "CompletableFutures.java",
            "import java.util.concurrent.CompletionStage;",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.TimeUnit;",
            "",
            "public class CompletableFutures {",
            "  public static <T> T getUninterruptibly(CompletionStage<T> stage) {",
            "    boolean interrupted = false;",
            "    try {",
            "      while (true) {",
            "        try {",
            "          return stage.toCompletableFuture().copy().orTimeout(30,"
                + " TimeUnit.SECONDS).get();",
            "        } catch (InterruptedException e) {",
            "          interrupted = true;",
            "        } catch (ExecutionException e) {",
            "          throw new IllegalStateException(e.getCause());",
            "        }",
            "      }",
            "    } finally {",
            "      if (interrupted) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "",
            "  public static String trimmed(CompletionStage<String> stage) {",
            "    return stage.toCompletableFuture().thenApply(String::trim).orTimeout(30,"
                + " TimeUnit.SECONDS).join();",
            "  }",
            "}")
        .doTest();
  }

  /** The same for a future read out of a cache of futures, in another style. */
  @Test
  public void toCompletableFutureIsTheCallersFuture_cache() {
    ExactPatch.of(UnboundedWait.class)
        .flags(ON, THIRTY_SECONDS)
        .input(
            "p/Prepared.java",
            "package p;",
            "",
            "import java.util.Map;",
            "import java.util.concurrent.CompletionStage;",
            "",
            "class Prepared {",
            "  Map<String, CompletionStage<String>> statements;",
            "",
            "  String statement(String query) {",
            "    return statements.get(query).toCompletableFuture().join();",
            "  }",
            "}")
        .output(
            "p/Prepared.java",
            "package p;",
            "",
            "import java.util.Map;",
            "import java.util.concurrent.CompletionStage;",
            "import java.util.concurrent.TimeUnit;",
            "",
            "class Prepared {",
            "  Map<String, CompletionStage<String>> statements;",
            "",
            "  String statement(String query) {",
            "    return statements.get(query).toCompletableFuture().copy().orTimeout(30,"
                + " TimeUnit.SECONDS).join();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Vert.x's {@code ReadStreamIterator.awaitProgress}: the iterator lets go of its lock while the
   * worker is parked on a latch, and takes it again after. A timeout thrown between would leave the
   * lock released, and the caller's {@code finally { lock.unlock(); }} would throw
   * IllegalMonitorStateException in its place. A wait before the lock is taken keeps its bound.
   */
  @Test
  public void noFixBetweenUnlockAndLock_vertx() {
    ExactPatch.of(UnboundedWait.class)
        .flags(ON, THIRTY_SECONDS)
        .input(
            "StreamIterator.java",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "",
            "class StreamIterator {",
            "  private final Lock lock = new ReentrantLock();",
            "  private boolean ended;",
            "",
            "  boolean hasNext(CountDownLatch latch) {",
            "    lock.lock();",
            "    try {",
            "      awaitProgress(latch);",
            "      return !ended;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "",
            "  private void awaitProgress(CountDownLatch latch) {",
            "    try {",
            "      lock.unlock();",
            "      latch.await();",
            "      lock.lock();",
            "    } catch (InterruptedException e) {",
            "      throw new IllegalStateException(e);",
            "    }",
            "  }",
            "",
            "  void end(CountDownLatch drained) throws InterruptedException {",
            "    drained.await();",
            "    lock.lock();",
            "    try {",
            "      ended = true;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .output(
            "StreamIterator.java",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.TimeUnit;",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "",
            "class StreamIterator {",
            "  private final Lock lock = new ReentrantLock();",
            "  private boolean ended;",
            "",
            "  boolean hasNext(CountDownLatch latch) {",
            "    lock.lock();",
            "    try {",
            "      awaitProgress(latch);",
            "      return !ended;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "",
            "  private void awaitProgress(CountDownLatch latch) {",
            "    try {",
            "      lock.unlock();",
            "      latch.await();",
            "      lock.lock();",
            "    } catch (InterruptedException e) {",
            "      throw new IllegalStateException(e);",
            "    }",
            "  }",
            "",
            "  void end(CountDownLatch drained) throws InterruptedException {",
            "    if (!drained.await(30, TimeUnit.SECONDS)) { throw new"
                + " IllegalStateException(\"drained did not count down within 30 seconds\"); }",
            "    lock.lock();",
            "    try {",
            "      ended = true;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** The same with a read lock of a ReentrantReadWriteLock and a join, in another style. */
  @Test
  public void noFixBetweenUnlockAndLock_readWriteLock() {
    ExactPatch.of(UnboundedWait.class)
        .flags(ON, THIRTY_SECONDS)
        .input(
            "p/Registry.java",
            "package p;",
            "",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.locks.ReentrantReadWriteLock;",
            "",
            "class Registry {",
            "  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();",
            "",
            "  String refreshUnderReadLock(CompletableFuture<String> refresh) {",
            "    rw.readLock().unlock();",
            "    String fresh = refresh.join();",
            "    rw.readLock().lock();",
            "    return fresh;",
            "  }",
            "}")
        .output(
            "p/Registry.java",
            "package p;",
            "",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.locks.ReentrantReadWriteLock;",
            "",
            "class Registry {",
            "  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();",
            "",
            "  String refreshUnderReadLock(CompletableFuture<String> refresh) {",
            "    rw.readLock().unlock();",
            "    String fresh = refresh.join();",
            "    rw.readLock().lock();",
            "    return fresh;",
            "  }",
            "}")
        .doTest();
  }
}
