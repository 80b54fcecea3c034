package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class NullFutureReturnedTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(NullFutureReturned.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(NullFutureReturned.class, getClass());

  @Test
  public void nullReturnedWhereAFutureIsExpected() {
    helper
        .addSourceLines(
            "Repo.java",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import java.util.concurrent.*;",
            "import java.util.function.Supplier;",
            "import reactor.core.publisher.*;",
            "class Repo {",
            "  CompletableFuture<String> find(String id) {",
            "    if (id == null) {",
            "      // BUG: Diagnostic contains: This returns null where a CompletableFuture is"
                + " expected: a caller that chains on it (thenApply, join) throws"
                + " NullPointerException",
            "      return null;",
            "    }",
            "    return CompletableFuture.completedFuture(id);",
            "  }",
            "  CompletionStage<String> stage(boolean ok) {",
            "    // BUG: Diagnostic contains: return CompletableFuture.completedFuture(null)"
                + " instead",
            "    return ok ? CompletableFuture.completedFuture(\"\") : null;",
            "  }",
            "  Mono<String> mono() {",
            "    // BUG: Diagnostic contains: return Mono.empty() instead",
            "    return (null);",
            "  }",
            "  Flux<String> flux() {",
            "    // BUG: Diagnostic contains: return Flux.empty() instead",
            "    return null;",
            "  }",
            "  ListenableFuture<String> guava() {",
            "    // BUG: Diagnostic contains: Futures.immediateFuture(null)",
            "    return null;",
            "  }",
            "  Future<String> plain() {",
            "    // BUG: Diagnostic contains: NullFutureReturned",
            "    return null;",
            "  }",
            "  io.reactivex.rxjava3.core.Single<String> single() {",
            "    // BUG: Diagnostic contains: return an empty or failed Single instead",
            "    return null;",
            "  }",
            "  io.reactivex.rxjava3.core.Completable completable() {",
            "    // BUG: Diagnostic contains: Completable.complete()",
            "    return null;",
            "  }",
            "  io.vertx.core.Future<String> vertx() {",
            "    // BUG: Diagnostic contains: Future.succeededFuture()",
            "    return null;",
            "  }",
            "  io.smallrye.mutiny.Uni<String> uni() {",
            "    // BUG: Diagnostic contains: Uni.createFrom().nullItem()",
            "    return null;",
            "  }",
            "  Supplier<CompletableFuture<String>> lambdas() {",
            "    Supplier<CompletableFuture<String>> block = () -> {",
            "      // BUG: Diagnostic contains: NullFutureReturned",
            "      return null;",
            "    };",
            "    // BUG: Diagnostic contains: NullFutureReturned",
            "    return () -> null;",
            "  }",
            "  CompletableFuture<String> chained(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: NullFutureReturned",
            "    return f.thenCompose(x -> x.isEmpty() ? null : f);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void nullableReturnsAndOtherTypesAreLeftAlone() {
    helper
        .addSourceLines(
            "Cache.java",
            "import java.util.concurrent.*;",
            "import java.util.function.Function;",
            "import org.jspecify.annotations.Nullable;",
            "class Cache {",
            "  // Like Caffeine's AsyncCache.getIfPresent: absent means null, and it says so.",
            "  @Nullable CompletableFuture<String> getIfPresent(String key) {",
            "    return null;",
            "  }",
            "  @javax.annotation.Nullable CompletableFuture<String> jsr305(String key) {",
            "    return null;",
            "  }",
            "  @org.jetbrains.annotations.Nullable CompletableFuture<String> jetbrains(String key)"
                + " {",
            "    return null;",
            "  }",
            "  String notAFuture() { return null; }",
            "  Object object() { return null; }",
            "  CompletableFuture<String> valueIsNull() { return"
                + " CompletableFuture.completedFuture(null); }",
            "  interface Lookup { @Nullable CompletableFuture<String> find(String k); }",
            "  static class Impl implements Lookup {",
            "    @Override public CompletableFuture<String> find(String k) { return null; }",
            "  }",
            "  Lookup lambda() { return k -> null; }",
            "  Function<String, String> stringLambda() { return s -> null; }",
            "  Runnable voidLambda() { return () -> { return; }; }",
            "}")
        .addSourceLines(
            "javax/annotation/Nullable.java",
            "package javax.annotation;",
            "public @interface Nullable {}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * Issue 14: a {@code return null} the method's Javadoc documents ("or {@code null}") is reported,
   * but the fix is the contract's to choose: no empty future, and the message names @Nullable.
   */
  @Test
  public void noFixWhereTheJavadocDocumentsNull() {
    helper
        .addSourceLines(
            "Pending.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Pending {",
            "  CompletableFuture<String> current;",
            "  /** Returns the pending request, or {@code null} if none is in flight. */",
            "  CompletableFuture<String> pending() {",
            "    // BUG: Diagnostic contains: No fix here: the Javadoc documents null as a result:"
                + " if that is the contract, annotate the return type @Nullable",
            "    return current == null || current.isDone() ? null : current;",
            "  }",
            "  /**",
            "   * The next page.",
            "   *",
            "   * @return the page, or null at the end",
            "   */",
            "  Mono<String> next(boolean end) {",
            "    // BUG: Diagnostic contains: @Nullable",
            "    return end ? null : Mono.just(\"page\");",
            "  }",
            "}")
        .doTest();
    refactoring
        .addInputLines(
            "Pending.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Pending {",
            "  CompletableFuture<String> current;",
            "  /** Returns the pending request, or {@code null} if none is in flight. */",
            "  CompletableFuture<String> pending() {",
            "    return current == null || current.isDone() ? null : current;",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  /** A Javadoc that says the result is never null leaves the fix in place. */
  @Test
  public void fixWhereTheJavadocSaysNeverNull() {
    refactoring
        .addInputLines(
            "Lookup.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Lookup {",
            "  /** Looks the key up; the future is never null, and not-null when empty. */",
            "  CompletableFuture<String> find(String key) {",
            "    if (key.isEmpty()) {",
            "      return null;",
            "    }",
            "    return CompletableFuture.completedFuture(key);",
            "  }",
            "}")
        .addOutputLines(
            "Lookup.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Lookup {",
            "  /** Looks the key up; the future is never null, and not-null when empty. */",
            "  CompletableFuture<String> find(String key) {",
            "    if (key.isEmpty()) {",
            "      return CompletableFuture.completedFuture(null);",
            "    }",
            "    return CompletableFuture.completedFuture(key);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Patch mode over the corpus (issue 14): Vert.x's WebSocketGroup.tryAcquire and
   * Http2ServerResponse.checkSendHeaders return null as a signal their callers test, the lambdas of
   * HttpClientImpl pass on the null of another future, DefaultRedirectHandler.apply implements
   * Function.apply for consumers that read null as "no redirect": an empty future would change what
   * the code does. Reported, without the fix, saying why.
   */
  @Test
  public void noFixWhereTheNullIsASignal_realCode() {
    refactoring
        .addInputLines(
            "Group.java",
            "import io.vertx.core.Future;",
            "import java.util.function.BiFunction;",
            "import java.util.function.Function;",
            "class Group {",
            "  int inflight;",
            "  private Future<String> tryAcquire() {",
            "    if (inflight > 3) {",
            "      return Future.succeededFuture(\"queued\");",
            "    }",
            "    inflight++;",
            "    return null;",
            "  }",
            "  Future<String> connect() {",
            "    Future<String> res = tryAcquire();",
            "    if (res == null) {",
            "      res = Future.succeededFuture(\"connected\");",
            "    }",
            "    return res;",
            "  }",
            "  private Future<Void> checkSendHeaders(boolean end) {",
            "    return end ? null : Future.succeededFuture();",
            "  }",
            "  boolean sent(boolean end) {",
            "    return checkSendHeaders(end) != null;",
            "  }",
            "  abstract static class Endpoint {",
            "    abstract Future<String> requestConnection();",
            "  }",
            "  <T> Future<T> withResource(BiFunction<Endpoint, Boolean, Future<T>> f) {",
            "    return f.apply(null, true);",
            "  }",
            "  Future<String> lease() {",
            "    return withResource((endpoint, created) -> {",
            "      Future<String> fut = endpoint.requestConnection();",
            "      if (fut == null) {",
            "        return null;",
            "      }",
            "      return fut.map(x -> x);",
            "    });",
            "  }",
            "  static class Redirects implements Function<String, Future<String>> {",
            "    @Override public Future<String> apply(String status) {",
            "      if (!status.startsWith(\"3\")) {",
            "        return null;",
            "      }",
            "      return Future.succeededFuture(status);",
            "    }",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
    helper
        .addSourceLines(
            "Sentinel.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Sentinel {",
            "  private CompletableFuture<String> cached(String key) {",
            "    // BUG: Diagnostic contains: No fix here: its callers in this file test the result"
                + " for null",
            "    return key.isEmpty() ? null : CompletableFuture.completedFuture(key);",
            "  }",
            "  CompletableFuture<String> get(String key) {",
            "    CompletableFuture<String> hit = cached(key);",
            "    return hit != null ? hit : CompletableFuture.completedFuture(\"miss\");",
            "  }",
            "  CompletableFuture<String> relay(CompletableFuture<String> upstream) {",
            "    // BUG: Diagnostic contains: No fix here: it passes on the null of 'upstream'",
            "    return upstream == null ? null : upstream.thenApply(x -> x);",
            "  }",
            "}")
        .doTest();
  }

  /** The same method with no caller that tests for null, and no relay: the fix is offered. */
  @Test
  public void fixWhereNothingReadsTheNull() {
    refactoring
        .addInputLines(
            "Group.java",
            "import io.vertx.core.Future;",
            "class Group {",
            "  private Future<String> tryAcquire(int inflight) {",
            "    if (inflight > 3) {",
            "      return Future.succeededFuture(\"queued\");",
            "    }",
            "    return null;",
            "  }",
            "  Future<String> connect(int inflight) {",
            "    return tryAcquire(inflight).map(s -> s + \"!\");",
            "  }",
            "}")
        .addOutputLines(
            "Group.java",
            "import io.vertx.core.Future;",
            "class Group {",
            "  private Future<String> tryAcquire(int inflight) {",
            "    if (inflight > 3) {",
            "      return Future.succeededFuture(\"queued\");",
            "    }",
            "    return Future.succeededFuture();",
            "  }",
            "  Future<String> connect(int inflight) {",
            "    return tryAcquire(inflight).map(s -> s + \"!\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Odd.java",
            "import java.util.concurrent.*;",
            "class Odd<F extends CompletableFuture<String>> {",
            "  // A type variable bounded by a future: generic code, left alone.",
            "  F typeVariable() { return null; }",
            "  record R(CompletableFuture<String> f) { CompletableFuture<String> g() { return f; }"
                + " }",
            "  enum E { A; CompletableFuture<String> f() { return"
                + " CompletableFuture.completedFuture(name()); } }",
            "  Object anonymous() {",
            "    return new Callable<CompletableFuture<String>>() {",
            "      // BUG: Diagnostic contains: NullFutureReturned",
            "      public CompletableFuture<String> call() { return null; }",
            "    };",
            "  }",
            "  CompletableFuture<String> switched(int x) {",
            "    return switch (x) { case 1 -> CompletableFuture.completedFuture(\"\"); default ->"
                + " CompletableFuture.failedFuture(new Exception()); };",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void fix_returnsTheEmptyValueOfEachType() {
    refactoring
        .addInputLines(
            "Repo.java",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import java.util.concurrent.*;",
            "import reactor.core.publisher.*;",
            "class Repo {",
            "  CompletableFuture<String> find(String id) {",
            "    return id == null ? null : CompletableFuture.completedFuture(id);",
            "  }",
            "  CompletionStage<String> stage() {",
            "    return null;",
            "  }",
            "  Mono<String> mono() { return null; }",
            "  Flux<String> flux() { return null; }",
            "  ListenableFuture<String> guava() { return null; }",
            "  io.reactivex.rxjava3.core.Maybe<String> maybe() { return null; }",
            "  java.util.function.Supplier<CompletableFuture<String>> lambda() { return () -> null;"
                + " }",
            "}")
        .addOutputLines(
            "Repo.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import io.reactivex.rxjava3.core.Maybe;",
            "import java.util.concurrent.*;",
            "import reactor.core.publisher.*;",
            "class Repo {",
            "  CompletableFuture<String> find(String id) {",
            "    return id == null ? CompletableFuture.completedFuture(null) :"
                + " CompletableFuture.completedFuture(id);",
            "  }",
            "  CompletionStage<String> stage() {",
            "    return CompletableFuture.completedFuture(null);",
            "  }",
            "  Mono<String> mono() { return Mono.empty(); }",
            "  Flux<String> flux() { return Flux.empty(); }",
            "  ListenableFuture<String> guava() { return Futures.immediateFuture(null); }",
            "  io.reactivex.rxjava3.core.Maybe<String> maybe() { return Maybe.empty(); }",
            "  java.util.function.Supplier<CompletableFuture<String>> lambda() { return () ->"
                + " CompletableFuture.completedFuture(null); }",
            "}")
        .doTest();
  }

  @Test
  public void noFixForTypesWithoutAnEmptyValueOrForSubclasses() {
    refactoring
        .addInputLines(
            "NoFix.java",
            "import java.util.concurrent.CompletableFuture;",
            "class NoFix {",
            "  static class MyFuture<T> extends CompletableFuture<T> {}",
            "  MyFuture<String> mine() { return null; }",
            "  io.reactivex.rxjava3.core.Single<String> single() { return null; }",
            "  org.reactivestreams.Publisher<String> publisher() { return null; }",
            "}")
        .expectUnchanged()
        .doTest();
  }
}
