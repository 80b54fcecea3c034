package dev.asyncprone.model.context;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * How {@link Contexts} classifies code that runs on a shared pool: the common pool (supplyAsync,
 * runAsync and the *Async stage methods without an executor, ForkJoinPool.commonPool(), parallel
 * streams) and executors annotated {@code @NonBlockingExecutor}. Each {@code probe()} call reports
 * the kind of its context.
 */
@RunWith(JUnit4.class)
public class CommonPoolContextsTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ContextProbe.class, getClass());

  private static final String PROBE =
      "  static <T> T probe(T t) { return t; }\n  static void probe() {}";

  @Test
  public void supplyAsyncAndRunAsyncWithoutExecutor() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.concurrent.CompletableFuture;",
            "class T {",
            PROBE,
            "  void f() {",
            "    CompletableFuture.supplyAsync(",
            "        // BUG: Diagnostic contains: COMMON_POOL | a ForkJoinPool.commonPool() thread"
                + " | this lambda is passed to supplyAsync() without an executor",
            "        () -> probe(1));",
            "    CompletableFuture.runAsync(",
            "        // BUG: Diagnostic contains: COMMON_POOL",
            "        () -> probe());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void asyncStageMethodsWithoutExecutor() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "class T {",
            PROBE,
            "  void f(CompletableFuture<String> cf, CompletionStage<String> stage) {",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    cf.thenApplyAsync(s -> probe(s));",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    stage.thenAcceptAsync(s -> probe());",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    cf.whenCompleteAsync((v, e) -> probe());",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    cf.completeAsync(() -> probe(\"x\"));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void explicitCommonPoolAndDelayedExecutor() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.concurrent.TimeUnit;",
            "class T {",
            PROBE,
            "  void f(CompletableFuture<String> cf) {",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    CompletableFuture.supplyAsync(() -> probe(1), ForkJoinPool.commonPool());",
            "    // BUG: Diagnostic contains: COMMON_POOL | a ForkJoinPool.commonPool() thread |"
                + " this lambda is passed to submit() on 'ForkJoinPool.commonPool()' and runs on"
                + " the common pool",
            "    ForkJoinPool.commonPool().submit(() -> probe(1));",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    ForkJoinPool.commonPool().execute(() -> probe());",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    cf.thenRunAsync(() -> probe(), (ForkJoinPool.commonPool()));",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    CompletableFuture.runAsync(() -> probe(), CompletableFuture.delayedExecutor(1,"
                + " TimeUnit.SECONDS));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void explicitExecutorsAreOffloaded() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.concurrent.TimeUnit;",
            "class T {",
            PROBE,
            "  void f(CompletableFuture<String> cf, ExecutorService io, ForkJoinPool pool) {",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    CompletableFuture.supplyAsync(() -> probe(1), io);",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    cf.thenApplyAsync(s -> probe(s), io);",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    io.submit(() -> probe(1));",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    pool.submit(() -> probe(1));",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    CompletableFuture.runAsync(() -> probe(), CompletableFuture.delayedExecutor(1,"
                + " TimeUnit.SECONDS, io));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void subclassWithItsOwnDefaultExecutorIsOffloaded() {
    helper
        .addSourceLines(
            "IoFuture.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.Executors;",
            "class IoFuture<T> extends CompletableFuture<T> {",
            "  static final Executor IO = Executors.newCachedThreadPool();",
            "  @Override public Executor defaultExecutor() { return IO; }",
            "  @Override public <U> CompletableFuture<U> newIncompleteFuture() {",
            "    return new IoFuture<>();",
            "  }",
            "}")
        .addSourceLines(
            "T.java",
            "class T {",
            PROBE,
            "  void f(IoFuture<String> cf) {",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    cf.thenApplyAsync(s -> probe(s));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void nonBlockingAndBlockingExecutors() {
    helper
        .addSourceLines(
            "T.java",
            "import dev.asyncprone.annotations.BlockingExecutor;",
            "import dev.asyncprone.annotations.NonBlockingExecutor;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.ExecutorService;",
            "class T {",
            PROBE,
            "  @NonBlockingExecutor private final ExecutorService cpu = null;",
            "  @BlockingExecutor private final ExecutorService io = null;",
            "  @NonBlockingExecutor static Executor eventLoop() { return Runnable::run; }",
            "  void f(CompletableFuture<String> cf, @NonBlockingExecutor Executor param) {",
            "    @NonBlockingExecutor Executor local = cpu;",
            "    // BUG: Diagnostic contains: NON_BLOCKING_EXECUTOR | a thread of 'cpu'",
            "    CompletableFuture.supplyAsync(() -> probe(1), cpu);",
            "    // BUG: Diagnostic contains: NON_BLOCKING_EXECUTOR",
            "    cf.thenApplyAsync(s -> probe(s), this.cpu);",
            "    // BUG: Diagnostic contains: NON_BLOCKING_EXECUTOR",
            "    cpu.submit(() -> probe(1));",
            "    // BUG: Diagnostic contains: NON_BLOCKING_EXECUTOR",
            "    param.execute(() -> probe());",
            "    // BUG: Diagnostic contains: NON_BLOCKING_EXECUTOR",
            "    local.execute(() -> probe());",
            "    // BUG: Diagnostic contains: NON_BLOCKING_EXECUTOR",
            "    eventLoop().execute(() -> probe());",
            "    // BUG: Diagnostic contains: NON_BLOCKING_EXECUTOR",
            "    cf.thenRunAsync(() -> probe(), (cpu));",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    io.submit(() -> probe(1));",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    CompletableFuture.supplyAsync(() -> probe(1), io);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void guavaExecutorArguments() {
    helper
        .addSourceLines(
            "T.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.ListeningExecutorService;",
            "import dev.asyncprone.annotations.NonBlockingExecutor;",
            "import java.util.concurrent.ForkJoinPool;",
            "class T {",
            PROBE,
            "  @NonBlockingExecutor ListeningExecutorService cpu;",
            "  void f(ListenableFuture<String> lf) {",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    Futures.transform(lf, s -> probe(s), ForkJoinPool.commonPool());",
            "    // BUG: Diagnostic contains: NON_BLOCKING_EXECUTOR",
            "    Futures.submit(() -> probe(1), cpu);",
            "    // BUG: Diagnostic contains: NON_BLOCKING_EXECUTOR",
            "    cpu.submit(() -> probe(1));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void parallelStreams() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.List;",
            "import java.util.stream.Collectors;",
            "import java.util.stream.IntStream;",
            "class T {",
            PROBE,
            "  void f(List<String> ids) {",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    ids.parallelStream().map(id -> probe(id)).collect(Collectors.toList());",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    ids.stream().parallel().forEach(id -> probe());",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    IntStream.range(0, 10).parallel().forEach(i -> probe());",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    ids.parallelStream().filter(id -> !id.isEmpty()).forEach(T::probe);",
            "    // The last of parallel() and sequential() decides, wherever it is in the chain.",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    ids.stream().map(id -> probe(id)).parallel().collect(Collectors.toList());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void sequentialStreamsRunOnTheCaller() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.List;",
            "import java.util.stream.Collectors;",
            "class T {",
            PROBE,
            "  void f(List<String> ids) {",
            "    // BUG: Diagnostic contains: SYNCHRONOUS",
            "    ids.stream().map(id -> probe(id)).collect(Collectors.toList());",
            "    // BUG: Diagnostic contains: SYNCHRONOUS",
            "    ids.parallelStream().sequential().forEach(id -> probe());",
            "    // BUG: Diagnostic contains: SYNCHRONOUS",
            "    ids.parallelStream().map(id ->"
                + " probe(id)).sequential().collect(Collectors.toList());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void parallelOnSomethingThatIsNotAStream() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.List;",
            "import java.util.stream.Collectors;",
            "class T {",
            PROBE,
            "  static class Batch { Batch parallel() { return this; } List<String> ids() { return"
                + " List.of(); } }",
            "  void f(Batch batch) {",
            "    // BUG: Diagnostic contains: SYNCHRONOUS",
            "    batch.parallel().ids().stream().map(id ->"
                + " probe(id)).collect(Collectors.toList());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void parallelStreamInsideACustomForkJoinPoolRunsThere() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.List;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.stream.Collectors;",
            "class T {",
            PROBE,
            "  private final ForkJoinPool pool = new ForkJoinPool(32);",
            "  void f(List<String> ids) throws Exception {",
            "    pool.submit(() ->",
            "        // BUG: Diagnostic contains: OFFLOADED",
            "        ids.parallelStream().map(id ->"
                + " probe(id)).collect(Collectors.toList())).get();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void managedBlockerIsNotTheCommonPoolTask() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ForkJoinPool;",
            "class T {",
            PROBE,
            "  void f() {",
            "    CompletableFuture.runAsync(() -> {",
            "      try {",
            "        ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {",
            "          @Override public boolean block() {",
            "            // BUG: Diagnostic contains: SYNCHRONOUS",
            "            probe();",
            "            return true;",
            "          }",
            "          @Override public boolean isReleasable() { return false; }",
            "        });",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    });",
            "  }",
            "}")
        .doTest();
  }
}
