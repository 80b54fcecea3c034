package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class RedundantAsyncWrapTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(RedundantAsyncWrap.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(RedundantAsyncWrap.class, getClass());

  private static final String[] CLIENT = {
    "import java.util.concurrent.CompletableFuture;",
    "interface InventoryClient {",
    "  CompletableFuture<Integer> stock(String sku);",
    "  CompletableFuture<Void> reserve(String sku);",
    "}"
  };

  @Test
  public void supplyAsyncJoinMessage() {
    helper
        .addSourceLines("InventoryClient.java", CLIENT)
        .addSourceLines(
            "StockService.java",
            "import java.util.concurrent.CompletableFuture;",
            "class StockService {",
            "  private final InventoryClient client;",
            "  StockService(InventoryClient client) { this.client = client; }",
            "  CompletableFuture<Integer> stock(String sku) {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    return CompletableFuture.supplyAsync(() -> client.stock(sku).join());",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "supplyAsync(...) only waits for 'client.stock(sku)' with join(): it holds a"
                        + " ForkJoinPool.commonPool() thread for the whole wait, and cancelling"
                        + " what it returns does not cancel 'client.stock(sku)'; use the future"
                        + " itself: client.stock(sku)"))
        .doTest();
  }

  @Test
  public void supplyAsyncJoinBecomesTheInnerCall() {
    refactoring
        .addInputLines("InventoryClient.java", CLIENT)
        .expectUnchanged()
        .addInputLines(
            "StockService.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "class StockService {",
            "  private final InventoryClient client;",
            "  private final Executor io;",
            "  StockService(InventoryClient client, Executor io) { this.client = client; this.io ="
                + " io; }",
            "  CompletableFuture<Integer> stock(String sku) {",
            "    return CompletableFuture.supplyAsync(() -> client.stock(sku).join());",
            "  }",
            "  CompletableFuture<Integer> pending(String sku) {",
            "    CompletableFuture<Integer> pending = client.stock(sku);",
            "    return CompletableFuture.supplyAsync(pending::join);",
            "  }",
            "  CompletableFuture<Integer> block(String sku) {",
            "    return CompletableFuture.supplyAsync(() -> { return client.stock(sku).join(); });",
            "  }",
            "}")
        .addOutputLines(
            "StockService.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "class StockService {",
            "  private final InventoryClient client;",
            "  private final Executor io;",
            "  StockService(InventoryClient client, Executor io) { this.client = client; this.io ="
                + " io; }",
            "  CompletableFuture<Integer> stock(String sku) {",
            "    return client.stock(sku);",
            "  }",
            "  CompletableFuture<Integer> pending(String sku) {",
            "    CompletableFuture<Integer> pending = client.stock(sku);",
            "    return pending;",
            "  }",
            "  CompletableFuture<Integer> block(String sku) {",
            "    return client.stock(sku);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void wrapsThatDecideWhereCallbacksRunAreMessageOnly() {
    helper
        .addSourceLines("InventoryClient.java", CLIENT)
        .addSourceLines(
            "StockService.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import reactor.core.publisher.Mono;",
            "class StockService {",
            "  CompletableFuture<Integer> onIo(InventoryClient client, Executor io) {",
            "    // BUG: Diagnostic contains: client.stock(\"a\").thenApplyAsync(x -> x, executor)",
            "    return CompletableFuture.supplyAsync(() -> client.stock(\"a\").join(), io);",
            "  }",
            "  CompletableFuture<String> chained(InventoryClient client) {",
            "    // BUG: Diagnostic contains: if the callbacks that follow must run on the"
                + " executor",
            "    return CompletableFuture.supplyAsync(() -> client.stock(\"a\").join())",
            "        .thenApply(stock -> \"stock: \" + stock);",
            "  }",
            "  Mono<Integer> mapped(Mono<String> remote) {",
            "    // BUG: Diagnostic contains: if the callbacks that follow must run",
            "    return Mono.fromCallable(() -> remote.block()).map(String::length);",
            "  }",
            "}")
        .doTest();
    refactoring
        .addInputLines(
            "Offload.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import reactor.core.publisher.Mono;",
            "import reactor.core.scheduler.Schedulers;",
            "class Offload {",
            "  CompletableFuture<String> onIo(CompletableFuture<String> remote, Executor io) {",
            "    return CompletableFuture.supplyAsync(remote::join, io);",
            "  }",
            "  Mono<String> scheduled(Mono<String> remote) {",
            "    return Mono.fromCallable(() -> remote.block())"
                + ".subscribeOn(Schedulers.boundedElastic());",
            "  }",
            "  CompletableFuture<Integer> hopsAnyway(CompletableFuture<String> remote) {",
            "    return"
                + " CompletableFuture.supplyAsync(remote::join).thenApplyAsync(String::length);",
            "  }",
            "}")
        .addOutputLines(
            "Offload.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import reactor.core.publisher.Mono;",
            "import reactor.core.scheduler.Schedulers;",
            "class Offload {",
            "  CompletableFuture<String> onIo(CompletableFuture<String> remote, Executor io) {",
            "    return CompletableFuture.supplyAsync(remote::join, io);",
            "  }",
            "  Mono<String> scheduled(Mono<String> remote) {",
            "    return remote.subscribeOn(Schedulers.boundedElastic());",
            "  }",
            "  CompletableFuture<Integer> hopsAnyway(CompletableFuture<String> remote) {",
            "    return remote.thenApplyAsync(String::length);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void runAsyncOverAFutureOfVoidBecomesTheFuture() {
    refactoring
        .addInputLines("InventoryClient.java", CLIENT)
        .expectUnchanged()
        .addInputLines(
            "Reserver.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Reserver {",
            "  CompletableFuture<Void> reserve(InventoryClient client, String sku) {",
            "    return CompletableFuture.runAsync(() -> client.reserve(sku).join());",
            "  }",
            "}")
        .addOutputLines(
            "Reserver.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Reserver {",
            "  CompletableFuture<Void> reserve(InventoryClient client, String sku) {",
            "    return client.reserve(sku);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void runAsyncOverAFutureOfAValueBecomesThenApplyWhereVoidIsExpected() {
    refactoring
        .addInputLines("InventoryClient.java", CLIENT)
        .expectUnchanged()
        .addInputLines(
            "Warmer.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Warmer {",
            "  CompletableFuture<Void> warm(InventoryClient client, String sku) {",
            "    return CompletableFuture.runAsync(() -> client.stock(sku).join());",
            "  }",
            "  void warmAll(InventoryClient client, String ignored) {",
            "    CompletableFuture<Void> warmed = CompletableFuture.runAsync(() ->"
                + " client.stock(ignored).join());",
            "    CompletableFuture.runAsync(() -> client.stock(ignored).join());",
            "    warmed.join();",
            "  }",
            "}")
        .addOutputLines(
            "Warmer.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Warmer {",
            "  CompletableFuture<Void> warm(InventoryClient client, String sku) {",
            "    return client.stock(sku).thenApply(ignored -> null);",
            "  }",
            "  void warmAll(InventoryClient client, String ignored) {",
            "    CompletableFuture<Void> warmed = client.stock(ignored).thenApply(ignored2 ->"
                + " null);",
            "    client.stock(ignored);",
            "    warmed.join();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void runAsyncWhoseResultTypeIsNotPinnedIsMessageOnly() {
    helper
        .addSourceLines("InventoryClient.java", CLIENT)
        .addSourceLines(
            "Warmer.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Warmer {",
            "  void warm(InventoryClient client, CompletableFuture<Integer> cached) {",
            "    // BUG: Diagnostic contains: adapted to the type the callers need",
            "    var warmed = CompletableFuture.runAsync(() -> client.stock(\"a\").join());",
            "    // BUG: Diagnostic contains: adapted to the type the callers need",
            "    CompletableFuture.runAsync(() -> cached.join());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void typesThatDoNotLineUpAreMessageOnly() {
    helper
        .addSourceLines(
            "Catalog.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "import reactor.core.publisher.Mono;",
            "class Catalog {",
            "  CompletionStage<String> name(String id) { return null; }",
            "  CompletableFuture<Integer> count() { return null; }",
            "  CompletableFuture<Number> total() {",
            "    // BUG: Diagnostic contains: adapted to the type the callers need",
            "    return CompletableFuture.supplyAsync(() -> count().join());",
            "  }",
            "  Future<Integer> submitted(ExecutorService pool) {",
            "    // BUG: Diagnostic contains: it holds a thread of 'pool'",
            "    return pool.submit(() -> count().get());",
            "  }",
            "  Mono<Integer> reactive() {",
            "    // BUG: Diagnostic contains: adapted to the type the callers need",
            "    return Mono.fromCallable(() -> count().join());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void getInATryIsMessageOnly() {
    helper
        .addSourceLines(
            "PriceClient.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionException;",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.TimeUnit;",
            "import java.util.concurrent.TimeoutException;",
            "class PriceClient {",
            "  CompletableFuture<Long> quote(String sku) { return null; }",
            "  CompletableFuture<Long> price(String sku) {",
            "    // BUG: Diagnostic contains: with exceptionally(...)/handle(...)",
            "    return CompletableFuture.supplyAsync(() -> {",
            "      try {",
            "        return quote(sku).get();",
            "      } catch (InterruptedException | ExecutionException e) {",
            "        throw new CompletionException(e);",
            "      }",
            "    });",
            "  }",
            "  CompletableFuture<Long> bounded(String sku) {",
            "    // BUG: Diagnostic contains: with get(): it holds a ForkJoinPool.commonPool()"
                + " thread",
            "    return CompletableFuture.supplyAsync(() -> {",
            "      try {",
            "        return quote(sku).get(2, TimeUnit.SECONDS);",
            "      } catch (InterruptedException | ExecutionException | TimeoutException e) {",
            "        return -1L;",
            "      }",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void reactorFromCallableBlock() {
    refactoring
        .addInputLines(
            "Profiles.java",
            "import reactor.core.publisher.Mono;",
            "class Profiles {",
            "  Mono<String> remote(String id) { return Mono.just(id); }",
            "  Mono<String> profile(String id) {",
            "    return Mono.fromCallable(() -> remote(id).block());",
            "  }",
            "  Mono<String> nested(String id) {",
            "    return Mono.fromFuture(java.util.concurrent.CompletableFuture.supplyAsync(",
            "        () -> remote(id).toFuture().join()));",
            "  }",
            "}")
        .addOutputLines(
            "Profiles.java",
            "import reactor.core.publisher.Mono;",
            "class Profiles {",
            "  Mono<String> remote(String id) { return Mono.just(id); }",
            "  Mono<String> profile(String id) {",
            "    return remote(id);",
            "  }",
            "  Mono<String> nested(String id) {",
            "    return Mono.fromFuture(remote(id).toFuture());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void reactorMessageNamesTheSubscribingThread() {
    helper
        .addSourceLines(
            "Profiles.java",
            "import reactor.core.publisher.Mono;",
            "class Profiles {",
            "  Mono<String> profile(Mono<String> remote) {",
            "    // BUG: Diagnostic contains: it holds the thread that subscribes for the whole"
                + " wait",
            "    return Mono.fromCallable(() -> remote.block());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void guavaSubmitGet() {
    refactoring
        .addInputLines(
            "Ledger.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.ListeningExecutorService;",
            "import java.util.concurrent.Executor;",
            "class Ledger {",
            "  ListenableFuture<Long> balance(String account) { return null; }",
            "  ListenableFuture<Long> viaFutures(String account, Executor executor) {",
            "    return Futures.submit(() -> balance(account).get(), executor);",
            "  }",
            "  ListenableFuture<Long> viaService(String account, ListeningExecutorService pool) {",
            "    return pool.submit(() -> Futures.getUnchecked(balance(account)));",
            "  }",
            "}")
        .addOutputLines(
            "Ledger.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.ListeningExecutorService;",
            "import java.util.concurrent.Executor;",
            "class Ledger {",
            "  ListenableFuture<Long> balance(String account) { return null; }",
            "  ListenableFuture<Long> viaFutures(String account, Executor executor) {",
            "    return balance(account);",
            "  }",
            "  ListenableFuture<Long> viaService(String account, ListeningExecutorService pool) {",
            "    return balance(account);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void rxJavaAndMutiny() {
    helper
        .addSourceLines(
            "Streams.java",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.smallrye.mutiny.Uni;",
            "class Streams {",
            "  Single<String> rx(Single<String> remote) {",
            "    // BUG: Diagnostic contains: only waits for 'remote' with blockingGet()",
            "    return Single.fromCallable(() -> remote.blockingGet());",
            "  }",
            "  Uni<String> mutiny(Uni<String> remote) {",
            "    // BUG: Diagnostic contains: use the future itself: remote",
            "    return Uni.createFrom().item(() -> remote.await().indefinitely());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void wrapsThatDoMoreThanWaitAreLeftAlone() {
    helper
        .addSourceLines("InventoryClient.java", CLIENT)
        .addSourceLines(
            "Busy.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.stream.Stream;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Busy {",
            "  int compute(String sku) { return sku.length(); }",
            "  void f(InventoryClient client, ExecutorService pool, Flux<String> skus) {",
            "    CompletableFuture.supplyAsync(() -> compute(\"a\"));",
            "    CompletableFuture.supplyAsync(() -> client.stock(\"a\").join() + 1);",
            "    CompletableFuture.supplyAsync(() -> client.stock(\"a\").join().toString());",
            "    CompletableFuture.supplyAsync(() -> {",
            "      int stock = client.stock(\"a\").join();",
            "      return stock * 2;",
            "    });",
            "    CompletableFuture.runAsync(() -> {",
            "      try {",
            "        client.reserve(\"a\").join();",
            "      } finally {",
            "        System.out.println(\"done\");",
            "      }",
            "    });",
            "    pool.execute(() -> client.reserve(\"a\").join());",
            "    Mono.fromCallable(() -> compute(\"b\"));",
            "    Mono.fromCallable(() -> skus.toStream());",
            "    CompletableFuture<Integer> stock = client.stock(\"a\");",
            "    stock.thenApply(s -> s + 1);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Odd.java",
            "import java.util.concurrent.Callable;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.function.Supplier;",
            "class Odd {",
            "  record Box(CompletableFuture<String> f) {}",
            "  enum Mode { A, B }",
            "  void f(ExecutorService pool, Box box, Mode mode) throws Exception {",
            "    pool.submit(new Callable<String>() {",
            "      @Override public String call() { return box.f().join(); }",
            "    });",
            "    Supplier<CompletableFuture<String>> nested = () -> CompletableFuture.supplyAsync(",
            "        () -> switch (mode) { case A -> \"a\"; case B -> \"b\"; });",
            "    CompletableFuture.supplyAsync(() -> CompletableFuture.supplyAsync(() ->"
                + " 1).thenApply(",
            "        i -> i + 1));",
            "    pool.submit(Object::new);",
            "  }",
            "}")
        .doTest();
  }
}
