package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class InterruptSwallowedTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(InterruptSwallowed.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(InterruptSwallowed.class, getClass());

  @Test
  public void sneakyRethrowIsARethrow_realCode() {
    // Found by bench/real-world in Vert.x: Utils.throwAsUnchecked(e) rethrows the same exception.
    helper
        .addSourceLines(
            "Waits.java",
            "import java.util.concurrent.CountDownLatch;",
            "class Waits {",
            "  static <E extends Throwable> void throwAsUnchecked(Throwable t) throws E {",
            "    throw (E) t;",
            "  }",
            "  void await(CountDownLatch latch) {",
            "    try {",
            "      latch.await();",
            "    } catch (InterruptedException e) {",
            "      throwAsUnchecked(e);",
            "    }",
            "  }",
            "  void unrelated(CountDownLatch latch) {",
            "    try {",
            "      latch.await();",
            "    // BUG: Diagnostic contains: InterruptSwallowed",
            "    } catch (InterruptedException e) {",
            "      throwAsUnchecked(new RuntimeException(\"timeout\"));",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void flagRestoredThroughAHelper_realCode() {
    // Found by bench/real-world in Guava: AbstractFuture.getUninterruptibly sets a flag in the
    // catch, and its finally re-interrupts through Platform.interruptCurrentThread(), a static
    // helper in another file of the same compilation (here compiled after this one).
    helper
        .addSourceLines(
            "AbstractFuture.java",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.BlockingQueue;",
            "class AbstractFuture {",
            "  private static <V> V getUninterruptibly(Future<V> future) throws ExecutionException"
                + " {",
            "    boolean interrupted = false;",
            "    try {",
            "      while (true) {",
            "        try {",
            "          return future.get();",
            "        } catch (InterruptedException e) {",
            "          interrupted = true;",
            "        }",
            "      }",
            "    } finally {",
            "      if (interrupted) {",
            "        Platform.interruptCurrentThread();",
            "      }",
            "    }",
            "  }",
            "  private static void restoreInterrupt() {",
            "    Thread.currentThread().interrupt();",
            "  }",
            "  <T> T takeUninterruptibly(BlockingQueue<T> queue) {",
            "    boolean interrupted = false;",
            "    try {",
            "      while (true) {",
            "        try {",
            "          return queue.take();",
            "        } catch (InterruptedException e) {",
            "          interrupted = true;",
            "        }",
            "      }",
            "    } finally {",
            "      if (interrupted) restoreInterrupt();",
            "    }",
            "  }",
            "  void sleepThenRestore() {",
            "    try {",
            "      Thread.sleep(10);",
            "    } catch (InterruptedException e) {",
            "      restoreInterrupt();",
            "    }",
            "  }",
            "  // The flag is set but what the finally calls does not re-interrupt.",
            "  <V> V logsOnly(Future<V> future) throws ExecutionException {",
            "    boolean interrupted = false;",
            "    try {",
            "      while (true) {",
            "        try {",
            "          return future.get();",
            "        // BUG: Diagnostic contains: InterruptSwallowed",
            "        } catch (InterruptedException e) {",
            "          interrupted = true;",
            "        }",
            "      }",
            "    } finally {",
            "      if (interrupted) {",
            "        Platform.logInterrupt();",
            "      }",
            "    }",
            "  }",
            "  // A helper that re-interrupts only sometimes is no restore.",
            "  <V> V sometimes(Future<V> future) throws ExecutionException {",
            "    boolean interrupted = false;",
            "    try {",
            "      while (true) {",
            "        try {",
            "          return future.get();",
            "        // BUG: Diagnostic contains: InterruptSwallowed",
            "        } catch (InterruptedException e) {",
            "          interrupted = true;",
            "        }",
            "      }",
            "    } finally {",
            "      if (interrupted) {",
            "        Platform.maybeInterrupt();",
            "      }",
            "    }",
            "  }",
            "  // The flag is set and never read: the restore below answers another flag.",
            "  <V> V flagNeverRead(Future<V> future, boolean cancelled) throws ExecutionException"
                + " {",
            "    boolean interrupted = false;",
            "    try {",
            "      while (true) {",
            "        try {",
            "          return future.get();",
            "        // BUG: Diagnostic contains: InterruptSwallowed",
            "        } catch (InterruptedException e) {",
            "          interrupted = true;",
            "        }",
            "      }",
            "    } finally {",
            "      if (cancelled) {",
            "        restoreInterrupt();",
            "      }",
            "    }",
            "  }",
            "  // An overridable helper may not re-interrupt in a subclass.",
            "  protected void onInterrupt() {",
            "    Thread.currentThread().interrupt();",
            "  }",
            "  void sleepThenOverridable() {",
            "    try {",
            "      Thread.sleep(10);",
            "    // BUG: Diagnostic contains: InterruptSwallowed",
            "    } catch (InterruptedException e) {",
            "      onInterrupt();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Platform.java",
            "final class Platform {",
            "  static void interruptCurrentThread() {",
            "    Thread.currentThread().interrupt();",
            "  }",
            "  static void logInterrupt() {",
            "    System.err.println(\"interrupted\");",
            "  }",
            "  static void maybeInterrupt() {",
            "    if (Boolean.getBoolean(\"reinterrupt\")) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * pulsar ConsumerImpl:444: the caught exception handed to a helper that restores the flag (a
   * class file there; here its source, and a class file's name).
   */
  @Test
  public void flagRestoredByAHelperTakingTheException_realCode() {
    helper
        .addSourceLines(
            "ExceptionHandler.java",
            "final class ExceptionHandler {",
            "  static void handleInterruptedException(Throwable t) {",
            "    if (t instanceof InterruptedException) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  static void log(Throwable t) {}",
            "}")
        .addSourceLines(
            "Consumer.java",
            "import java.util.concurrent.*;",
            "abstract class Consumer {",
            "  abstract CompletableFuture<String> batchAsync();",
            "  abstract boolean closing();",
            "  String batchReceive() {",
            "    try {",
            "      return batchAsync().get();",
            "    } catch (InterruptedException | ExecutionException e) {",
            "      ExceptionHandler.handleInterruptedException(e);",
            "      if (!closing()) {",
            "        throw new IllegalStateException(e);",
            "      }",
            "      return null;",
            "    }",
            "  }",
            "  String logged() {",
            "    try {",
            "      return batchAsync().get();",
            "    // BUG: Diagnostic contains: InterruptSwallowed",
            "    } catch (InterruptedException | ExecutionException e) {",
            "      ExceptionHandler.log(e);",
            "      return null;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A helper whose body this compilation does not have (a class file; here a native method) counts
   * when it is static, takes the exception, and says by its name that it restores the flag.
   */
  @Test
  public void flagRestoredByAHelperWithoutABody() {
    helper
        .addSourceLines(
            "Handlers.java",
            "final class Handlers {",
            "  static native void restoreInterrupt(Throwable t);",
            "  static native void report(Throwable t);",
            "  native void instanceInterruptHandler(Throwable t);",
            "}")
        .addSourceLines(
            "Sleeper.java",
            "class Sleeper {",
            "  void nap() {",
            "    try {",
            "      Thread.sleep(10);",
            "    } catch (InterruptedException e) {",
            "      Handlers.restoreInterrupt(e);",
            "    }",
            "  }",
            "  void reported() {",
            "    try {",
            "      Thread.sleep(10);",
            "    // BUG: Diagnostic contains: InterruptSwallowed",
            "    } catch (InterruptedException e) {",
            "      Handlers.report(e);",
            "    }",
            "  }",
            "  void notStatic(Handlers handlers) {",
            "    try {",
            "      Thread.sleep(10);",
            "    // BUG: Diagnostic contains: InterruptSwallowed",
            "    } catch (InterruptedException e) {",
            "      handlers.instanceInterruptHandler(e);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * spring-webflux SyncInvocableHandlerMethod:118 (kept in a local, thrown as the cause right after
   * the try) and jetty InputStreamResponseListener:354 (InterruptedIOException, the java.io form of
   * the interrupt).
   */
  @Test
  public void interruptCarriedOn_realCode() {
    helper
        .addSourceLines(
            "Sync.java",
            "import java.io.IOException;",
            "import java.io.InterruptedIOException;",
            "import java.util.concurrent.*;",
            "class Sync {",
            "  String invoke(CompletableFuture<String> future) {",
            "    Throwable failure;",
            "    try {",
            "      return future.get();",
            "    } catch (ExecutionException ex) {",
            "      failure = ex.getCause();",
            "    } catch (InterruptedException ex) {",
            "      failure = ex;",
            "    }",
            "    throw new IllegalStateException(\"Failed to invoke\", failure);",
            "  }",
            "  int read(BlockingQueue<Integer> chunks) throws IOException {",
            "    try {",
            "      return chunks.take();",
            "    } catch (InterruptedException x) {",
            "      throw new InterruptedIOException();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void interruptKeptButNotCarriedIsStillReported() {
    helper
        .addSourceLines(
            "Sync.java",
            "import java.io.IOException;",
            "import java.util.concurrent.*;",
            "class Sync {",
            "  String kept(CompletableFuture<String> future) {",
            "    Throwable failure = null;",
            "    try {",
            "      return future.get();",
            "    } catch (ExecutionException ex) {",
            "      failure = ex.getCause();",
            "    // BUG: Diagnostic contains: InterruptSwallowed",
            "    } catch (InterruptedException ex) {",
            "      failure = ex;",
            "    }",
            "    System.out.println(failure);",
            "    return null;",
            "  }",
            "  int read(BlockingQueue<Integer> chunks) throws IOException {",
            "    try {",
            "      return chunks.take();",
            "    // BUG: Diagnostic contains: InterruptSwallowed",
            "    } catch (InterruptedException x) {",
            "      throw new IOException(\"interrupted\");",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void emptyCatchAfterSleep() {
    helper
        .addSourceLines(
            "Poller.java",
            "class Poller {",
            "  void pause(long millis) {",
            "    try {",
            "      Thread.sleep(millis);",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    } catch (InterruptedException e) {",
            "    }",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                        "This catch swallows InterruptedException: it neither restores the"
                            + " interrupt flag nor rethrows it (or an exception that carries it),"
                            + " so the thread forgets it was asked to stop")
                    && msg.contains("Call Thread.currentThread().interrupt() before going on"))
        .doTest();
  }

  @Test
  public void loggedAndContinuedInALoop() {
    helper
        .addSourceLines(
            "OrderQueue.java",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.logging.Logger;",
            "class OrderQueue {",
            "  private static final Logger log = Logger.getLogger(\"orders\");",
            "  void drain(BlockingQueue<String> queue) {",
            "    while (!queue.isEmpty()) {",
            "      try {",
            "        handle(queue.take());",
            "      // BUG: Diagnostic contains: InterruptSwallowed",
            "      } catch (InterruptedException e) {",
            "        log.warning(\"interrupted while draining\");",
            "      }",
            "    }",
            "  }",
            "  void handle(String order) {}",
            "}")
        .doTest();
  }

  @Test
  public void ifWithoutElseRestoresOnOneBranchOnly() {
    helper
        .addSourceLines(
            "Waiter.java",
            "import java.util.concurrent.CountDownLatch;",
            "class Waiter {",
            "  boolean strict;",
            "  void await(CountDownLatch latch) {",
            "    try {",
            "      latch.await();",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    } catch (InterruptedException e) {",
            "      if (strict) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "This catch restores the interrupt flag or rethrows InterruptedException on"
                        + " some paths but not on the path that runs to the end of the catch"))
        .doTest();
  }

  @Test
  public void earlyReturnBeforeTheRestore() {
    helper
        .addSourceLines(
            "Fetcher.java",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.Future;",
            "class Fetcher {",
            "  String fetch(Future<String> reply, boolean quiet) throws ExecutionException {",
            "    try {",
            "      return reply.get();",
            "    // BUG: Diagnostic contains: on the path that returns",
            "    } catch (InterruptedException e) {",
            "      if (quiet) {",
            "        return null;",
            "      }",
            "      Thread.currentThread().interrupt();",
            "      return null;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void returnsADefaultValue() {
    helper
        .addSourceLines(
            "PriceClient.java",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.Future;",
            "class PriceClient {",
            "  long price(Future<Long> quote) throws ExecutionException {",
            "    try {",
            "      return quote.get();",
            "    // BUG: Diagnostic contains: InterruptSwallowed",
            "    } catch (InterruptedException e) {",
            "      return -1L;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void multiCatchThatLogs() {
    helper
        .addSourceLines(
            "Reports.java",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.Future;",
            "class Reports {",
            "  String render(Future<String> report) {",
            "    try {",
            "      return report.get();",
            "    // BUG: Diagnostic contains: when it is an InterruptedException",
            "    } catch (InterruptedException | ExecutionException e) {",
            "      return \"unavailable\";",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void throwsAnExceptionThatDoesNotCarryIt() {
    helper
        .addSourceLines(
            "Stock.java",
            "class Stock {",
            "  void settle() {",
            "    try {",
            "      Thread.sleep(10);",
            "    // BUG: Diagnostic contains: throws an exception that does not carry the"
                + " InterruptedException",
            "    } catch (InterruptedException e) {",
            "      throw new IllegalStateException(\"interrupted\");",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void runMethodThatLoopsOn() {
    helper
        .addSourceLines(
            "Worker.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Worker implements Runnable {",
            "  private final BlockingQueue<Runnable> tasks;",
            "  Worker(BlockingQueue<Runnable> tasks) { this.tasks = tasks; }",
            "  @Override public void run() {",
            "    while (true) {",
            "      try {",
            "        tasks.take().run();",
            "      // BUG: Diagnostic contains: InterruptSwallowed",
            "      } catch (InterruptedException e) {",
            "        continue;",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void runnableLambdaThatWorksOnAfterTheCatch() {
    helper
        .addSourceLines(
            "Janitor.java",
            "import java.util.concurrent.ExecutorService;",
            "class Janitor {",
            "  void start(ExecutorService executor) {",
            "    executor.execute(() -> {",
            "      try {",
            "        Thread.sleep(1000);",
            "      // BUG: Diagnostic contains: InterruptSwallowed",
            "      } catch (InterruptedException e) {",
            "      }",
            "      sweep();",
            "    });",
            "  }",
            "  void sweep() {}",
            "}")
        .doTest();
  }

  @Test
  public void restoredRethrownOrCarried() {
    helper
        .addSourceLines(
            "Handled.java",
            "import java.util.concurrent.CompletionException;",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.Future;",
            "class Handled {",
            "  void restore() {",
            "    try { Thread.sleep(1); } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  void restoreThenReturn(Future<String> f) throws ExecutionException {",
            "    try { f.get(); } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "      return;",
            "    }",
            "  }",
            "  void rethrow() throws InterruptedException {",
            "    try { Thread.sleep(1); } catch (InterruptedException e) {",
            "      System.err.println(\"stopping\");",
            "      throw e;",
            "    }",
            "  }",
            "  void wrap() {",
            "    try { Thread.sleep(1); } catch (InterruptedException e) {",
            "      throw new CompletionException(\"stopped\", e);",
            "    }",
            "  }",
            "  void wrapThroughALocal() {",
            "    try { Thread.sleep(1); } catch (InterruptedException e) {",
            "      IllegalStateException failure = new IllegalStateException(e);",
            "      throw failure;",
            "    }",
            "  }",
            "  void bothBranches(boolean strict) {",
            "    try { Thread.sleep(1); } catch (InterruptedException e) {",
            "      if (strict) {",
            "        throw new IllegalStateException(e);",
            "      } else {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "  void restoredInAFinally() {",
            "    try { Thread.sleep(1); } catch (InterruptedException e) {",
            "      try {",
            "        System.err.println(\"interrupted\");",
            "        return;",
            "      } finally {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "  String multiCatchGuarded(Future<String> f) {",
            "    try {",
            "      return f.get();",
            "    } catch (InterruptedException | ExecutionException e) {",
            "      if (e instanceof InterruptedException) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "      return null;",
            "    }",
            "  }",
            "  String multiCatchPattern(Future<String> f) {",
            "    try {",
            "      return f.get();",
            "    } catch (InterruptedException | ExecutionException e) {",
            "      if (!(e instanceof InterruptedException ie)) {",
            "        return \"failed\";",
            "      }",
            "      Thread.currentThread().interrupt();",
            "      return ie.getMessage();",
            "    }",
            "  }",
            "  String multiCatchRethrown(Future<String> f) throws Exception {",
            "    try {",
            "      return f.get();",
            "    } catch (InterruptedException | ExecutionException e) {",
            "      throw e;",
            "    }",
            "  }",
            "  void broadCatchIsErrorPronesBusiness() {",
            "    try { Thread.sleep(1); } catch (Exception e) {",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void uninterruptibleWaitThatRestoresAtTheEnd() {
    helper
        .addSourceLines(
            "Uninterruptible.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Uninterruptible {",
            "  <T> T takeUninterruptibly(BlockingQueue<T> queue) {",
            "    boolean interrupted = false;",
            "    try {",
            "      while (true) {",
            "        try {",
            "          return queue.take();",
            "        } catch (InterruptedException e) {",
            "          interrupted = true;",
            "        }",
            "      }",
            "    } finally {",
            "      if (interrupted) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void threadTopLevelThatEndsItsWork() {
    helper
        .addSourceLines(
            "Consumers.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Consumers {",
            "  static class Consumer implements Runnable {",
            "    final BlockingQueue<String> queue;",
            "    Consumer(BlockingQueue<String> queue) { this.queue = queue; }",
            "    @Override public void run() {",
            "      while (true) {",
            "        try {",
            "          System.out.println(queue.take());",
            "        } catch (InterruptedException e) {",
            "          return;",
            "        }",
            "      }",
            "    }",
            "  }",
            "  static class Breaker extends Thread {",
            "    final BlockingQueue<String> queue;",
            "    Breaker(BlockingQueue<String> queue) { this.queue = queue; }",
            "    @Override public void run() {",
            "      while (true) {",
            "        try {",
            "          System.out.println(queue.take());",
            "        } catch (InterruptedException e) {",
            "          break;",
            "        }",
            "      }",
            "    }",
            "  }",
            "  Thread start(BlockingQueue<String> queue) {",
            "    return new Thread(() -> {",
            "      try {",
            "        System.out.println(queue.take());",
            "      } catch (InterruptedException e) {",
            "        System.err.println(\"stopped\");",
            "      }",
            "    });",
            "  }",
            "  public static void main(String[] args) {",
            "    try {",
            "      Thread.sleep(100);",
            "    } catch (InterruptedException e) {",
            "      System.err.println(\"bye\");",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void switchesAndLabelsInTheCatch() {
    helper
        .addSourceLines(
            "Modes.java",
            "class Modes {",
            "  enum Mode { STRICT, LENIENT }",
            "  void arrows(Mode mode) {",
            "    try { Thread.sleep(1); } catch (InterruptedException e) {",
            "      switch (mode) {",
            "        case STRICT -> throw new IllegalStateException(e);",
            "        case LENIENT -> Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "  void oldStyle(Mode mode) {",
            "    try { Thread.sleep(1); } catch (InterruptedException e) {",
            "      switch (mode) {",
            "        case STRICT:",
            "          System.err.println(\"strict\");",
            "          break;",
            "        default:",
            "          break;",
            "      }",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  void oldStyleMissingOne(Mode mode) {",
            "    // BUG: Diagnostic contains: InterruptSwallowed",
            "    try { Thread.sleep(1); } catch (InterruptedException e) {",
            "      switch (mode) {",
            "        case STRICT:",
            "          Thread.currentThread().interrupt();",
            "          break;",
            "        default:",
            "          break;",
            "      }",
            "    }",
            "  }",
            "  void labeled(boolean quick) {",
            "    try { Thread.sleep(1); } catch (InterruptedException e) {",
            "      out: {",
            "        if (quick) {",
            "          break out;",
            "        }",
            "        System.err.println(\"slow\");",
            "      }",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Unusual.java",
            "import java.util.List;",
            "import java.util.concurrent.Callable;",
            "import java.util.function.Function;",
            "class Unusual {",
            "  record Slot(int id) {",
            "    Slot {",
            "      try { Thread.sleep(id); } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "  enum Phase {",
            "    A { void pause() {",
            "      // BUG: Diagnostic contains: InterruptSwallowed",
            "      try { Thread.sleep(1); } catch (InterruptedException e) { }",
            "    } };",
            "    abstract void pause();",
            "  }",
            "  Callable<Integer> anonymous = new Callable<Integer>() {",
            "    @Override public Integer call() {",
            "      // BUG: Diagnostic contains: InterruptSwallowed",
            "      try { Thread.sleep(1); } catch (InterruptedException e) { }",
            "      return 1;",
            "    }",
            "  };",
            "  Function<List<String>, Function<String, Integer>> nested = xs -> x -> {",
            "    try { Thread.sleep(1); } catch (InterruptedException e) {",
            "      throw new RuntimeException(e);",
            "    }",
            "    return switch (x) {",
            "      case \"a\" -> {",
            "        try { Thread.sleep(1); } catch (InterruptedException e) {",
            "          Thread.currentThread().interrupt();",
            "        }",
            "        yield 1;",
            "      }",
            "      default -> 2;",
            "    };",
            "  };",
            "}")
        .doTest();
  }

  /**
   * Issue 14: the restore goes first in the catch, indented as the catch's lines are, in every
   * shape of catch; compared as text.
   */
  @Test
  public void fixIsIndentedInEveryShapeOfCatch() {
    ExactPatch.of(InterruptSwallowed.class)
        .input(
            "Shapes.java",
            "class Shapes {",
            "  int polls;",
            "  void emptyOnOneLine() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) {}",
            "  }",
            "  void emptyOverLines() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) {",
            "    }",
            "  }",
            "  void withStatements() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) {",
            "      polls++;",
            "      System.out.println(polls);",
            "    }",
            "  }",
            "  void multiCatch() throws Exception {",
            "    try {",
            "      Thread.sleep(1);",
            "      new java.io.FileInputStream(\"x\").close();",
            "    } catch (InterruptedException | java.io.IOException e) {",
            "      polls++;",
            "    }",
            "  }",
            "  void commentOnly() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) {",
            "      // nothing to do: the caller polls again",
            "    }",
            "  }",
            "  void commentAfterTheBrace() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) { // the caller polls again",
            "      polls++;",
            "    }",
            "  }",
            "  void statementOnOneLine() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) { polls++; }",
            "  }",
            "}")
        .output(
            "Shapes.java",
            "class Shapes {",
            "  int polls;",
            "  void emptyOnOneLine() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  void emptyOverLines() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  void withStatements() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "      polls++;",
            "      System.out.println(polls);",
            "    }",
            "  }",
            "  void multiCatch() throws Exception {",
            "    try {",
            "      Thread.sleep(1);",
            "      new java.io.FileInputStream(\"x\").close();",
            "    } catch (InterruptedException | java.io.IOException e) {",
            "      if (e instanceof InterruptedException) { Thread.currentThread().interrupt(); }",
            "      polls++;",
            "    }",
            "  }",
            "  void commentOnly() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "      // nothing to do: the caller polls again",
            "    }",
            "  }",
            "  void commentAfterTheBrace() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) { // the caller polls again",
            "      Thread.currentThread().interrupt();",
            "      polls++;",
            "    }",
            "  }",
            "  void statementOnOneLine() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) { Thread.currentThread().interrupt(); polls++; }",
            "  }",
            "}")
        .doTest();
  }

  /** The same in a file indented with four spaces, and one with tabs. */
  @Test
  public void fixIsIndentedAsTheFileIs() {
    ExactPatch.of(InterruptSwallowed.class)
        .input(
            "Four.java",
            "class Four {",
            "    void emptyOnOneLine() {",
            "        try {",
            "            Thread.sleep(1);",
            "        } catch (InterruptedException e) {}",
            "    }",
            "    void emptyOverLines() {",
            "        try {",
            "            Thread.sleep(1);",
            "        } catch (InterruptedException e) {",
            "        }",
            "    }",
            "}")
        .output(
            "Four.java",
            "class Four {",
            "    void emptyOnOneLine() {",
            "        try {",
            "            Thread.sleep(1);",
            "        } catch (InterruptedException e) {",
            "            Thread.currentThread().interrupt();",
            "        }",
            "    }",
            "    void emptyOverLines() {",
            "        try {",
            "            Thread.sleep(1);",
            "        } catch (InterruptedException e) {",
            "            Thread.currentThread().interrupt();",
            "        }",
            "    }",
            "}")
        .input(
            "Tabs.java",
            "class Tabs {",
            "\tvoid emptyOnOneLine() {",
            "\t\ttry {",
            "\t\t\tThread.sleep(1);",
            "\t\t} catch (InterruptedException e) {}",
            "\t}",
            "}")
        .output(
            "Tabs.java",
            "class Tabs {",
            "\tvoid emptyOnOneLine() {",
            "\t\ttry {",
            "\t\t\tThread.sleep(1);",
            "\t\t} catch (InterruptedException e) {",
            "\t\t\tThread.currentThread().interrupt();",
            "\t\t}",
            "\t}",
            "}")
        .doTest();
  }

  /**
   * Issue 14: in a worker loop or a retry that waits again, a restore first in the catch makes
   * every later wait throw at once and the loop spin: reported, with what to do, and no fix.
   */
  @Test
  public void noFixInALoopThatWaitsAgain() {
    helper
        .addSourceLines(
            "Worker.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Worker {",
            "  volatile boolean running = true;",
            "  void work(BlockingQueue<Runnable> queue) {",
            "    while (running) {",
            "      try {",
            "        queue.take().run();",
            "      // BUG: Diagnostic matches: LOOP",
            "      } catch (InterruptedException e) {",
            "        // the loop test handles close",
            "      }",
            "    }",
            "  }",
            "  String retry(java.util.concurrent.Callable<String> call) throws Exception {",
            "    for (int attempt = 0; ; attempt++) {",
            "      try {",
            "        return call.call();",
            "      } catch (java.io.IOException e) {",
            "        try {",
            "          Thread.sleep(100L << attempt);",
            "        // BUG: Diagnostic contains: This loop waits again",
            "        } catch (InterruptedException ignored) {",
            "        }",
            "      }",
            "    }",
            "  }",
            "}")
        .expectErrorMessage(
            "LOOP",
            msg ->
                msg.contains(
                    "This loop waits again after the catch, and with the flag restored at once"
                        + " that wait would throw at once, every turn: leave the loop (restore the"
                        + " flag and return, or rethrow), or remember the interrupt and call"
                        + " Thread.currentThread().interrupt() once the loop is done."))
        .doTest();
    refactoring
        .addInputLines(
            "Worker.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Worker {",
            "  volatile boolean running = true;",
            "  void work(BlockingQueue<Runnable> queue) {",
            "    while (running) {",
            "      try {",
            "        queue.take().run();",
            "      } catch (InterruptedException e) {",
            "      }",
            "    }",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  /** A catch in a loop whose every unrestored path leaves the loop still gets the fix. */
  @Test
  public void fixInALoopThatItLeaves() {
    ExactPatch.of(InterruptSwallowed.class)
        .input(
            "Worker.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Worker {",
            "  void work(BlockingQueue<Runnable> queue) {",
            "    while (true) {",
            "      try {",
            "        queue.take().run();",
            "      } catch (InterruptedException e) {",
            "        return;",
            "      }",
            "    }",
            "  }",
            "}")
        .output(
            "Worker.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Worker {",
            "  void work(BlockingQueue<Runnable> queue) {",
            "    while (true) {",
            "      try {",
            "        queue.take().run();",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "        return;",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** A lock() whose contract is to keep waiting: only lockInterruptibly() may give up. */
  @Test
  public void noFixWhereTheMethodKeepsWaitingByContract() {
    helper
        .addSourceLines(
            "Mutex.java",
            "import java.util.concurrent.Semaphore;",
            "class Mutex {",
            "  private final Semaphore permit = new Semaphore(1);",
            "  public void lock() {",
            "    try {",
            "      permit.acquire();",
            "    // BUG: Diagnostic contains: keeps waiting through interrupts by contract",
            "    } catch (InterruptedException e) {",
            "      permit.acquireUninterruptibly();",
            "    }",
            "  }",
            "  public void lockInterruptibly() throws InterruptedException {",
            "    permit.acquire();",
            "  }",
            "}")
        .doTest();
    refactoring
        .addInputLines(
            "Mutex.java",
            "import java.util.concurrent.Semaphore;",
            "class Mutex {",
            "  private final Semaphore permit = new Semaphore(1);",
            "  public void lock() {",
            "    try {",
            "      permit.acquire();",
            "    } catch (InterruptedException e) {",
            "      permit.acquireUninterruptibly();",
            "    }",
            "  }",
            "  public void lockInterruptibly() throws InterruptedException {",
            "    permit.acquire();",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void fixRestoresTheFlagFirst() {
    refactoring
        .addInputLines(
            "Poller.java",
            "class Poller {",
            "  int polls;",
            "  void pause(long millis) {",
            "    try {",
            "      Thread.sleep(millis);",
            "    } catch (InterruptedException e) {",
            "      polls++;",
            "    }",
            "  }",
            "  void quiet() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException ignored) {}",
            "  }",
            "}")
        .addOutputLines(
            "Poller.java",
            "class Poller {",
            "  int polls;",
            "  void pause(long millis) {",
            "    try {",
            "      Thread.sleep(millis);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "      polls++;",
            "    }",
            "  }",
            "  void quiet() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException ignored) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void fixInAMultiCatchChecksTheType() {
    refactoring
        .addInputLines(
            "Reports.java",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.Future;",
            "class Reports {",
            "  String render(Future<String> report) {",
            "    try {",
            "      return report.get();",
            "    } catch (InterruptedException | ExecutionException e) {",
            "      return \"unavailable\";",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Reports.java",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.Future;",
            "class Reports {",
            "  String render(Future<String> report) {",
            "    try {",
            "      return report.get();",
            "    } catch (InterruptedException | ExecutionException e) {",
            "      if (e instanceof InterruptedException) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "      return \"unavailable\";",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void fixQualifiesAShadowedThread() {
    refactoring
        .addInputLines(
            "Loom.java",
            "class Loom {",
            "  static class Thread {}",
            "  void pause() {",
            "    try {",
            "      java.lang.Thread.sleep(1);",
            "    } catch (InterruptedException e) {",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Loom.java",
            "class Loom {",
            "  static class Thread {}",
            "  void pause() {",
            "    try {",
            "      java.lang.Thread.sleep(1);",
            "    } catch (InterruptedException e) {",
            "      java.lang.Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
