package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class BlockingOnCommonPoolTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingOnCommonPool.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(BlockingOnCommonPool.class, getClass());

  private static final String[] REPO = {
    "import dev.asyncprone.annotations.Blocking;",
    "interface OrderRepository {",
    "  @Blocking String load(String id);",
    "  @Blocking void save(String order);",
    "}"
  };

  @Test
  public void supplyAsyncWithoutExecutorMessage() {
    helper
        .addSourceLines("OrderRepository.java", REPO)
        .addSourceLines(
            "OrderService.java",
            "import java.util.concurrent.CompletableFuture;",
            "class OrderService {",
            "  private final OrderRepository repo;",
            "  OrderService(OrderRepository repo) { this.repo = repo; }",
            "  CompletableFuture<String> order(String id) {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    return CompletableFuture.supplyAsync(() -> repo.load(id));",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "OrderRepository.load() is annotated @Blocking and blocks a"
                        + " ForkJoinPool.commonPool() thread (this lambda is passed to"
                        + " supplyAsync() without an executor and runs on the common pool); the"
                        + " common pool has one thread per core, less one, shared by the whole"
                        + " JVM: a task that blocks there starves every parallel stream and every"
                        + " async stage that has no executor of its own; pass an executor meant"
                        + " for blocking work: supplyAsync(..., executor)"))
        .doTest();
  }

  @Test
  public void everyWayOntoTheCommonPool() {
    helper
        .addSourceLines("OrderRepository.java", REPO)
        .addSourceLines(
            "Shipping.java",
            "import java.net.URI;",
            "import java.net.http.HttpClient;",
            "import java.net.http.HttpRequest;",
            "import java.net.http.HttpResponse;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.stream.Collectors;",
            "class Shipping {",
            "  private final OrderRepository repo;",
            "  private final HttpClient http = HttpClient.newHttpClient();",
            "  Shipping(OrderRepository repo) { this.repo = repo; }",
            "  CompletableFuture<Void> ship(CompletableFuture<String> order) {",
            "    return order.thenAcceptAsync(o -> {",
            "      try {",
            "        // BUG: Diagnostic contains: HttpClient.send() does network I/O and blocks",
            "        http.send(HttpRequest.newBuilder(URI.create(o)).build(),",
            "            HttpResponse.BodyHandlers.ofString());",
            "      } catch (Exception e) {",
            "        throw new IllegalStateException(e);",
            "      }",
            "    });",
            "  }",
            "  CompletableFuture<Void> pause() {",
            "    return CompletableFuture.runAsync(() -> {",
            "      try {",
            "        // BUG: Diagnostic contains: Thread.sleep() sleeps and blocks",
            "        Thread.sleep(100);",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    });",
            "  }",
            "  List<String> loadAll(List<String> ids) {",
            "    // BUG: Diagnostic contains: use a sequential stream",
            "    return ids.parallelStream().map(repo::load).collect(Collectors.toList());",
            "  }",
            "  void saveAll(List<String> orders) {",
            "    // BUG: Diagnostic contains: is a forEach step of a parallel stream",
            "    orders.stream().parallel().forEach(o -> repo.save(o));",
            "  }",
            "  void archive(Path path) {",
            "    ForkJoinPool.commonPool().submit(() -> {",
            "      // BUG: Diagnostic contains: submit it to an executor meant for blocking work",
            "      return Files.readAllBytes(path);",
            "    });",
            "  }",
            "  CompletableFuture<Integer> total(CompletableFuture<String> order,"
                + " CompletableFuture<Integer> tax) {",
            "    // BUG: Diagnostic contains: join() blocks a ForkJoinPool.commonPool() thread",
            "    return order.thenApplyAsync(o -> o.length() + tax.join());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void nonBlockingExecutor() {
    helper
        .addSourceLines("OrderRepository.java", REPO)
        .addSourceLines(
            "Pricing.java",
            "import dev.asyncprone.annotations.NonBlockingExecutor;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "class Pricing {",
            "  @NonBlockingExecutor private final ExecutorService cpu;",
            "  private final OrderRepository repo;",
            "  Pricing(ExecutorService cpu, OrderRepository repo) { this.cpu = cpu; this.repo ="
                + " repo; }",
            "  CompletableFuture<String> price(String id) {",
            "    // BUG: Diagnostic contains: 'cpu' has few threads shared by many short tasks",
            "    return CompletableFuture.supplyAsync(() -> repo.load(id), cpu);",
            "  }",
            "  void audit(String id) {",
            "    // BUG: Diagnostic contains: blocks a thread of 'cpu' (this lambda is passed to"
                + " submit() on 'cpu', annotated @NonBlockingExecutor)",
            "    cpu.submit(() -> repo.save(id));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void blockingWhereItBelongsIsLeftAlone() {
    helper
        .addSourceLines("OrderRepository.java", REPO)
        .addSourceLines(
            "Fine.java",
            "import dev.asyncprone.annotations.BlockingExecutor;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.stream.Collectors;",
            "class Fine {",
            "  @BlockingExecutor private final Executor io;",
            "  private final Executor plain;",
            "  private final OrderRepository repo;",
            "  private final ForkJoinPool crawlers = new ForkJoinPool(64);",
            "  Fine(Executor io, Executor plain, OrderRepository repo) {",
            "    this.io = io; this.plain = plain; this.repo = repo;",
            "  }",
            "  int compute(String s) { return s.length(); }",
            "  void f(List<String> ids, CompletableFuture<String> a, CompletableFuture<String> b)"
                + " throws Exception {",
            "    CompletableFuture.supplyAsync(() -> repo.load(\"1\"), io);",
            "    CompletableFuture.supplyAsync(() -> repo.load(\"1\"), plain);",
            "    a.thenApplyAsync(s -> repo.load(s), io);",
            "    CompletableFuture.supplyAsync(() -> compute(\"x\"));",
            "    CompletableFuture.supplyAsync(() -> a.getNow(\"none\"));",
            "    CompletableFuture.allOf(a, b).thenApplyAsync(v -> a.join() + b.join());",
            "    ids.stream().map(repo::load).collect(Collectors.toList());",
            "    crawlers.submit(() -> ids.parallelStream().map(repo::load)"
                + ".collect(Collectors.toList())).get();",
            "    CompletableFuture.runAsync(() -> new Thread(() -> repo.save(\"x\")).start());",
            "    a.thenApply(s -> compute(s));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void redundantWrapsAreLeftToRedundantAsyncWrap() {
    helper
        .addSourceLines(
            "Wraps.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Wraps {",
            "  CompletableFuture<String> remote() { return null; }",
            "  void f(CompletableFuture<String> cached) {",
            "    CompletableFuture.supplyAsync(() -> remote().join());",
            "    CompletableFuture.supplyAsync(cached::join);",
            "    // BUG: Diagnostic contains: join() blocks",
            "    CompletableFuture.supplyAsync(() -> remote().join().trim());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void managedBlockerIsLeftAlone() {
    helper
        .addSourceLines(
            "Managed.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.concurrent.LinkedBlockingQueue;",
            "class Managed {",
            "  void f(LinkedBlockingQueue<String> queue) {",
            "    CompletableFuture.runAsync(() -> {",
            "      try {",
            "        ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {",
            "          String item;",
            "          @Override public boolean block() throws InterruptedException {",
            "            item = queue.take();",
            "            return true;",
            "          }",
            "          @Override public boolean isReleasable() { return item != null; }",
            "        });",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void passesTheOneBlockingExecutorInScope() {
    refactoring
        .addInputLines("OrderRepository.java", REPO)
        .expectUnchanged()
        .addInputLines(
            "Checkout.java",
            "import dev.asyncprone.annotations.BlockingExecutor;",
            "import dev.asyncprone.annotations.NonBlockingExecutor;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.ForkJoinPool;",
            "class Checkout {",
            "  @BlockingExecutor private final ExecutorService ioExecutor;",
            "  @NonBlockingExecutor private final ExecutorService cpu;",
            "  private final OrderRepository repo;",
            "  Checkout(ExecutorService ioExecutor, ExecutorService cpu, OrderRepository repo) {",
            "    this.ioExecutor = ioExecutor; this.cpu = cpu; this.repo = repo;",
            "  }",
            "  CompletableFuture<String> load(String id) {",
            "    return CompletableFuture.supplyAsync(() -> repo.load(id));",
            "  }",
            "  CompletableFuture<Void> save(CompletableFuture<String> order) {",
            "    return order.thenAcceptAsync(o -> {",
            "      repo.save(o);",
            "      repo.save(o + \"-audit\");",
            "    });",
            "  }",
            "  CompletableFuture<String> onCpu(String id) {",
            "    return CompletableFuture.supplyAsync(() -> repo.load(id), cpu);",
            "  }",
            "  CompletableFuture<String> onCommonPool(String id) {",
            "    return CompletableFuture.supplyAsync(() -> repo.load(id),"
                + " ForkJoinPool.commonPool());",
            "  }",
            "}")
        .addOutputLines(
            "Checkout.java",
            "import dev.asyncprone.annotations.BlockingExecutor;",
            "import dev.asyncprone.annotations.NonBlockingExecutor;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.ForkJoinPool;",
            "class Checkout {",
            "  @BlockingExecutor private final ExecutorService ioExecutor;",
            "  @NonBlockingExecutor private final ExecutorService cpu;",
            "  private final OrderRepository repo;",
            "  Checkout(ExecutorService ioExecutor, ExecutorService cpu, OrderRepository repo) {",
            "    this.ioExecutor = ioExecutor; this.cpu = cpu; this.repo = repo;",
            "  }",
            "  CompletableFuture<String> load(String id) {",
            "    return CompletableFuture.supplyAsync(() -> repo.load(id), ioExecutor);",
            "  }",
            "  CompletableFuture<Void> save(CompletableFuture<String> order) {",
            "    return order.thenAcceptAsync(o -> {",
            "      repo.save(o);",
            "      repo.save(o + \"-audit\");",
            "    }, ioExecutor);",
            "  }",
            "  CompletableFuture<String> onCpu(String id) {",
            "    return CompletableFuture.supplyAsync(() -> repo.load(id), ioExecutor);",
            "  }",
            "  CompletableFuture<String> onCommonPool(String id) {",
            "    return CompletableFuture.supplyAsync(() -> repo.load(id), ioExecutor);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void passesABlockingExecutorParameterToGuava() {
    refactoring
        .addInputLines("OrderRepository.java", REPO)
        .expectUnchanged()
        .addInputLines(
            "Enricher.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import dev.asyncprone.annotations.BlockingExecutor;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.ForkJoinPool;",
            "class Enricher {",
            "  ListenableFuture<String> enrich(ListenableFuture<String> id, OrderRepository repo,",
            "      @BlockingExecutor Executor db) {",
            "    return Futures.transform(id, repo::load, ForkJoinPool.commonPool());",
            "  }",
            "}")
        .addOutputLines(
            "Enricher.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import dev.asyncprone.annotations.BlockingExecutor;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.ForkJoinPool;",
            "class Enricher {",
            "  ListenableFuture<String> enrich(ListenableFuture<String> id, OrderRepository repo,",
            "      @BlockingExecutor Executor db) {",
            "    return Futures.transform(id, repo::load, db);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void noFixWithoutExactlyOneUsableBlockingExecutor() {
    helper
        .addSourceLines("OrderRepository.java", REPO)
        .addSourceLines(
            "Ambiguous.java",
            "import dev.asyncprone.annotations.BlockingExecutor;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "class Ambiguous {",
            "  @BlockingExecutor private final Executor db = Runnable::run;",
            "  @BlockingExecutor private final Executor files = Runnable::run;",
            "  static class Holder {",
            "    @BlockingExecutor final Executor io = Runnable::run;",
            "    static CompletableFuture<String> load(OrderRepository repo) {",
            "      // BUG: Diagnostic contains: supplyAsync(..., executor)",
            "      return CompletableFuture.supplyAsync(() -> repo.load(\"1\"));",
            "    }",
            "  }",
            "  CompletableFuture<String> load(OrderRepository repo) {",
            "    // BUG: Diagnostic contains: supplyAsync(..., executor)",
            "    return CompletableFuture.supplyAsync(() -> repo.load(\"1\"));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void noFixOffered() {
    refactoring
        .addInputLines("OrderRepository.java", REPO)
        .expectUnchanged()
        .addInputLines(
            "Streams.java",
            "import dev.asyncprone.annotations.BlockingExecutor;",
            "import java.util.List;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.stream.Collectors;",
            "class Streams {",
            "  @BlockingExecutor private final Executor io = Runnable::run;",
            "  List<String> loadAll(List<String> ids, OrderRepository repo) {",
            "    ForkJoinPool.commonPool().execute(() -> repo.save(\"x\"));",
            "    return ids.parallelStream().map(repo::load).collect(Collectors.toList());",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Odd.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Function;",
            "class Odd {",
            "  record Job(String id) {}",
            "  enum Kind { FAST, SLOW }",
            "  CompletableFuture<Integer> f(Kind kind, Job job) {",
            "    Function<Integer, CompletableFuture<Integer>> nested = i ->"
                + " CompletableFuture.supplyAsync(() -> switch (kind) {",
            "      case FAST -> i;",
            "      case SLOW -> {",
            "        try {",
            "          // BUG: Diagnostic contains: Thread.sleep()",
            "          Thread.sleep(1);",
            "        } catch (InterruptedException e) {",
            "          Thread.currentThread().interrupt();",
            "        }",
            "        yield i + job.id().length();",
            "      }",
            "    });",
            "    return CompletableFuture.supplyAsync(new java.util.function.Supplier<Integer>() {",
            "      @Override public Integer get() { return 1; }",
            "    }).thenComposeAsync(nested);",
            "  }",
            "}")
        .doTest();
  }
}
