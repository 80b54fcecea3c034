package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class NeedlessAsyncTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(NeedlessAsync.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(NeedlessAsync.class, getClass());

  @Test
  public void supplyAsyncOfAValueMessage() {
    helper
        .addSourceLines(
            "Defaults.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Defaults {",
            "  CompletableFuture<String> currency() {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    return CompletableFuture.supplyAsync(() -> \"EUR\");",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "supplyAsync(...) only returns '\"EUR\"', a value that is already there: it"
                        + " schedules a task on the common pool just to complete a future with"
                        + " it; use CompletableFuture.completedFuture(\"EUR\")"))
        .doTest();
  }

  @Test
  public void supplyAsyncOfTrivialValuesBecomesCompletedFuture() {
    refactoring
        .addInputLines(
            "Defaults.java",
            "import static java.util.concurrent.CompletableFuture.supplyAsync;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "class Defaults {",
            "  enum Tier { GOLD, SILVER }",
            "  static final int MAX_ITEMS = 50;",
            "  private static final List<String> REGIONS = List.of(\"eu\", \"us\");",
            "  private final String shop;",
            "  Defaults(String shop) { this.shop = shop; }",
            "  CompletableFuture<Integer> max() { return CompletableFuture.supplyAsync(() ->"
                + " MAX_ITEMS); }",
            "  CompletableFuture<List<String>> regions() { return supplyAsync(() -> REGIONS); }",
            "  CompletableFuture<Tier> tier() { return CompletableFuture.supplyAsync(() ->"
                + " Tier.GOLD); }",
            "  CompletableFuture<String> shop() { return CompletableFuture.supplyAsync(() ->"
                + " this.shop); }",
            "  CompletableFuture<String> echo(String id) {",
            "    return CompletableFuture.supplyAsync(() -> { return id; });",
            "  }",
            "  CompletableFuture<Void> nothing() { return CompletableFuture.supplyAsync(() ->"
                + " null); }",
            "  CompletableFuture<Object> typed() { return CompletableFuture.<Object>supplyAsync(()"
                + " -> shop); }",
            "  CompletableFuture<Integer> hops() { return CompletableFuture.supplyAsync(() ->"
                + " shop).thenApplyAsync(String::length); }",
            "}")
        .addOutputLines(
            "Defaults.java",
            "import static java.util.concurrent.CompletableFuture.supplyAsync;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "class Defaults {",
            "  enum Tier { GOLD, SILVER }",
            "  static final int MAX_ITEMS = 50;",
            "  private static final List<String> REGIONS = List.of(\"eu\", \"us\");",
            "  private final String shop;",
            "  Defaults(String shop) { this.shop = shop; }",
            "  CompletableFuture<Integer> max() { return"
                + " CompletableFuture.completedFuture(MAX_ITEMS); }",
            "  CompletableFuture<List<String>> regions() { return"
                + " CompletableFuture.completedFuture(REGIONS); }",
            "  CompletableFuture<Tier> tier() { return"
                + " CompletableFuture.completedFuture(Tier.GOLD); }",
            "  CompletableFuture<String> shop() { return"
                + " CompletableFuture.completedFuture(this.shop); }",
            "  CompletableFuture<String> echo(String id) {",
            "    return CompletableFuture.completedFuture(id);",
            "  }",
            "  CompletableFuture<Void> nothing() { return"
                + " CompletableFuture.completedFuture(null); }",
            "  CompletableFuture<Object> typed() { return"
                + " CompletableFuture.<Object>completedFuture(shop); }",
            "  CompletableFuture<Integer> hops() { return"
                + " CompletableFuture.completedFuture(shop).thenApplyAsync(String::length); }",
            "}")
        .doTest();
  }

  @Test
  public void supplyAsyncThatMayBeDeliberateIsLeftAlone() {
    helper
        .addSourceLines(
            "Offload.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Offload {",
            "  private String cached = \"\";",
            "  static class Config { final String name = \"x\"; }",
            "  int compute(int x) { return x * x; }",
            "  void f(int x, Config config, String id) {",
            "    CompletableFuture.supplyAsync(() -> compute(x));",
            "    CompletableFuture.supplyAsync(() -> cached);",
            "    CompletableFuture.supplyAsync(() -> config.name);",
            "    CompletableFuture.supplyAsync(() -> x + 1);",
            "    CompletableFuture.supplyAsync(() -> new StringBuilder(id));",
            "    CompletableFuture.supplyAsync(() -> id).thenApply(this::load);",
            "    CompletableFuture.supplyAsync(() -> id).thenAccept(i -> compute(i.length()));",
            "    CompletableFuture.supplyAsync(() -> id).whenComplete((i, e) -> compute(1));",
            "    CompletableFuture.runAsync(() -> {});",
            "    CompletableFuture.supplyAsync(() -> \"none\", Runnable::run);",
            "  }",
            "  String load(String id) { return id; }",
            "}")
        .doTest();
  }

  @Test
  public void thenComposeOfCompletedFutureBecomesThenApply() {
    refactoring
        .addInputLines(
            "Cart.java",
            "import static java.util.concurrent.CompletableFuture.completedFuture;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import java.util.concurrent.Executor;",
            "class Cart {",
            "  record Line(String sku, int quantity) {}",
            "  CompletableFuture<Line> line(String sku) { return null; }",
            "  CompletableFuture<Integer> quantity(String sku) {",
            "    return line(sku).thenCompose(l -> completedFuture(l.quantity()));",
            "  }",
            "  CompletionStage<String> label(CompletionStage<Line> line, Executor e) {",
            "    return line.thenComposeAsync(l -> {",
            "      return CompletableFuture.completedStage(l.sku() + \" x\" + l.quantity());",
            "    }, e);",
            "  }",
            "}")
        .addOutputLines(
            "Cart.java",
            "import static java.util.concurrent.CompletableFuture.completedFuture;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import java.util.concurrent.Executor;",
            "class Cart {",
            "  record Line(String sku, int quantity) {}",
            "  CompletableFuture<Line> line(String sku) { return null; }",
            "  CompletableFuture<Integer> quantity(String sku) {",
            "    return line(sku).thenApply(l -> l.quantity());",
            "  }",
            "  CompletionStage<String> label(CompletionStage<Line> line, Executor e) {",
            "    return line.thenApplyAsync(l -> {",
            "      return l.sku() + \" x\" + l.quantity();",
            "    }, e);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void thenComposeMessageAndMismatchedTypes() {
    helper
        .addSourceLines(
            "Cart.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Cart {",
            "  CompletableFuture<String> sku() { return null; }",
            "  CompletableFuture<Integer> length() {",
            "    return sku().thenCompose(",
            "        // BUG: Diagnostic contains: completedFuture(...) only wraps the value of this"
                + " thenCompose function, so the composition adds nothing; use thenApply(...)",
            "        s -> CompletableFuture.completedFuture(s.length()));",
            "  }",
            "  CompletableFuture<Number> widened() {",
            "    // BUG: Diagnostic contains: use thenApply",
            "    return sku().thenCompose(s -> CompletableFuture.completedFuture(s.length()));",
            "  }",
            "}")
        .doTest();
    refactoring
        .addInputLines(
            "Cart.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Cart {",
            "  CompletableFuture<String> sku() { return null; }",
            "  CompletableFuture<Number> widened() {",
            "    return sku().thenCompose(s -> CompletableFuture.completedFuture(s.length()));",
            "  }",
            "  CompletableFuture<Object> witness() {",
            "    return sku().thenCompose(s -> CompletableFuture.<Object>completedFuture(s));",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void compositionsThatDoMoreAreLeftAlone() {
    helper
        .addSourceLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Orders {",
            "  CompletableFuture<String> fetch(String id) { return null; }",
            "  Mono<String> find(String id) { return Mono.just(id); }",
            "  void f(CompletableFuture<String> id, Mono<String> m, Flux<String> ids, boolean c) {",
            "    id.thenCompose(this::fetch);",
            "    id.thenCompose(i -> fetch(i));",
            "    id.thenCompose(i -> c ? CompletableFuture.completedFuture(i) : fetch(i));",
            "    id.thenCompose(i -> {",
            "      if (i.isEmpty()) {",
            "        return CompletableFuture.completedFuture(\"none\");",
            "      }",
            "      return fetch(i);",
            "    });",
            "    id.thenCompose(i -> CompletableFuture.failedFuture(new"
                + " IllegalStateException(i)));",
            "    id.thenApply(i -> CompletableFuture.completedFuture(i));",
            "    m.flatMap(this::find);",
            "    m.flatMap(s -> s.isEmpty() ? Mono.empty() : Mono.just(s));",
            "    ids.flatMap(s -> find(s));",
            "    ids.flatMap(s -> Mono.just(s), 4);",
            "    Mono.defer(() -> find(\"x\"));",
            "    Mono.defer(() -> Mono.just(new Object().toString()));",
            "    m.map(s -> Mono.just(s));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void reactorFlatMapOfJustBecomesMap() {
    refactoring
        .addInputLines(
            "Catalog.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Catalog {",
            "  record Item(String sku, long cents) {}",
            "  Mono<Long> price(Mono<Item> item) {",
            "    return item.flatMap(i -> Mono.just(i.cents() * 2));",
            "  }",
            "  Flux<String> skus(Flux<Item> items) {",
            "    return items.flatMap(i -> Mono.just(\"sku-\" + i.sku()));",
            "  }",
            "  Flux<Item> same(Flux<Item> items) {",
            "    return items.concatMap(i -> Mono.just(i));",
            "  }",
            "}")
        .addOutputLines(
            "Catalog.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Catalog {",
            "  record Item(String sku, long cents) {}",
            "  Mono<Long> price(Mono<Item> item) {",
            "    return item.map(i -> i.cents() * 2);",
            "  }",
            "  Flux<String> skus(Flux<Item> items) {",
            "    return items.map(i -> \"sku-\" + i.sku());",
            "  }",
            "  Flux<Item> same(Flux<Item> items) {",
            "    return items.map(i -> i);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void reactorValuesThatMayBeNullAreMessageOnly() {
    helper
        .addSourceLines(
            "Catalog.java",
            "import reactor.core.publisher.Mono;",
            "class Catalog {",
            "  record Item(String sku, String description) {}",
            "  Mono<String> description(Mono<Item> item) {",
            "    // BUG: Diagnostic contains: no fix: map(...) signals a null from"
                + " 'i.description()'",
            "    return item.flatMap(i -> Mono.just(i.description()));",
            "  }",
            "}")
        .doTest();
    refactoring
        .addInputLines(
            "Catalog.java",
            "import reactor.core.publisher.Mono;",
            "class Catalog {",
            "  record Item(String sku, String description) {}",
            "  Mono<String> description(Mono<Item> item) {",
            "    return item.flatMap(i -> Mono.just(i.description()));",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void monoDeferOfAConstantBecomesJust() {
    refactoring
        .addInputLines(
            "Flags.java",
            "import reactor.core.publisher.Mono;",
            "class Flags {",
            "  static final String DEFAULT_PLAN = \"basic\";",
            "  enum Mode { LIVE, TEST }",
            "  Mono<String> plan() { return Mono.defer(() -> Mono.just(DEFAULT_PLAN)); }",
            "  Mono<Mode> mode() { return Mono.defer(() -> Mono.just(Mode.LIVE)); }",
            "  Mono<Integer> limit(int max) { return Mono.defer(() -> Mono.just(max)); }",
            "}")
        .addOutputLines(
            "Flags.java",
            "import reactor.core.publisher.Mono;",
            "class Flags {",
            "  static final String DEFAULT_PLAN = \"basic\";",
            "  enum Mode { LIVE, TEST }",
            "  Mono<String> plan() { return Mono.just(DEFAULT_PLAN); }",
            "  Mono<Mode> mode() { return Mono.just(Mode.LIVE); }",
            "  Mono<Integer> limit(int max) { return Mono.just(max); }",
            "}")
        .doTest();
  }

  @Test
  public void monoDeferThatMayDeferSomethingIsLeftAlone() {
    helper
        .addSourceLines(
            "Flags.java",
            "import reactor.core.publisher.Mono;",
            "class Flags {",
            "  private String current = \"a\";",
            "  private final String fixed;",
            "  Flags(String fixed) { this.fixed = fixed; }",
            "  Mono<String> f(String id) {",
            "    Mono.defer(() -> Mono.just(current));",
            "    Mono.defer(() -> Mono.just(fixed));",
            "    Mono.defer(() -> Mono.just(id));",
            "    return Mono.defer(() -> Mono.just(System.nanoTime()).map(String::valueOf));",
            "  }",
            "}")
        .doTest();
  }

  private static final String[] LEDGER = {
    "import com.google.common.util.concurrent.Futures;",
    "import com.google.common.util.concurrent.ListenableFuture;",
    "import com.google.common.util.concurrent.MoreExecutors;",
    "class Ledger {",
    "  record Account(String id, long cents) {}",
    "  ListenableFuture<Long> balance(ListenableFuture<Account> account) {",
    "    return Futures.transformAsync(account, a -> Futures.immediateFuture(a.cents()),",
    "        MoreExecutors.directExecutor());",
    "  }",
    "}"
  };

  @Test
  public void guavaTransformAsyncIsLeftToErrorProne() {
    helper.addSourceLines("Ledger.java", LEDGER).doTest();
  }

  @Test
  public void guavaTransformAsyncWhenErrorPronesOwnCheckIsOff() {
    refactoring
        .setArgs("-XepIgnoreUnknownCheckNames", "-Xep:FutureTransformAsync:OFF")
        .addInputLines("Ledger.java", LEDGER)
        .addOutputLines(
            "Ledger.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "class Ledger {",
            "  record Account(String id, long cents) {}",
            "  ListenableFuture<Long> balance(ListenableFuture<Account> account) {",
            "    return Futures.transform(account, a -> a.cents(),",
            "        MoreExecutors.directExecutor());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void guavaLambdaThatThrowsCheckedExceptionsIsLeftAlone() {
    helper
        .setArgs("-XepIgnoreUnknownCheckNames", "-Xep:FutureTransformAsync:OFF")
        .addSourceLines(
            "Files.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import java.io.IOException;",
            "class Files {",
            "  byte[] read(String path) throws IOException { return new byte[0]; }",
            "  ListenableFuture<byte[]> f(ListenableFuture<String> path) {",
            "    return Futures.transformAsync(path, p -> Futures.immediateFuture(read(p)),",
            "        MoreExecutors.directExecutor());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Odd.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Function;",
            "import java.util.function.Supplier;",
            "class Odd {",
            "  enum Kind { A, B }",
            "  record Pair(String a, String b) {}",
            "  void f(Kind kind, CompletableFuture<Pair> pair) {",
            "    Supplier<Integer> s = () -> switch (kind) { case A -> 1; case B -> 2; };",
            "    CompletableFuture.supplyAsync(s);",
            "    CompletableFuture.supplyAsync(new Supplier<String>() {",
            "      @Override public String get() { return \"x\"; }",
            "    });",
            "    Function<Pair, CompletableFuture<String>> first = p ->"
                + " CompletableFuture.completedFuture(p.a());",
            "    pair.thenCompose(first);",
            "    // BUG: Diagnostic contains: use thenApply",
            "    pair.thenCompose(p -> CompletableFuture.completedFuture(",
            "        pair.thenCompose(q -> CompletableFuture.supplyAsync(() -> q.b()))));",
            "  }",
            "}")
        .doTest();
  }
}
