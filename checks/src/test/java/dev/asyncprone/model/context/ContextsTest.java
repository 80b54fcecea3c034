package dev.asyncprone.model.context;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class ContextsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ContextProbe.class, getClass());

  @Test
  public void completionStageCallbacks() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.concurrent.*;",
            "class T {",
            "  static <X> X probe(X x) { return x; }",
            "  void f(CompletableFuture<String> order, CompletionStage<String> stage, Executor io)"
                + " {",
            "    // BUG: Diagnostic contains: STAGE_CALLBACK | the thread that completes 'order' |"
                + " this lambda is a thenApply callback",
            "    order.thenApply(o -> probe(o));",
            "    // BUG: Diagnostic contains: STAGE_CALLBACK",
            "    stage.whenComplete((r, e) -> probe(r));",
            "    // BUG: Diagnostic contains: STAGE_CALLBACK",
            "    order.exceptionally(e -> probe(\"x\"));",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    order.thenApplyAsync(o -> probe(o));",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    order.thenApplyAsync(o -> probe(o), io);",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    CompletableFuture.supplyAsync(() -> probe(1));",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    CompletableFuture.supplyAsync(() -> probe(1), ForkJoinPool.commonPool());",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    CompletableFuture.runAsync(() -> probe(1), io);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void methodsAndInlineLambdas() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import reactor.core.publisher.Mono;",
            "class T {",
            "  static <X> X probe(X x) { return x; }",
            "  CompletableFuture<String> async(List<String> xs) {",
            "    // BUG: Diagnostic contains: ASYNC_METHOD | the caller of async() | async()"
                + " returns a CompletableFuture",
            "    probe(1);",
            "    // A sequential stream runs inline: the method decides.",
            "    // BUG: Diagnostic contains: ASYNC_METHOD",
            "    xs.stream().map(x -> probe(x)).forEach(x -> {});",
            "    // BUG: Diagnostic contains: ASYNC_METHOD",
            "    xs.forEach(x -> probe(x));",
            "    // BUG: Diagnostic contains: ASYNC_METHOD",
            "    Optional.of(1).map(x -> probe(x));",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    xs.parallelStream().map(x -> probe(x)).forEach(x -> {});",
            "    return null;",
            "  }",
            "  Mono<String> reactive() {",
            "    // BUG: Diagnostic contains: ASYNC_METHOD",
            "    probe(1);",
            "    return Mono.empty();",
            "  }",
            "  void sync(ExecutorService pool) {",
            "    // BUG: Diagnostic contains: SYNCHRONOUS",
            "    probe(1);",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    pool.submit(() -> probe(1));",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    new Thread(() -> probe(1)).start();",
            "    // BUG: Diagnostic contains: COMMON_POOL",
            "    ForkJoinPool.commonPool().execute(() -> probe(1));",
            "    // BUG: Diagnostic contains: UNKNOWN",
            "    register(() -> probe(1));",
            "    // BUG: Diagnostic contains: UNKNOWN",
            "    Runnable later = () -> probe(1);",
            "  }",
            "  void register(Runnable r) {}",
            "  // BUG: Diagnostic contains: SYNCHRONOUS",
            "  int field = probe(1);",
            "}")
        .doTest();
  }

  @Test
  public void contractsFromAnnotations() {
    helper
        .addSourceLines(
            "T.java",
            "import dev.asyncprone.annotations.*;",
            "import dev.asyncprone.testdata.CompiledLibrary;",
            "import java.util.concurrent.*;",
            "class T {",
            "  static <X> X probe(X x) { return x; }",
            "  @NonBlocking void direct() {",
            "    // BUG: Diagnostic contains: NON_BLOCKING_METHOD | the thread that calls direct()"
                + " | direct() is annotated @NonBlocking",
            "    probe(1);",
            "  }",
            "  @org.jetbrains.annotations.NonBlocking void jetbrains() {",
            "    // BUG: Diagnostic contains: NON_BLOCKING_METHOD",
            "    probe(1);",
            "  }",
            "  @io.smallrye.common.annotation.NonBlocking void smallrye() {",
            "    // BUG: Diagnostic contains: NON_BLOCKING_METHOD",
            "    probe(1);",
            "  }",
            "  @Blocking CompletableFuture<String> allowed() {",
            "    // BUG: Diagnostic contains: BLOCKING_ALLOWED",
            "    probe(1);",
            "    return null;",
            "  }",
            "  @org.springframework.scheduling.annotation.Async CompletableFuture<String>"
                + " springAsync() {",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    probe(1);",
            "    return null;",
            "  }",
            "  @NonBlocking static class Loop {",
            "    void any() {",
            "      // BUG: Diagnostic contains: class Loop is annotated @NonBlocking",
            "      probe(1);",
            "    }",
            "  }",
            "  static class Impl implements CompiledLibrary.Listener {",
            "    @Override public void onEvent(String e) {",
            "      // BUG: Diagnostic contains: onEvent() overrides Listener.onEvent(), annotated"
                + " @NonBlocking",
            "      probe(e);",
            "    }",
            "  }",
            "  void lambdas(java.util.List<CompiledLibrary.Listener> listeners) {",
            "    // BUG: Diagnostic contains: this lambda implements Listener.onEvent(), annotated"
                + " @NonBlocking",
            "    listeners.add(e -> probe(e));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void reactiveOperators() {
    helper
        .addSourceLines(
            "T.java",
            "import reactor.core.publisher.*;",
            "import reactor.core.scheduler.Schedulers;",
            "class T {",
            "  static <X> X probe(X x) { return x; }",
            "  void f(Flux<String> orders, Mono<String> one) {",
            "    // BUG: Diagnostic contains: REACTIVE_OPERATOR | the thread that emits 'orders' |"
                + " this lambda is a Reactor map operator",
            "    orders.map(o -> probe(o));",
            "    // BUG: Diagnostic contains: REACTIVE_OPERATOR",
            "    one.doOnNext(o -> probe(o)).subscribe();",
            "    // BUG: Diagnostic contains: SUBSCRIPTION_TIME",
            "    Mono.fromCallable(() -> probe(1));",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    Mono.fromCallable(() -> probe(1)).subscribeOn(Schedulers.boundedElastic());",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    orders.publishOn(Schedulers.boundedElastic()).map(o -> probe(o));",
            "    // BUG: Diagnostic contains: REACTIVE_OPERATOR",
            "    orders.publishOn(Schedulers.parallel()).map(o -> probe(o));",
            "  }",
            "  void rx(io.reactivex.rxjava3.core.Single<String> single) {",
            "    // BUG: Diagnostic contains: REACTIVE_OPERATOR | the thread that emits 'single' |"
                + " this lambda is a RxJava map operator",
            "    single.map(s -> probe(s));",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    single.observeOn(io.reactivex.rxjava3.schedulers.Schedulers.io()).map(s ->"
                + " probe(s));",
            "  }",
            "  void mutiny(io.smallrye.mutiny.Uni<String> uni) {",
            "    // BUG: Diagnostic contains: REACTIVE_OPERATOR",
            "    uni.onItem().transform(s -> probe(s));",
            "    // BUG: Diagnostic contains: SUBSCRIPTION_TIME",
            "    io.smallrye.mutiny.Uni.createFrom().item(() -> probe(1));",
            "  }",
            "}")
        .doTest();
  }

  /**
   * One chain asked about at every stage: publishOn counts for the stages after it only, and
   * subscribeOn for the whole chain, whichever stage is asked first (the answers of a chain's links
   * are kept and reused).
   */
  @Test
  public void everyStageOfOneChain() {
    helper
        .addSourceLines(
            "T.java",
            "import reactor.core.publisher.*;",
            "import reactor.core.scheduler.Schedulers;",
            "class T {",
            "  static <X> X probe(X x) { return x; }",
            "  void f(Flux<String> orders) {",
            "    orders",
            "        // BUG: Diagnostic contains: REACTIVE_OPERATOR",
            "        .map(o -> probe(o))",
            "        // BUG: Diagnostic contains: REACTIVE_OPERATOR",
            "        .filter(o -> probe(o) != null)",
            "        .publishOn(Schedulers.boundedElastic())",
            "        // BUG: Diagnostic contains: OFFLOADED",
            "        .map(o -> probe(o))",
            "        // BUG: Diagnostic contains: OFFLOADED",
            "        .filter(o -> probe(o) != null)",
            "        .subscribe();",
            "  }",
            "  void g(Mono<String> one) {",
            "    one",
            "        // BUG: Diagnostic contains: OFFLOADED",
            "        .map(o -> probe(o))",
            "        // BUG: Diagnostic contains: OFFLOADED",
            "        .map(o -> probe(o))",
            "        .subscribeOn(Schedulers.boundedElastic())",
            "        // subscribeOn moves the subscription, so the whole chain, whatever its place",
            "        // BUG: Diagnostic contains: OFFLOADED",
            "        .map(o -> probe(o))",
            "        .subscribe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void guavaAndVertx() {
    helper
        .addSourceLines(
            "T.java",
            "import com.google.common.util.concurrent.*;",
            "import java.util.concurrent.Executor;",
            "class T {",
            "  static <X> X probe(X x) { return x; }",
            "  void guava(ListenableFuture<String> price, Executor pool) {",
            "    // BUG: Diagnostic contains: STAGE_CALLBACK | the thread that completes 'price' |"
                + " this lambda is a transform callback with directExecutor()",
            "    Futures.transform(price, p -> probe(p), MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    Futures.transform(price, p -> probe(p), pool);",
            "    Futures.addCallback(price, new FutureCallback<String>() {",
            "      @Override public void onSuccess(String s) {",
            "        // BUG: Diagnostic contains: this anonymous FutureCallback is an addCallback"
                + " callback with directExecutor()",
            "        probe(s);",
            "      }",
            "      @Override public void onFailure(Throwable t) {}",
            "    }, MoreExecutors.directExecutor());",
            "  }",
            "  void vertx(io.vertx.core.Vertx vertx, io.vertx.core.Future<String> user) {",
            "    // BUG: Diagnostic contains: STAGE_CALLBACK | the event loop that completes"
                + " 'user'",
            "    user.map(u -> probe(u));",
            "    // BUG: Diagnostic contains: EVENT_LOOP_HANDLER | the Vert.x event loop | this"
                + " lambda is a handler passed to setTimer()",
            "    vertx.setTimer(10, id -> probe(id));",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    vertx.executeBlocking(() -> probe(1));",
            "  }",
            "}")
        .doTest();
  }
}
