package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class NestedSubscribeTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(NestedSubscribe.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(NestedSubscribe.class, getClass());

  @Test
  public void subscribeInsideDoOnNext() {
    helper
        .addSourceLines(
            "OrderEvents.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class OrderEvents {",
            "  Mono<Void> audit(String order) { return Mono.empty(); }",
            "  Flux<String> process(Flux<String> orders) {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    return orders.doOnNext(o -> audit(o).subscribe());",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                        "subscribe() inside this doOnNext operator starts an inner pipeline that"
                            + " nothing waits for: the outer pipeline goes on (and may complete)"
                            + " without it, the inner one's errors bypass the outer error handling,"
                            + " and its demand escapes the outer backpressure and cancellation.")
                    && msg.contains("flatMap or concatMap"))
        .doTest();
  }

  @Test
  public void subscribeInsideOtherOperatorsAndCallbacks() {
    helper
        .addSourceLines(
            "Orders.java",
            "import io.reactivex.rxjava3.core.Observable;",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.smallrye.mutiny.Uni;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Orders {",
            "  Mono<Void> audit(String order) { return Mono.empty(); }",
            "  Single<Integer> stock(String sku) { return Single.just(1); }",
            "  Uni<String> greet(String name) { return Uni.createFrom().item(name); }",
            "  void wire(Flux<String> orders, Observable<String> skus, CompletableFuture<String>"
                + " paid,",
            "      Uni<String> names) {",
            "    orders",
            "        // BUG: Diagnostic contains: inside this map operator",
            "        .map(o -> { audit(o).subscribe(v -> {}, e -> {}); return o; })",
            "        // BUG: Diagnostic contains: inside this filter operator",
            "        .filter(o -> { audit(o).subscribe(); return true; })",
            "        // BUG: Diagnostic contains: inside this flatMap operator",
            "        .flatMap(o -> { audit(o).subscribe(); return Mono.just(o); })",
            "        // BUG: Diagnostic contains: inside this subscribe operator",
            "        .subscribe(o -> audit(o).subscribe(), e -> {});",
            "    // BUG: Diagnostic contains: inside this doOnNext operator",
            "    skus.doOnNext(s -> stock(s).subscribe()).subscribe(s -> {}, e -> {});",
            "    // BUG: Diagnostic matches: CALLBACK",
            "    paid.thenAccept(o -> audit(o).subscribe());",
            "    // BUG: Diagnostic contains: inside this invoke operator",
            "    names.onItem().invoke(n -> greet(n).subscribe().with(g -> {}));",
            "  }",
            "  void vertx(io.vertx.core.Future<String> loaded) {",
            "    // BUG: Diagnostic contains: inside this onSuccess callback",
            "    loaded.onSuccess(o -> audit(o).subscribe());",
            "  }",
            "}")
        .expectErrorMessage(
            "CALLBACK",
            msg ->
                msg.contains(
                    "subscribe() inside this thenAccept callback starts an inner pipeline that"
                        + " nothing waits for: the future goes on (and may complete) without it,"
                        + " the inner one's errors bypass the outer error handling, and cancelling"
                        + " the future does not stop it."))
        .doTest();
  }

  @Test
  public void subscriptionsOutsideOperatorsAreLeftAlone() {
    helper
        .addSourceLines(
            "Startup.java",
            "import java.util.List;",
            "import java.util.concurrent.ExecutorService;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Startup {",
            "  Mono<Void> warm(String cache) { return Mono.empty(); }",
            "  void start(List<String> caches, ExecutorService pool, Flux<String> source) {",
            "    warm(\"orders\").subscribe(v -> {}, e -> {});",
            "    caches.forEach(c -> warm(c).subscribe(v -> {}, e -> {}));",
            "    pool.execute(() -> warm(\"late\").subscribe(v -> {}, e -> {}));",
            "    Flux<String> bridged = Flux.create(sink -> source.subscribe(sink::next,"
                + " sink::error, sink::complete));",
            "    Mono<Void> deferred = Mono.fromRunnable(() -> warm(\"x\").subscribe(v -> {}, e ->"
                + " {}));",
            "  }",
            "  Mono<Void> handler(String id) {",
            "    warm(id).subscribe(v -> {}, e -> {});",
            "    return Mono.empty();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void doOnNextBecomesConcatMapOrFlatMap() {
    refactoring
        .addInputLines(
            "OrderEvents.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class OrderEvents {",
            "  Mono<Void> audit(String order) { return Mono.empty(); }",
            "  Flux<String> notifyAll(String order) { return Flux.just(order); }",
            "  Flux<String> process(Flux<String> orders) {",
            "    return orders.doOnNext(o -> audit(o).subscribe());",
            "  }",
            "  Mono<String> one(Mono<String> order) {",
            "    return order.doOnNext(o -> notifyAll(o).subscribe());",
            "  }",
            "}")
        .addOutputLines(
            "OrderEvents.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class OrderEvents {",
            "  Mono<Void> audit(String order) { return Mono.empty(); }",
            "  Flux<String> notifyAll(String order) { return Flux.just(order); }",
            "  Flux<String> process(Flux<String> orders) {",
            "    return orders.concatMap(o -> audit(o).thenReturn(o));",
            "  }",
            "  Mono<String> one(Mono<String> order) {",
            "    return order.flatMap(o -> notifyAll(o).then().thenReturn(o));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void mapWithSubscribeThenReturnBecomesConcatMap() {
    refactoring
        .addInputLines(
            "OrderEvents.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class OrderEvents {",
            "  Mono<Void> audit(String order) { return Mono.empty(); }",
            "  Flux<Integer> sizes(Flux<String> orders) {",
            "    return orders.map(o -> {",
            "      audit(o).subscribe();",
            "      return o.length();",
            "    });",
            "  }",
            "}")
        .addOutputLines(
            "OrderEvents.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class OrderEvents {",
            "  Mono<Void> audit(String order) { return Mono.empty(); }",
            "  Flux<Integer> sizes(Flux<String> orders) {",
            "    return orders.concatMap(o -> audit(o).thenReturn(o.length()));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void thenAcceptBecomesThenCompose() {
    refactoring
        .addInputLines(
            "Payments.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Payments {",
            "  Mono<Void> receipt(String order) { return Mono.empty(); }",
            "  Mono<Void> flush() { return Mono.empty(); }",
            "  CompletableFuture<Void> onPaid(CompletableFuture<String> paid) {",
            "    return paid.thenAccept(o -> receipt(o).subscribe());",
            "  }",
            "  CompletableFuture<Void> after(CompletableFuture<String> paid) {",
            "    return paid.thenRun(() -> flush().subscribe());",
            "  }",
            "}")
        .addOutputLines(
            "Payments.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Payments {",
            "  Mono<Void> receipt(String order) { return Mono.empty(); }",
            "  Mono<Void> flush() { return Mono.empty(); }",
            "  CompletableFuture<Void> onPaid(CompletableFuture<String> paid) {",
            "    return paid.thenCompose(o -> receipt(o).then().toFuture());",
            "  }",
            "  CompletableFuture<Void> after(CompletableFuture<String> paid) {",
            "    return paid.thenCompose(ignored -> flush().then().toFuture());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void noFixWhereTheRewriteIsNotMechanical() {
    refactoring
        .addInputLines(
            "OrderEvents.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class OrderEvents {",
            "  Mono<Void> audit(String order) { return Mono.empty(); }",
            "  Flux<String> process(Flux<String> orders) {",
            "    return orders",
            "        .doOnNext(o -> audit(o).subscribe(v -> {}, e -> {}))",
            "        .doOnNext(o -> { System.out.println(o); audit(o).subscribe(); })",
            "        .filter(o -> { audit(o).subscribe(); return true; });",
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
            "import java.util.function.Consumer;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Odd {",
            "  record Event(String id) {}",
            "  Mono<Void> audit(Event e) { return Mono.empty(); }",
            "  Flux<Event> wire(Flux<Event> events) {",
            "    Consumer<Event> c = e -> audit(e).subscribe(v -> {}, x -> {});",
            "    return events",
            "        .doOnNext(new Consumer<Event>() {",
            "          // BUG: Diagnostic contains: inside this doOnNext operator",
            "          @Override public void accept(Event e) { audit(e).subscribe(); }",
            "        })",
            "        .map(e -> switch (e.id().length()) {",
            "          case 0 -> e;",
            "          default -> new Event(e.id().trim());",
            "        });",
            "  }",
            "}")
        .doTest();
  }

  /**
   * spring-webflux AbstractListenerWebSocketSession:126 (a Publisher's own wiring in {@code
   * Mono.from(subscriber -> ...)}) and reactor-netty HttpServerOperations:1316 (a dedicated
   * subscriber for a pipeline meant to outlive the operator): the subscriber takes the
   * subscription, and with it the inner pipeline's demand, cancellation and errors.
   */
  @Test
  public void handedToAWholeSubscriber_realCode() {
    helper
        .addSourceLines(
            "Session.java",
            "import org.reactivestreams.Subscriber;",
            "import reactor.core.CoreSubscriber;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "import reactor.core.publisher.Sinks;",
            "abstract class Session {",
            "  abstract Subscriber<String> sendProcessor();",
            "  abstract Flux<String> handler(String ops);",
            "  abstract CoreSubscriber<Void> websocketSubscriber(String ops);",
            "  Mono<Void> send(Flux<String> messages, Flux<String> processor) {",
            "    return Mono.from(subscriber -> {",
            "      messages.subscribe(sendProcessor());",
            "      processor.then().subscribe(subscriber);",
            "    });",
            "  }",
            "  Mono<Void> upgrade(Mono<String> handshake) {",
            "    return handshake",
            "        .doOnNext(ops -> handler(ops).then().subscribe(websocketSubscriber(ops)))",
            "        .then();",
            "  }",
            "}")
        .doTest();
  }

  /** The same in another style: a BaseSubscriber made in the operator. */
  @Test
  public void handedToAWholeSubscriber_otherStyle() {
    helper
        .addSourceLines(
            "Audit.java",
            "import reactor.core.publisher.BaseSubscriber;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "abstract class Audit {",
            "  abstract Mono<Void> audit(String order);",
            "  Flux<String> orders(Flux<String> orders) {",
            "    return orders.doOnNext(o -> audit(o).subscribe(new BaseSubscriber<Void>() {",
            "      @Override protected void hookOnError(Throwable e) {}",
            "    }));",
            "  }",
            "  Flux<String> consumers(Flux<String> orders) {",
            "    // consumers, even with an error consumer, leave the pipeline to nobody",
            "    // BUG: Diagnostic contains: NestedSubscribe",
            "    return orders.doOnNext(o -> audit(o).subscribe(v -> {}, e -> {}));",
            "  }",
            "}")
        .doTest();
  }
}
