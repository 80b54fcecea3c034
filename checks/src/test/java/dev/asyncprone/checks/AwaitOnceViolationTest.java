package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class AwaitOnceViolationTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(AwaitOnceViolation.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(AwaitOnceViolation.class, getClass());

  /** An API whose results may be consumed once: a client over HTTP, a query handle. */
  private CompilationTestHelper withApi() {
    return helper
        .addSourceLines(
            "OrderClient.java",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.smallrye.mutiny.Uni;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "interface OrderClient {",
            "  /** Sends POST /orders each time it is subscribed. */",
            "  @AwaitOnce Mono<String> create(String order);",
            "  @AwaitOnce Flux<String> lines(String order);",
            "  @AwaitOnce CompletableFuture<String> reserve(String order);",
            "  @AwaitOnce Uni<String> price(String order);",
            "  @AwaitOnce Single<String> tax(String order);",
            "  Mono<String> find(String order);",
            "}")
        .addSourceLines(
            "QueryHandle.java",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.stream.Stream;",
            "@AwaitOnce",
            "interface QueryHandle extends Iterable<String> {",
            "  String id();",
            "  boolean isDone();",
            "  Stream<String> rows();",
            "  CompletableFuture<Integer> count();",
            "}")
        .addSourceLines(
            "Auditor.java",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import reactor.core.publisher.Mono;",
            "interface Auditor {",
            "  Mono<Void> record(@AwaitOnce Mono<String> created);",
            "  void log(Object anything);",
            "}");
  }

  // ---------------------------------------------------------------- two consumptions on one path

  @Test
  public void streamConsumedTwice() {
    helper
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  void print(List<String> orders) {",
            "    Stream<String> open = orders.stream().filter(o -> o.startsWith(\"open\"));",
            "    long n = open.count();",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    open.forEach(System.out::println);",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "Stream 'open' is consumed twice on one path: by open.count() at line 6, then"
                        + " by open.forEach(System.out::println) at line 8. A stream can be"
                        + " consumed only once: the second operation throws"
                        + " IllegalStateException. Collect it once into a List and stream the"
                        + " list for each use."))
        .doTest();
  }

  @Test
  public void primitiveStreamParameterConsumedTwice() {
    helper
        .addSourceLines(
            "Stats.java",
            "import java.util.stream.IntStream;",
            "class Stats {",
            "  double mean(IntStream amounts) {",
            "    long n = amounts.count();",
            "    // BUG: Diagnostic contains: IntStream 'amounts' is consumed twice on one path",
            "    return n == 0 ? 0 : amounts.sum() / (double) n;",
            "  }",
            "}")
        .doTest();
  }

  /** The local's declared type says nothing; the value assigned later is what counts. */
  @Test
  public void awaitOnceValueGivenByAssignmentThenSubscribedTwice() {
    withApi()
        .addSourceLines(
            "Checkout.java",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  void place(OrderClient client, String order, boolean express) {",
            "    Mono<String> created;",
            "    if (express) {",
            "      created = client.create(order + \"!\");",
            "    } else {",
            "      created = client.create(order);",
            "    }",
            "    created.subscribe();",
            "    // BUG: Diagnostic contains: consumed twice on one path",
            "    created.subscribe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void awaitOnceMonoSubscribedThenReturned() {
    withApi()
        .addSourceLines(
            "Checkout.java",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  Mono<String> place(OrderClient client, String order) {",
            "    Mono<String> created = client.create(order);",
            "    created.subscribe();",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    return created;",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "'created' (the Mono returned by @AwaitOnce OrderClient.create()) is returned"
                        + " at line 7 after it was consumed by created.subscribe() at line 5: the"
                        + " caller gets a value that was already consumed. A Mono is cold: every"
                        + " consumption subscribes again and repeats its work and side effects"
                        + " (the request is sent again, the row inserted again). Consume it once,"
                        + " or share one result with .cache() where it is made."))
        .doTest();
  }

  @Test
  public void awaitOnceMonoBlockedThenComposed() {
    withApi()
        .addSourceLines(
            "Checkout.java",
            "import java.time.Duration;",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  Mono<Integer> place(OrderClient client, String order) {",
            "    Mono<String> created = client.create(order);",
            "    String id = created.block(Duration.ofSeconds(5));",
            "    System.out.println(id);",
            "    // BUG: Diagnostic contains: by created.block(Duration.ofSeconds(5)) at line 6,"
                + " then by created.map(String::length) at line 9",
            "    return created.map(String::length);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void derivedColdPublisherKeepsTheContract() {
    withApi()
        .addSourceLines(
            "Checkout.java",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  void place(OrderClient client, String order) {",
            "    Mono<Integer> size = client.create(order).map(String::length).filter(n -> n > 0);",
            "    size.subscribe(System.out::println);",
            "    // BUG: Diagnostic contains: 'size' (the Mono returned by @AwaitOnce"
                + " OrderClient.create())",
            "    size.subscribe(System.out::println);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void awaitOnceFutureJoinedThenComposed() {
    withApi()
        .addSourceLines(
            "Stock.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Stock {",
            "  CompletableFuture<Integer> hold(OrderClient client, String order) {",
            "    CompletableFuture<String> reservation = client.reserve(order);",
            "    System.out.println(reservation.join());",
            "    // BUG: Diagnostic contains: @AwaitOnce promises nothing for a second consumption",
            "    return reservation.thenApply(String::length);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void awaitOnceUniAndSingle() {
    withApi()
        .addSourceLines(
            "Pricing.java",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.smallrye.mutiny.Uni;",
            "class Pricing {",
            "  String quote(OrderClient client, String order) {",
            "    Uni<String> price = client.price(order);",
            "    price.subscribe().with(System.out::println);",
            "    // BUG: Diagnostic contains: share one result with .memoize().indefinitely()",
            "    String p = price.await().indefinitely();",
            "    Single<String> tax = client.tax(order);",
            "    String t = tax.blockingGet();",
            "    // BUG: Diagnostic contains: A Single is cold",
            "    tax.subscribe(System.out::println);",
            "    return p + t;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void awaitOnceInheritedFromTheInterfaceMethod() {
    withApi()
        .addSourceLines(
            "HttpOrderClient.java",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.smallrye.mutiny.Uni;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "abstract class HttpOrderClient implements OrderClient {",
            "  @Override public Mono<String> create(String order) { return Mono.just(order); }",
            "  void twice(HttpOrderClient client) {",
            "    Mono<String> created = client.create(\"o-1\");",
            "    created.subscribe();",
            "    // BUG: Diagnostic contains: consumed twice",
            "    created.subscribe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void passingToAnAwaitOnceParameterConsumes() {
    withApi()
        .addSourceLines(
            "Checkout.java",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  Mono<Void> place(OrderClient client, Auditor auditor, String order) {",
            "    Mono<String> created = client.create(order);",
            "    Mono<Void> audited = auditor.record(created);",
            "    // BUG: Diagnostic contains: by passing it to record(...) at line 5, then by"
                + " created.then(audited) at line 7",
            "    return created.then(audited);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void composingIntoAnotherPublisherConsumes() {
    withApi()
        .addSourceLines(
            "Checkout.java",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  Mono<String> place(OrderClient client, String order) {",
            "    Mono<String> created = client.create(order);",
            "    Mono<String> both = Mono.zip(created, client.find(order)).map(t -> t.getT1());",
            "    // BUG: Diagnostic contains: by passing it to zip(...) at line 5",
            "    created.subscribe();",
            "    return both;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void awaitOnceParameterIsConsumedOnceInside() {
    helper
        .addSourceLines(
            "Audit.java",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import reactor.core.publisher.Mono;",
            "class Audit {",
            "  void record(@AwaitOnce Mono<String> created) {",
            "    created.subscribe();",
            "    // BUG: Diagnostic contains: 'created' (an @AwaitOnce parameter)",
            "    created.block();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void awaitOnceTypeConsumedTwice() {
    withApi()
        .addSourceLines(
            "Export.java",
            "class Export {",
            "  void export(QueryHandle handle) {",
            "    System.out.println(handle.id() + \" \" + handle.isDone());",
            "    handle.rows().forEach(System.out::println);",
            "    // BUG: Diagnostic contains: 'handle' (a QueryHandle, an @AwaitOnce type)",
            "    handle.count().join();",
            "  }",
            "  void iterate(QueryHandle handle) {",
            "    for (String row : handle) {",
            "      System.out.println(row);",
            "    }",
            "    // BUG: Diagnostic contains: by a for-each loop at line 9, then by"
                + " handle.rows()",
            "    handle.rows().count();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void staticAwaitConsumes() {
    helper
        .addSourceLines(
            "Lease.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import java.util.concurrent.ExecutionException;",
            "abstract class Lease {",
            "  @AwaitOnce abstract ListenableFuture<String> acquire();",
            "  String twice() throws Exception {",
            "    ListenableFuture<String> lease = acquire();",
            "    String first = Futures.getUnchecked(lease);",
            "    // BUG: Diagnostic contains: by Futures.getUnchecked(lease) at line 9, then by"
                + " lease.get()",
            "    return first + lease.get();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void switchFallThroughConsumesTwice() {
    helper
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  void print(List<String> orders, int mode) {",
            "    Stream<String> s = orders.stream();",
            "    switch (mode) {",
            "      case 1:",
            "        System.out.println(s.count());",
            "      case 2:",
            "        // BUG: Diagnostic contains: consumed twice on one path",
            "        s.forEach(System.out::println);",
            "        break;",
            "      default:",
            "        break;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void bothSidesOfAnd() {
    helper
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  boolean check(List<String> orders) {",
            "    Stream<String> s = orders.stream();",
            "    // BUG: Diagnostic contains: by s.anyMatch(String::isEmpty) at line 7, then by",
            "    return s.anyMatch(String::isEmpty) && s.allMatch(o -> o.length() < 10);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void consumedBeforeAThrowingCallAndAgainInTheCatch() {
    helper
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  void save(long n) {}",
            "  void print(List<String> orders) {",
            "    Stream<String> s = orders.stream();",
            "    try {",
            "      long n = s.count();",
            "      save(n);",
            "    } catch (RuntimeException e) {",
            "      // BUG: Diagnostic contains: by s.count() at line 8",
            "      s.forEach(System.out::println);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void consumedInALambdaAfterItWasConsumed() {
    helper
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.concurrent.Executor;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  void print(List<String> orders, Executor executor) {",
            "    Stream<String> s = orders.stream();",
            "    long n = s.count();",
            "    // BUG: Diagnostic contains: by s.count() at line 7, then by s.forEach",
            "    executor.execute(() -> s.forEach(System.out::println));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void boundMethodReferenceConsumes() {
    helper
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.function.Supplier;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  long print(List<String> orders) {",
            "    Stream<String> s = orders.stream();",
            "    Supplier<Long> counter = s::count;",
            "    // BUG: Diagnostic contains: by s::count at line 7, then by",
            "    s.forEach(System.out::println);",
            "    return counter.get();",
            "  }",
            "}")
        .doTest();
  }

  // ------------------------------------------------------------------------- loops and lambdas

  @Test
  public void consumedInALoop() {
    helper
        .addSourceLines(
            "Matcher.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Matcher {",
            "  int known(List<String> ids, List<String> catalog) {",
            "    Stream<String> names = catalog.stream().map(String::trim);",
            "    int found = 0;",
            "    for (String id : ids) {",
            "      // BUG: Diagnostic matches: MESSAGE",
            "      if (names.anyMatch(id::equals)) {",
            "        found++;",
            "      }",
            "    }",
            "    return found;",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "Stream 'names' is consumed by names.anyMatch(id::equals) at line 9 on every"
                        + " iteration of a loop, but it holds one value, made before the loop. A"
                        + " stream can be consumed only once"))
        .doTest();
  }

  @Test
  public void consumedInWhileAndDoLoops() {
    withApi()
        .addSourceLines(
            "Poller.java",
            "import reactor.core.publisher.Mono;",
            "class Poller {",
            "  void poll(OrderClient client, String order) {",
            "    Mono<String> created = client.create(order);",
            "    int tries = 0;",
            "    while (tries++ < 3) {",
            "      // BUG: Diagnostic contains: on every iteration of a loop",
            "      if (created.block() != null) {",
            "        return;",
            "      }",
            "    }",
            "  }",
            "  void pollAgain(OrderClient client, String order) {",
            "    Mono<String> created = client.create(order);",
            "    String result;",
            "    do {",
            "      // BUG: Diagnostic contains: on every iteration of a loop",
            "      result = created.block();",
            "    } while (result == null);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void consumedInALambdaThatRunsPerElement() {
    withApi()
        .addSourceLines(
            "Matcher.java",
            "import java.util.List;",
            "import java.util.stream.Collectors;",
            "import java.util.stream.Stream;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Matcher {",
            "  List<String> known(List<String> ids, List<String> catalog) {",
            "    Stream<String> names = catalog.stream();",
            "    return ids.stream()",
            "        // BUG: Diagnostic matches: MESSAGE",
            "        .filter(id -> names.anyMatch(id::equals))",
            "        .collect(Collectors.toList());",
            "  }",
            "  void notify(List<String> ids, OrderClient client) {",
            "    Mono<String> created = client.create(\"o-1\");",
            "    // BUG: Diagnostic contains: in a lambda that forEach(...) may run many times",
            "    ids.forEach(id -> created.subscribe());",
            "  }",
            "  Flux<String> fan(Flux<String> ids, OrderClient client) {",
            "    Mono<String> created = client.create(\"o-1\");",
            "    // BUG: Diagnostic contains: in a lambda that flatMap(...) may run many times",
            "    return ids.flatMap(id -> created.map(c -> c + id));",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "Stream 'names' is consumed by names.anyMatch(id::equals) at line 11 in a"
                        + " lambda that filter(...) may run many times, but it holds one value,"
                        + " made outside the lambda."))
        .doTest();
  }

  @Test
  public void twiceInsideALambdaBody() {
    helper
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  CompletableFuture<Long> print(List<String> orders) {",
            "    return CompletableFuture.supplyAsync(() -> {",
            "      Stream<String> s = orders.stream();",
            "      s.forEach(System.out::println);",
            "      // BUG: Diagnostic contains: consumed twice on one path",
            "      return s.count();",
            "    });",
            "  }",
            "  void perStream(List<Stream<String>> batches) {",
            "    // BUG: Diagnostic contains: Stream 's' is consumed twice",
            "    batches.forEach(s -> System.out.println(s.count() + s.count()));",
            "  }",
            "}")
        .doTest();
  }

  // -------------------------------------------------------------------- escapes after consuming

  @Test
  public void storedAfterConsuming() {
    withApi()
        .addSourceLines(
            "Registry.java",
            "import java.util.ArrayList;",
            "import java.util.HashMap;",
            "import java.util.List;",
            "import java.util.Map;",
            "import reactor.core.publisher.Mono;",
            "class Registry {",
            "  private Mono<String> last;",
            "  private final List<Mono<String>> pending = new ArrayList<>();",
            "  private final Map<String, Mono<String>> byId = new HashMap<>();",
            "  void keep(OrderClient client, String order) {",
            "    Mono<String> created = client.create(order);",
            "    created.subscribe();",
            "    // BUG: Diagnostic contains: is stored in a field at line 14 after it was"
                + " consumed",
            "    last = created;",
            "    // BUG: Diagnostic contains: is added to a collection by add(...) at line 16",
            "    pending.add(created);",
            "    // BUG: Diagnostic contains: is added to a collection by put(...)",
            "    byId.put(order, created);",
            "  }",
            "}")
        .doTest();
  }

  // ------------------------------------------------------------------------- left alone: paths

  @Test
  public void ifElseLeftAlone() {
    helper
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  long print(List<String> orders, boolean all) {",
            "    Stream<String> open = orders.stream();",
            "    if (all) {",
            "      return open.count();",
            "    } else {",
            "      return open.filter(o -> o.isEmpty()).count();",
            "    }",
            "  }",
            "  long after(List<String> orders, boolean all) {",
            "    Stream<String> open = orders.stream();",
            "    long n;",
            "    if (all) {",
            "      n = open.count();",
            "    } else {",
            "      n = open.filter(o -> o.isEmpty()).count();",
            "    }",
            "    return n;",
            "  }",
            "  long early(List<String> orders, boolean all) {",
            "    Stream<String> open = orders.stream();",
            "    if (all) {",
            "      return open.count();",
            "    }",
            "    return open.filter(String::isEmpty).count();",
            "  }",
            "  long ternary(List<String> orders, boolean all) {",
            "    Stream<String> open = orders.stream();",
            "    return all ? open.count() : open.filter(String::isEmpty).count();",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void switchArmsLeftAlone() {
    withApi()
        .addSourceLines(
            "Checkout.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  Mono<String> place(OrderClient client, String order, int mode) {",
            "    Mono<String> created = client.create(order);",
            "    switch (mode) {",
            "      case 1:",
            "        created.subscribe();",
            "        return Mono.empty();",
            "      case 2:",
            "        return created.map(String::trim);",
            "      default:",
            "        return created;",
            "    }",
            "  }",
            "  long count(List<String> orders, int mode) {",
            "    Stream<String> s = orders.stream();",
            "    return switch (mode) {",
            "      case 1 -> s.count();",
            "      case 2 -> s.filter(String::isEmpty).count();",
            "      default -> {",
            "        long n = s.distinct().count();",
            "        yield n;",
            "      }",
            "    };",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void tryAndTheCatchThatRunsWhenItFailedLeftAlone() {
    withApi()
        .addSourceLines(
            "Checkout.java",
            "import java.time.Duration;",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  String place(OrderClient client, String order) {",
            "    Mono<String> created = client.create(order);",
            "    try {",
            "      return created.block(Duration.ofSeconds(1));",
            "    } catch (IllegalStateException timedOut) {",
            "      return created.block(Duration.ofSeconds(10));",
            "    }",
            "  }",
            "  void print(List<String> orders) {",
            "    Stream<String> s = orders.stream();",
            "    try {",
            "      long n = s.count();",
            "      System.out.println(n);",
            "    } finally {",
            "      s.close();",
            "    }",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void loopsThatMakeTheirOwnValueLeftAlone() {
    withApi()
        .addSourceLines(
            "Batch.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "import reactor.core.publisher.Mono;",
            "class Batch {",
            "  void send(List<String> orders, OrderClient client) {",
            "    for (String order : orders) {",
            "      Mono<String> created = client.create(order);",
            "      created.subscribe();",
            "    }",
            "    Mono<String> next = client.create(\"first\");",
            "    for (int i = 0; i < 3; i++) {",
            "      next.subscribe();",
            "      next = client.create(\"retry-\" + i);",
            "    }",
            "  }",
            "  long total(List<Stream<String>> batches, List<String> ids) {",
            "    long n = 0;",
            "    for (Stream<String> batch : batches) {",
            "      n += batch.count();",
            "    }",
            "    Stream<String> once = ids.stream();",
            "    while (true) {",
            "      n += once.count();",
            "      break;",
            "    }",
            "    return n;",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void reassignmentAndChainsLeftAlone() {
    helper
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  List<String> clean(List<String> orders) {",
            "    Stream<String> s = orders.stream();",
            "    s = s.filter(o -> !o.isEmpty());",
            "    s = s.map(String::trim);",
            "    return s.distinct().sorted().toList();",
            "  }",
            "  long count(List<String> orders) {",
            "    Stream<String> s = orders.stream();",
            "    long n = s.count();",
            "    s = orders.stream();",
            "    return n + s.count();",
            "  }",
            "  void passThrough(List<String> orders) {",
            "    Stream<String> s = orders.stream();",
            "    s.onClose(() -> System.out.println(\"done\"));",
            "    System.out.println(s.isParallel() + \" \" + s.hashCode() + s.toString());",
            "    s.parallel().filter(o -> !o.isEmpty()).forEach(System.out::println);",
            "    s.close();",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void lambdasThatRunOnceLeftAlone() {
    withApi()
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.Optional;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import java.util.stream.Stream;",
            "import reactor.core.publisher.Mono;",
            "class Report {",
            "  void print(List<String> orders, Executor executor, Optional<String> header) {",
            "    Stream<String> s = orders.stream();",
            "    executor.execute(() -> s.forEach(System.out::println));",
            "    Stream<String> t = orders.stream();",
            "    header.ifPresent(h -> System.out.println(h + t.count()));",
            "    Stream<String> u = orders.stream();",
            "    CompletableFuture.runAsync(() -> {",
            "      if (orders.isEmpty()) {",
            "        System.out.println(u.count());",
            "      } else {",
            "        u.forEach(System.out::println);",
            "      }",
            "    }, executor);",
            "  }",
            "  Mono<String> thenCreate(Mono<String> login, OrderClient client) {",
            "    Mono<String> created = client.create(\"o-1\");",
            "    return login.flatMap(user -> created.map(id -> user + id));",
            "  }",
            "  void perElementOwnValue(List<String> ids, OrderClient client) {",
            "    ids.forEach(id -> client.create(id).subscribe());",
            "    ids.forEach(id -> {",
            "      Mono<String> created = client.create(id);",
            "      created.subscribe();",
            "    });",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void readsAndHandOversThatDoNotConsumeLeftAlone() {
    withApi()
        .addSourceLines(
            "Checkout.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  Mono<String> place(OrderClient client, Auditor auditor, String order) {",
            "    Mono<String> created = client.create(order);",
            "    auditor.log(created);",
            "    System.out.println(\"created \" + created);",
            "    if (created == null) {",
            "      return Mono.empty();",
            "    }",
            "    return created.doOnNext(System.out::println);",
            "  }",
            "  String id(QueryHandle handle) {",
            "    System.out.println(handle.id() + handle.isDone());",
            "    return handle.id() + handle.count().join();",
            "  }",
            "  boolean reserve(OrderClient client, String order) {",
            "    CompletableFuture<String> r = client.reserve(order);",
            "    if (r.isDone()) {",
            "      r.cancel(false);",
            "    }",
            "    return r.toCompletableFuture().join() != null;",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void valuesWithoutTheContractLeftAlone() {
    withApi()
        .addSourceLines(
            "Checkout.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  Mono<String> place(OrderClient client, String order) {",
            "    Mono<String> found = client.find(order);",
            "    found.subscribe();",
            "    found.subscribe();",
            "    Mono<String> shared = client.create(order).cache();",
            "    shared.subscribe();",
            "    return shared;",
            "  }",
            "  String join(CompletableFuture<String> f) {",
            "    return f.join() + f.join();",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  // ---------------------------------------------------------------------------- unusual code

  @Test
  public void unusualCodeDoesNotCrash() {
    withApi()
        .addSourceLines(
            "Unusual.java",
            "import java.util.List;",
            "import java.util.function.Function;",
            "import java.util.function.Supplier;",
            "import java.util.stream.Stream;",
            "import reactor.core.publisher.Mono;",
            "class Unusual {",
            "  record Page(List<String> rows) {",
            "    Page {",
            "      Stream<String> s = rows.stream();",
            "      System.out.println(s.count());",
            "    }",
            "    long size() { return rows.stream().count(); }",
            "  }",
            "  enum Mode {",
            "    FAST { long run(Stream<String> s) { return s.count(); } },",
            "    SLOW { long run(Stream<String> s) { return s.sorted().count(); } };",
            "    abstract long run(Stream<String> s);",
            "  }",
            "  static final Supplier<Long> FIELD = () -> {",
            "    Stream<String> s = Stream.of(\"a\");",
            "    return s.count();",
            "  };",
            "  static {",
            "    Stream<String> s = Stream.of(\"b\");",
            "    s.forEach(System.out::println);",
            "  }",
            "  <S extends Stream<String>> long generic(S s) {",
            "    Function<S, Function<String, Long>> nested = x -> y -> (long) y.length();",
            "    return s.count();",
            "  }",
            "  long anonymous(List<String> rows) {",
            "    Stream<String> s = rows.stream();",
            "    Supplier<Long> counter = new Supplier<Long>() {",
            "      @Override public Long get() {",
            "        Stream<String> t = rows.stream();",
            "        long n = t.count();",
            "        // BUG: Diagnostic contains: consumed twice",
            "        return n + t.count();",
            "      }",
            "    };",
            "    class Local { long run() { return rows.stream().count(); } }",
            "    return s.count() + counter.get() + new Local().run();",
            "  }",
            "  Object pattern(Object o) {",
            "    if (o instanceof Stream<?> s) {",
            "      return s.count();",
            "    }",
            "    return switch (o.hashCode()) { case 1 -> \"one\"; default -> o; };",
            "  }",
            "  long varargs(Stream<?>... streams) {",
            "    long n = 0;",
            "    for (Stream<?> s : streams) { n += s.count(); }",
            "    return n + Stream.concat(streams[0], streams[1]).count();",
            "  }",
            "  abstract static class Abstract { abstract long run(Stream<String> s); }",
            "  Unusual(Stream<String> s) { System.out.println(s.count()); }",
            "  Unusual() { this(Stream.empty()); }",
            "}")
        .doTest();
  }

  @Test
  public void suppressedOnTheLocal() {
    helper
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  @SuppressWarnings(\"AwaitOnceViolation\")",
            "  void print(List<String> orders) {",
            "    Stream<String> s = orders.stream();",
            "    s.count();",
            "    s.count();",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  // -------------------------------------------------------------------------------- fixes

  @Test
  public void streamIsCollectedOnceAndStreamedForEachUse() {
    refactoring
        .addInputLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  void print(List<String> orders) {",
            "    Stream<String> open = orders.stream().filter(o -> o.startsWith(\"open\"));",
            "    long n = open.count();",
            "    open.forEach(System.out::println);",
            "    System.out.println(n + open.findFirst().orElse(\"\"));",
            "  }",
            "}")
        .addOutputLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  void print(List<String> orders) {",
            "    List<String> openList = orders.stream().filter(o ->"
                + " o.startsWith(\"open\")).toList();",
            "    long n = openList.stream().count();",
            "    openList.stream().forEach(System.out::println);",
            "    System.out.println(n + openList.stream().findFirst().orElse(\"\"));",
            "  }",
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  public void streamInALoopWithVarIsCollectedOnce() {
    refactoring
        .addInputLines(
            "Matcher.java",
            "import java.util.Arrays;",
            "import java.util.List;",
            "class Matcher {",
            "  int known(List<String> ids, String[] catalog) {",
            "    var nameStream = Arrays.stream(catalog).map(String::trim);",
            "    int found = 0;",
            "    for (String id : ids) {",
            "      if (nameStream.anyMatch(id::equals)) {",
            "        found++;",
            "      }",
            "    }",
            "    return found;",
            "  }",
            "}")
        .addOutputLines(
            "Matcher.java",
            "import java.util.Arrays;",
            "import java.util.List;",
            "class Matcher {",
            "  int known(List<String> ids, String[] catalog) {",
            "    var nameList = Arrays.stream(catalog).map(String::trim).toList();",
            "    int found = 0;",
            "    for (String id : ids) {",
            "      if (nameList.stream().anyMatch(id::equals)) {",
            "        found++;",
            "      }",
            "    }",
            "    return found;",
            "  }",
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  public void streamFixAddsTheListImport() {
    refactoring
        .addInputLines(
            "Report.java",
            "import java.util.Set;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  long print(Set<Integer> amounts) {",
            "    Stream<? extends Number> s = amounts.stream();",
            "    s.forEach(System.out::println);",
            "    return s.count();",
            "  }",
            "}")
        .addOutputLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.Set;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  long print(Set<Integer> amounts) {",
            "    List<? extends Number> sList = amounts.stream().toList();",
            "    sList.stream().forEach(System.out::println);",
            "    return sList.stream().count();",
            "  }",
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  public void noStreamFixForAnEndlessSourceOrAParameter() {
    refactoring
        .addInputLines(
            "Ticks.java",
            "import java.util.stream.Stream;",
            "class Ticks {",
            "  long ticks() {",
            "    Stream<Long> s = Stream.iterate(0L, t -> t + 1);",
            "    s.limit(3).forEach(System.out::println);",
            "    return s.limit(5).count();",
            "  }",
            "  long param(Stream<String> s) {",
            "    s.forEach(System.out::println);",
            "    return s.count();",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void monoIsCachedWhereItIsMade() {
    refactoring
        .addInputLines(
            "OrderClient.java",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import reactor.core.publisher.Mono;",
            "interface OrderClient {",
            "  @AwaitOnce Mono<String> create(String order);",
            "}")
        .expectUnchanged()
        .addInputLines(
            "Checkout.java",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  Mono<String> place(OrderClient client, String order) {",
            "    Mono<String> created = client.create(order);",
            "    created.subscribe();",
            "    created.subscribe(System.out::println);",
            "    return created;",
            "  }",
            "}")
        .addOutputLines(
            "Checkout.java",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  Mono<String> place(OrderClient client, String order) {",
            "    Mono<String> created = client.create(order).cache();",
            "    created.subscribe();",
            "    created.subscribe(System.out::println);",
            "    return created;",
            "  }",
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  public void uniIsMemoizedAndSingleCachedWhereMade() {
    refactoring
        .addInputLines(
            "Pricing.java",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.smallrye.mutiny.Uni;",
            "abstract class Pricing {",
            "  @AwaitOnce abstract Uni<String> price(String order);",
            "  @AwaitOnce abstract Single<String> tax(String order);",
            "  String quote(String order) {",
            "    Uni<String> price = price(order);",
            "    price.subscribe().with(System.out::println);",
            "    Single<String> tax = tax(order);",
            "    tax.subscribe(System.out::println);",
            "    return price.await().indefinitely() + tax.blockingGet();",
            "  }",
            "}")
        .addOutputLines(
            "Pricing.java",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.smallrye.mutiny.Uni;",
            "abstract class Pricing {",
            "  @AwaitOnce abstract Uni<String> price(String order);",
            "  @AwaitOnce abstract Single<String> tax(String order);",
            "  String quote(String order) {",
            "    Uni<String> price = price(order).memoize().indefinitely();",
            "    price.subscribe().with(System.out::println);",
            "    Single<String> tax = tax(order).cache();",
            "    tax.subscribe(System.out::println);",
            "    return price.await().indefinitely() + tax.blockingGet();",
            "  }",
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }
}
