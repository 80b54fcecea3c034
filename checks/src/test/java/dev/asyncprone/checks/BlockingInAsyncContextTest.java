package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class BlockingInAsyncContextTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingInAsyncContext.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(BlockingInAsyncContext.class, getClass());

  // ---------------------------------------------------------------- positives: CompletableFuture

  @Test
  public void joinInThenApplyCallback_messageNamesCallContextAndFix() {
    helper
        .addSourceLines(
            "OrderService.java",
            "import java.util.concurrent.CompletableFuture;",
            "class OrderService {",
            "  CompletableFuture<String> order = new CompletableFuture<>();",
            "  CompletableFuture<Integer> price(String o) { return"
                + " CompletableFuture.completedFuture(1); }",
            "  CompletableFuture<Integer> total() {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    return order.thenApply(o -> price(o).join());",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.startsWith(
                        "[BlockingInAsyncContext] join() blocks the thread that completes 'order'"
                            + " (this lambda is a thenApply callback and runs there); compose"
                            + " instead: thenCompose(...)")
                    && msg.contains("docs/checks/BlockingInAsyncContext.md"))
        .doTest();
  }

  @Test
  public void theContextTakesTheArticleItsNameDoes() {
    helper
        .addSourceLines(
            "Fallbacks.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Fallbacks {",
            "  CompletableFuture<String> fallback() { return new CompletableFuture<>(); }",
            "  CompletableFuture<String> withFallback(CompletableFuture<String> primary) {",
            "    // BUG: Diagnostic contains: (this lambda is an exceptionally callback and runs"
                + " there)",
            "    return primary.exceptionally(e -> fallback().join());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void awaitsAndBlockingCallsInStageCallbacks() {
    helper
        .addSourceLines(
            "Callbacks.java",
            "import java.io.FileInputStream;",
            "import java.nio.file.*;",
            "import java.util.concurrent.*;",
            "class Callbacks {",
            "  CompletableFuture<String> other = new CompletableFuture<>();",
            "  void f(CompletableFuture<String> order, CompletionStage<String> stage, Path path) {",
            "    order.thenAccept(o -> {",
            "      try {",
            "        // BUG: Diagnostic contains: get() blocks the thread that completes 'order'",
            "        other.get();",
            "      } catch (InterruptedException | ExecutionException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    });",
            "    // BUG: Diagnostic contains: join() blocks the thread that completes 'stage'",
            "    stage.whenComplete((r, e) -> other.join());",
            "    stage.handle((r, e) -> {",
            "      try {",
            "        // BUG: Diagnostic contains: Thread.sleep() sleeps and blocks the thread that"
                + " completes 'stage'",
            "        Thread.sleep(100);",
            "      } catch (InterruptedException ie) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "      return r;",
            "    });",
            "    order.thenApply(o -> {",
            "      try {",
            "        // BUG: Diagnostic contains: Files.readAllBytes() does file I/O and blocks",
            "        return Files.readAllBytes(path);",
            "      } catch (java.io.IOException e) {",
            "        throw new java.io.UncheckedIOException(e);",
            "      }",
            "    });",
            "    order.thenRun(() -> {",
            "      // BUG: Diagnostic contains: new FileInputStream(...) does file I/O",
            "      try (FileInputStream in = new FileInputStream(\"x\")) {",
            "      } catch (java.io.IOException e) {",
            "      }",
            "    });",
            "    // BUG: Diagnostic contains: compose instead: thenCompose(...)",
            "    order.thenApply(o -> { Thread.yield(); return other.join(); });",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void methodReferenceToAnAwait() {
    helper
        .addSourceLines(
            "Nested.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Nested {",
            "  CompletableFuture<String> f(CompletableFuture<CompletableFuture<String>> nested) {",
            "    // BUG: Diagnostic contains: join() blocks the thread that completes 'nested'"
                + " (this method reference",
            "    return nested.thenApply(CompletableFuture::join);",
            "  }",
            "}")
        .doTest();
  }

  // ---------------------------------------------------------------- positives: other libraries

  @Test
  public void guavaCallbacksOnDirectExecutor() {
    helper
        .addSourceLines(
            "Prices.java",
            "import com.google.common.util.concurrent.*;",
            "class Prices {",
            "  ListenableFuture<Integer> rate(String c) { return Futures.immediateFuture(1); }",
            "  ListenableFuture<Integer> local(ListenableFuture<Integer> price) {",
            "    return Futures.transform(",
            "        price,",
            "        // BUG: Diagnostic contains: Futures.getUnchecked() blocks the thread that"
                + " completes 'price'",
            "        p -> p * Futures.getUnchecked(rate(\"EUR\")),",
            "        MoreExecutors.directExecutor());",
            "  }",
            "  void callback(ListenableFuture<Integer> price, ListenableFuture<Integer> other) {",
            "    Futures.addCallback(price, new FutureCallback<Integer>() {",
            "      @Override public void onSuccess(Integer p) {",
            "        // BUG: Diagnostic contains: this anonymous FutureCallback is an addCallback"
                + " callback",
            "        Futures.getUnchecked(other);",
            "      }",
            "      @Override public void onFailure(Throwable t) {}",
            "    }, MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: pass an executor meant for blocking work instead of"
                + " directExecutor()",
            "    price.addListener(() ->"
                + " Uninterruptibles.sleepUninterruptibly(java.time.Duration.ofSeconds(1)),"
                + " MoreExecutors.directExecutor());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void reactorRxJavaMutinyOperators() {
    helper
        .addSourceLines(
            "Reactive.java",
            "import reactor.core.publisher.*;",
            "class Reactive {",
            "  Mono<Integer> price(String id) { return Mono.just(1); }",
            "  Flux<Integer> f(Flux<String> ids, java.sql.Statement db) {",
            "    // BUG: Diagnostic contains: block() blocks the thread that emits 'ids' (this"
                + " lambda is a Reactor map operator",
            "    return ids.map(id -> price(id).block())",
            "        .doOnNext(p -> {",
            "          try {",
            "            // BUG: Diagnostic contains: Statement.executeQuery() makes a database"
                + " round trip and blocks",
            "            db.executeQuery(\"select 1\");",
            "          } catch (java.sql.SQLException e) {",
            "            throw new RuntimeException(e);",
            "          }",
            "        });",
            "  }",
            "  io.reactivex.rxjava3.core.Single<Integer>"
                + " rx(io.reactivex.rxjava3.core.Single<String> s,",
            "      io.reactivex.rxjava3.core.Single<Integer> other) {",
            "    // BUG: Diagnostic contains: blockingGet() blocks the thread that emits 's'",
            "    return s.map(x -> other.blockingGet());",
            "  }",
            "  io.smallrye.mutiny.Uni<Integer> mutiny(io.smallrye.mutiny.Uni<String> u,"
                + " io.smallrye.mutiny.Uni<Integer> other) {",
            "    // BUG: Diagnostic contains: await().indefinitely() blocks",
            "    return u.onItem().transform(x -> other.await().indefinitely());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void vertxCallbacksAndHandlers() {
    helper
        .addSourceLines(
            "Verticle.java",
            "import dev.asyncprone.annotations.Blocking;",
            "import io.vertx.core.*;",
            "class Verticle {",
            "  @Blocking String legacyLookup(String id) { return id; }",
            "  Future<String> f(Vertx vertx, Future<String> user) {",
            "    // BUG: Diagnostic contains: legacyLookup() is annotated @Blocking and blocks the"
                + " Vert.x event loop",
            "    vertx.setPeriodic(1000, id -> legacyLookup(\"x\"));",
            "    // BUG: Diagnostic contains: blocks the event loop that completes 'user'",
            "    return user.map(u -> legacyLookup(u));",
            "  }",
            "}")
        .doTest();
  }

  // ---------------------------------------------------------------- positives: methods

  @Test
  public void syncOverAsyncInsideMethodsThatReturnFutures() {
    helper
        .addSourceLines(
            "Users.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Users {",
            "  CompletableFuture<String> remote(String id) { return"
                + " CompletableFuture.completedFuture(id); }",
            "  CompletableFuture<String> find(String id) {",
            "    // BUG: Diagnostic contains: join() blocks the caller of find() (find() returns a"
                + " CompletableFuture",
            "    String user = remote(id).join();",
            "    return CompletableFuture.completedFuture(user);",
            "  }",
            "  Mono<String> findMono(Mono<String> remote) {",
            "    // BUG: Diagnostic contains: block() blocks the caller of findMono() (findMono()"
                + " returns a Mono",
            "    return Mono.just(remote.block());",
            "  }",
            "  CompletableFuture<String> notDone(CompletableFuture<String> f) {",
            "    // A negated isDone() guards nothing.",
            "    // BUG: Diagnostic contains: join()",
            "    return !f.isDone() ? CompletableFuture.completedFuture(f.join()) : f;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void nonBlockingContracts() {
    helper
        .addSourceLines(
            "Handlers.java",
            "import dev.asyncprone.annotations.*;",
            "import dev.asyncprone.testdata.CompiledLibrary;",
            "class Handlers {",
            "  @NonBlocking void onRequest(CompiledLibrary lib) {",
            "    // BUG: Diagnostic contains: CompiledLibrary.fetchBlocking() is annotated"
                + " @Blocking and blocks the thread that calls onRequest() (onRequest() is"
                + " annotated @NonBlocking)",
            "    lib.fetchBlocking(\"k\");",
            "  }",
            "  @org.jetbrains.annotations.NonBlocking void jetbrains(Object lock) throws"
                + " InterruptedException {",
            "    // BUG: Diagnostic contains: Object.wait() waits for another thread",
            "    lock.wait();",
            "  }",
            "  @NonBlocking Handlers(java.util.concurrent.BlockingQueue<String> q) throws"
                + " InterruptedException {",
            "    // BUG: Diagnostic contains: BlockingQueue.take() waits for another thread and"
                + " blocks the thread that calls Handlers()",
            "    q.take();",
            "  }",
            "  static class Listener implements CompiledLibrary.Listener {",
            "    @Override public void onEvent(String e) {",
            "      // BUG: Diagnostic contains: onEvent() overrides Listener.onEvent(), annotated"
                + " @NonBlocking",
            "      new CompiledLibrary().fetchBlocking(e);",
            "    }",
            "  }",
            "  void register(java.util.List<CompiledLibrary.Listener> listeners, CompiledLibrary"
                + " lib) {",
            "    // BUG: Diagnostic contains: this lambda implements Listener.onEvent(), annotated"
                + " @NonBlocking",
            "    listeners.add(e -> lib.fetchBlocking(e));",
            "  }",
            "}")
        .doTest();
  }

  // ---------------------------------------------------------------- flags

  @Test
  public void flagsAddBlockingMethodsAndAnnotations() {
    helper
        .setArgs(
            "-XepOpt:AsyncProne:BlockingMethods=com.acme.Legacy#fetch,com.acme.Ftp#*",
            "-XepOpt:AsyncProne:BlockingAnnotations=com.acme.Slow",
            "-XepOpt:AsyncProne:NonBlockingAnnotations=com.acme.EventLoop")
        .addSourceLines("com/acme/Slow.java", "package com.acme;", "public @interface Slow {}")
        .addSourceLines(
            "com/acme/EventLoop.java", "package com.acme;", "public @interface EventLoop {}")
        .addSourceLines(
            "com/acme/Legacy.java",
            "package com.acme;",
            "public class Legacy { public String fetch() { return \"\"; } public String cached() {"
                + " return \"\"; } }")
        .addSourceLines(
            "com/acme/Ftp.java",
            "package com.acme;",
            "public class Ftp { public void put(String f) {} public void get(String f) {} }")
        .addSourceLines(
            "com/acme/Service.java",
            "package com.acme;",
            "import java.util.concurrent.CompletableFuture;",
            "class Service {",
            "  @Slow String slow() { return \"\"; }",
            "  @EventLoop void handle(Legacy legacy, Ftp ftp) {",
            "    // BUG: Diagnostic contains: Legacy.fetch() is named blocking by"
                + " -XepOpt:AsyncProne:BlockingMethods and blocks the thread that calls handle()"
                + " (handle() is annotated @EventLoop)",
            "    legacy.fetch();",
            "    legacy.cached();",
            "    // BUG: Diagnostic contains: Ftp.put()",
            "    ftp.put(\"x\");",
            "    // BUG: Diagnostic contains: Ftp.get()",
            "    ftp.get(\"x\");",
            "    // BUG: Diagnostic contains: slow() is annotated @Slow",
            "    slow();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void flagsNameNestedClassesWithDollarOrDot() {
    helper
        .setArgs(
            "-XepOpt:AsyncProne:BlockingMethods=com.acme.Mail$Sender#send,com.acme.Mail.Queue#put",
            "-XepOpt:AsyncProne:BlockingAnnotations=com.acme.Marks$Slow",
            "-XepOpt:AsyncProne:NonBlockingAnnotations=com.acme.Marks.EventLoop")
        .addSourceLines(
            "com/acme/Marks.java",
            "package com.acme;",
            "public class Marks {",
            "  public @interface Slow {}",
            "  public @interface EventLoop {}",
            "}")
        .addSourceLines(
            "com/acme/Mail.java",
            "package com.acme;",
            "public class Mail {",
            "  public static class Sender { public void send(String m) {} }",
            "  public static class Queue { public void put(String m) {} public void peek() {} }",
            "}")
        .addSourceLines(
            "com/acme/Service.java",
            "package com.acme;",
            "class Service {",
            "  @Marks.Slow void slow() {}",
            "  @Marks.EventLoop void handle(Mail.Sender sender, Mail.Queue queue) {",
            "    // BUG: Diagnostic contains: Sender.send() is named blocking by"
                + " -XepOpt:AsyncProne:BlockingMethods",
            "    sender.send(\"x\");",
            "    // BUG: Diagnostic contains: Queue.put() is named blocking by",
            "    queue.put(\"x\");",
            "    queue.peek();",
            "    // BUG: Diagnostic contains: slow() is annotated @Slow",
            "    slow();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void severityAndSuppressionWorkAsForErrorProneChecks() {
    helper
        .setArgs("-Xep:BlockingInAsyncContext:OFF")
        .addSourceLines(
            "Off.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Off {",
            "  CompletableFuture<String> f(CompletableFuture<String> a, CompletableFuture<String>"
                + " b) {",
            "    return a.thenApply(x -> b.join());",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
    CompilationTestHelper.newInstance(BlockingInAsyncContext.class, getClass())
        .addSourceLines(
            "Suppressed.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Suppressed {",
            "  @SuppressWarnings(\"BlockingInAsyncContext\")",
            "  CompletableFuture<String> f(CompletableFuture<String> a, CompletableFuture<String>"
                + " b) {",
            "    return a.thenApply(x -> b.join());",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  // ---------------------------------------------------------------- negatives

  @Test
  public void offloadedWorkIsLeftAlone() {
    helper
        .addSourceLines(
            "Offloaded.java",
            "import java.util.concurrent.*;",
            "import reactor.core.publisher.*;",
            "import reactor.core.scheduler.Schedulers;",
            "class Offloaded {",
            "  CompletableFuture<String> remote() { return new CompletableFuture<>(); }",
            "  String jdbc(java.sql.Statement st) throws java.sql.SQLException {"
                + " st.executeQuery(\"q\"); return \"\"; }",
            "  CompletableFuture<String> a(Executor io) {",
            "    return CompletableFuture.supplyAsync(() -> remote().join(), io);",
            "  }",
            "  CompletableFuture<String> b(CompletableFuture<String> order, Executor io) {",
            "    return order.thenApplyAsync(o -> remote().join(), io);",
            "  }",
            "  Mono<String> c(java.sql.Statement st) {",
            "    return Mono.fromCallable(() ->"
                + " jdbc(st)).subscribeOn(Schedulers.boundedElastic());",
            "  }",
            "  Flux<String> d(Flux<String> ids) {",
            "    return ids.publishOn(Schedulers.boundedElastic()).map(id -> remote().join());",
            "  }",
            "  CompletableFuture<String> e(ExecutorService pool) throws Exception {",
            "    pool.submit(() -> remote().join());",
            "    new Thread(() -> remote().join()).start();",
            "    return remote();",
            "  }",
            "  io.vertx.core.Future<String> v(io.vertx.core.Vertx vertx) {",
            "    return vertx.executeBlocking(() -> remote().join());",
            "  }",
            "  @org.springframework.scheduling.annotation.Async",
            "  public CompletableFuture<String> springAsync() {",
            "    return CompletableFuture.completedFuture(remote().join());",
            "  }",
            "  // The common pool is BlockingOnCommonPool's business, not this check's.",
            "  CompletableFuture<String> f() {",
            "    return CompletableFuture.supplyAsync(() -> remote().join());",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void futuresKnownToBeDoneAreLeftAlone() {
    helper
        .addSourceLines(
            "Done.java",
            "import com.google.common.util.concurrent.*;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.stream.Collectors;",
            "class Done {",
            "  CompletableFuture<Integer> sum(CompletableFuture<Integer> a,"
                + " CompletableFuture<Integer> b) {",
            "    return CompletableFuture.allOf(a, b).thenApply(v -> a.join() + b.join());",
            "  }",
            "  CompletableFuture<List<Integer>> all(List<CompletableFuture<Integer>> futures) {",
            "    return CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]))",
            "        .thenApply(v ->"
                + " futures.stream().map(CompletableFuture::join).collect(Collectors.toList()));",
            "  }",
            "  CompletableFuture<Integer> loop(List<CompletableFuture<Integer>> futures) {",
            "    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))",
            "        .thenApply(v -> { int s = 0; for (CompletableFuture<Integer> f : futures) { s"
                + " += f.join(); } return s; });",
            "  }",
            "  CompletableFuture<Integer> lambdaParam(List<CompletableFuture<Integer>> futures) {",
            "    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))",
            "        .thenApply(v -> futures.stream().mapToInt(f -> f.join()).sum());",
            "  }",
            "  CompletableFuture<Integer> combine(CompletableFuture<Integer> a,"
                + " CompletableFuture<Integer> b) {",
            "    return a.thenCombine(b, (x, y) -> x + b.join());",
            "  }",
            "  CompletableFuture<Integer> own(CompletableFuture<Integer> a) {",
            "    return a.whenComplete((r, e) -> a.join());",
            "  }",
            "  CompletableFuture<Integer> guarded(CompletableFuture<Integer> a) {",
            "    if (a.isDone()) {",
            "      return CompletableFuture.completedFuture(a.join());",
            "    }",
            "    return a.isDone() ? CompletableFuture.completedFuture(a.join() + 1) : a;",
            "  }",
            "  CompletableFuture<Integer> reads(CompletableFuture<Integer> a,"
                + " CompletableFuture<Integer> b) {",
            "    return a.thenApply(x -> b.getNow(0) + (b.isDone() ? 1 : 0));",
            "  }",
            "  CompletableFuture<Integer> earlyExit(CompletableFuture<Integer> a) {",
            "    if (a == null || !a.isDone() || a.isCompletedExceptionally()) {",
            "      return CompletableFuture.completedFuture(0);",
            "    }",
            "    return CompletableFuture.completedFuture(a.join());",
            "  }",
            "  CompletableFuture<Integer> fastest(java.util.concurrent.CompletionService<Integer>"
                + " service)",
            "      throws Exception {",
            "    java.util.concurrent.Future<Integer> f = service.poll();",
            "    return f == null ? null : CompletableFuture.completedFuture(f.get());",
            "  }",
            "  ListenableFuture<Integer> guava(ListenableFuture<Integer> a,"
                + " ListenableFuture<Integer> b) {",
            "    ListenableFuture<Integer> sum = Futures.whenAllSucceed(a, b)",
            "        .call(() -> Futures.getUnchecked(a) + Futures.getDone(b),"
                + " MoreExecutors.directExecutor());",
            "    return Futures.transform(Futures.allAsList(a, b),",
            "        list -> Futures.getUnchecked(a), MoreExecutors.directExecutor());",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void blockingWhereItIsAllowedIsLeftAlone() {
    helper
        .addSourceLines(
            "Allowed.java",
            "import dev.asyncprone.annotations.Blocking;",
            "import java.util.concurrent.*;",
            "import java.util.function.Supplier;",
            "class Allowed {",
            "  CompletableFuture<String> remote() { return new CompletableFuture<>(); }",
            "  @Blocking CompletableFuture<String> declared() {",
            "    return CompletableFuture.completedFuture(remote().join());",
            "  }",
            "  String sync() throws Exception {",
            "    Thread.sleep(1);",
            "    return remote().get(1, TimeUnit.SECONDS) + remote().join();",
            "  }",
            "  public static void main(String[] args) {",
            "    new Allowed().remote().join();",
            "  }",
            "  // A lambda handed to a method whose threading asyncprone cannot tell: quiet.",
            "  CompletableFuture<String> unknown(Supplier<String> later) {",
            "    register(() -> remote().join());",
            "    return remote();",
            "  }",
            "  void register(Supplier<String> s) {}",
            "  // A test method: plain synchronous code.",
            "  @org.junit.Test public void testSomething() {",
            "    remote().join();",
            "  }",
            "  // Stream steps in synchronous code run inline, in synchronous code.",
            "  int total(java.util.List<CompletableFuture<Integer>> fs) {",
            "    return fs.stream().mapToInt(CompletableFuture::join).sum();",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Unusual.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "class Unusual {",
            "  record Pair<A, B>(A a, B b) {",
            "    Pair { Objects.requireNonNull(a); }",
            "    CompletableFuture<A> first() { return CompletableFuture.completedFuture(a); }",
            "  }",
            "  enum Mode { FAST { @Override CompletableFuture<String> run() { return null; } };",
            "    abstract CompletableFuture<String> run(); }",
            "  sealed interface Shape permits Circle, Square {}",
            "  record Circle(double r) implements Shape {}",
            "  record Square(double s) implements Shape {}",
            "  <T extends CompletionStage<String>> CompletableFuture<String> generic(T stage) {",
            "    Function<String, Function<String, CompletableFuture<String>>> curried = a -> b ->"
                + " CompletableFuture.completedFuture(a + b);",
            "    return stage.thenCompose(s -> curried.apply(s).apply(s)).toCompletableFuture();",
            "  }",
            "  double area(Shape shape) {",
            "    if (shape instanceof Circle c) { return c.r() * c.r() * Math.PI; }",
            "    return shape instanceof Square s ? s.s() * s.s() : 0;",
            "  }",
            "  CompletableFuture<Integer> size(Mode mode, CompletableFuture<Integer> f) {",
            "    return switch (mode) {",
            "      case FAST -> f.thenApply(x -> { int y = switch (x) { case 1 -> 2; default -> {"
                + " yield x; } }; return y; });",
            "    };",
            "  }",
            "  Object anonymous() {",
            "    return new Callable<String>() { public String call() { return \"\"; } };",
            "  }",
            "  CompletableFuture<Object> raw(CompletableFuture raw) {",
            "    return raw.thenApply(x -> x);",
            "  }",
            "  static { Runnable r = Unusual::new; }",
            "  CompletableFuture<String> nested(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: join() blocks the thread that completes 'f'",
            "    return f.thenCompose(a -> f.thenApply(b -> new"
                + " CompletableFuture<String>().join()));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void worksWithoutAnyAsyncLibraryOnTheClasspath() {
    CompilationTestHelper.newInstance(BlockingInAsyncContext.class, getClass())
        .withClasspath(BlockingInAsyncContextTest.class)
        .addSourceLines(
            "JdkOnly.java",
            "import java.util.concurrent.CompletableFuture;",
            "class JdkOnly {",
            "  CompletableFuture<String> f(CompletableFuture<String> a, CompletableFuture<String>"
                + " b) {",
            "    // BUG: Diagnostic contains: join() blocks the thread that completes 'a'",
            "    return a.thenApply(x -> b.join());",
            "  }",
            "}")
        .doTest();
  }

  // ---------------------------------------------------------------- fixes

  @Test
  public void fix_thenApplyJoinBecomesThenCompose() {
    refactoring
        .addInputLines(
            "OrderService.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "class OrderService {",
            "  CompletableFuture<Integer> price(String o) { return"
                + " CompletableFuture.completedFuture(1); }",
            "  CompletionStage<Integer> stock(String o) { return"
                + " CompletableFuture.completedFuture(1); }",
            "  CompletableFuture<Integer> total(CompletableFuture<String> order) {",
            "    return order.thenApply(o -> price(o).join());",
            "  }",
            "  CompletableFuture<Integer> stage(CompletableFuture<String> order) {",
            "    return order.thenApply(o -> { return stock(o).toCompletableFuture().join(); });",
            "  }",
            "}")
        .addOutputLines(
            "OrderService.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "class OrderService {",
            "  CompletableFuture<Integer> price(String o) { return"
                + " CompletableFuture.completedFuture(1); }",
            "  CompletionStage<Integer> stock(String o) { return"
                + " CompletableFuture.completedFuture(1); }",
            "  CompletableFuture<Integer> total(CompletableFuture<String> order) {",
            "    return order.thenCompose(o -> price(o));",
            "  }",
            "  CompletableFuture<Integer> stage(CompletableFuture<String> order) {",
            "    return order.thenCompose(o -> { return stock(o); });",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void fix_reactorMapBlockBecomesFlatMapOnMonoAndConcatMapOnFlux() {
    refactoring
        .addInputLines(
            "Totals.java",
            "import reactor.core.publisher.*;",
            "class Totals {",
            "  Mono<Integer> remote(String id) { return Mono.just(1); }",
            "  Mono<Integer> one(Mono<String> id) {",
            "    return id.map(x -> remote(x).block());",
            "  }",
            "  Flux<Integer> many(Flux<String> ids) {",
            "    return ids.map(x -> remote(x).block());",
            "  }",
            "}")
        .addOutputLines(
            "Totals.java",
            "import reactor.core.publisher.*;",
            "class Totals {",
            "  Mono<Integer> remote(String id) { return Mono.just(1); }",
            "  Mono<Integer> one(Mono<String> id) {",
            "    return id.flatMap(x -> remote(x));",
            "  }",
            "  Flux<Integer> many(Flux<String> ids) {",
            "    return ids.concatMap(x -> remote(x));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void fix_guavaTransformGetUncheckedBecomesTransformAsync() {
    refactoring
        .addInputLines(
            "Rates.java",
            "import com.google.common.util.concurrent.*;",
            "class Rates {",
            "  ListenableFuture<Integer> convert(Integer p) { return Futures.immediateFuture(p); }",
            "  ListenableFuture<Integer> local(ListenableFuture<Integer> price) {",
            "    return Futures.transform(price, p -> Futures.getUnchecked(convert(p)),"
                + " MoreExecutors.directExecutor());",
            "  }",
            "}")
        .addOutputLines(
            "Rates.java",
            "import com.google.common.util.concurrent.*;",
            "class Rates {",
            "  ListenableFuture<Integer> convert(Integer p) { return Futures.immediateFuture(p); }",
            "  ListenableFuture<Integer> local(ListenableFuture<Integer> price) {",
            "    return Futures.transformAsync(price, p -> convert(p),"
                + " MoreExecutors.directExecutor());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void noFixWhereTheRewriteIsNotMechanical() {
    refactoring
        .addInputLines(
            "NoFix.java",
            "import java.util.concurrent.*;",
            "class NoFix {",
            "  CompletableFuture<Integer> price(String o) { return"
                + " CompletableFuture.completedFuture(1); }",
            "  CompletableFuture<Integer> plusOne(CompletableFuture<String> order) {",
            "    return order.thenApply(o -> price(o).join() + 1);",
            "  }",
            "  CompletableFuture<Void> accept(CompletableFuture<String> order) {",
            "    return order.thenAccept(o -> price(o).join());",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }
}
