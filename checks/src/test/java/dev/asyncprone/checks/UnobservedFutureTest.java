package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class UnobservedFutureTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnobservedFuture.class, getClass())
          .setArgs(TwinsOff.ERROR_PRONE);
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(UnobservedFuture.class, getClass())
          .setArgs(TwinsOff.ERROR_PRONE);

  // Shape 1: a future dropped by a callback that returns void.

  @Test
  public void valuesThatAlreadyExistElsewhereAreNotDropped_realCode() {
    // Found by bench/real-world in Reactor and Caffeine: a map's previous value, requireNonNull's
    // own argument, a queued element, and a ParallelFlux handing on its subscribers.
    helper
        .addSourceLines(
            "Registry.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import reactor.core.CoreSubscriber;",
            "import reactor.core.publisher.ParallelFlux;",
            "class Registry {",
            "  final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();",
            "  final Queue<CompletableFuture<String>> queue = new ArrayDeque<>();",
            "  void register(String key, CompletableFuture<String> f) {",
            "    pending.put(key, f);",
            "    pending.putIfAbsent(key, f);",
            "    pending.remove(key);",
            "    Objects.requireNonNull(f);",
            "    queue.poll();",
            "  }",
            "  void forward(ParallelFlux<String> source, CoreSubscriber<? super String>[]"
                + " subscribers) {",
            "    source.subscribe(subscribers);",
            "  }",
            "  void made(java.util.function.Supplier<CompletableFuture<String>> start) {",
            "    // A functional interface's result is made by the call: still a drop.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    start.get();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void implementationsOfMethodsThatReturnExistingValues_realCode() {
    // Found by bench/real-world in Caffeine's LocalAsyncCache.AsMapView: put and computeIfPresent
    // implement Map's (V put(K, V)), so they hand back the previous value and the value now in the
    // map, as Map.put does when called through the interface.
    helper
        .addSourceLines(
            "AsMapView.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.BiFunction;",
            "abstract class AsMapView<K, V> extends AbstractMap<K, CompletableFuture<V>>",
            "    implements ConcurrentMap<K, CompletableFuture<V>> {",
            "  final ConcurrentMap<K, CompletableFuture<V>> delegate = new ConcurrentHashMap<>();",
            "  @Override public CompletableFuture<V> put(K key, CompletableFuture<V> value) {",
            "    return delegate.put(key, value);",
            "  }",
            "  @Override public CompletableFuture<V> computeIfPresent(K key, BiFunction<? super K,",
            "      ? super CompletableFuture<V>, ? extends CompletableFuture<V>> remapping) {",
            "    return delegate.computeIfPresent(key, remapping);",
            "  }",
            "  @Override public void putAll(Map<? extends K, ? extends CompletableFuture<V>> map)"
                + " {",
            "    map.forEach(this::put);",
            "  }",
            "  @Override public void replaceAll(BiFunction<? super K, ? super"
                + " CompletableFuture<V>,",
            "      ? extends CompletableFuture<V>> function) {",
            "    for (K key : keySet()) {",
            "      computeIfPresent(key, (k, oldValue) -> Objects.requireNonNull(function.apply(k,"
                + " oldValue)));",
            "    }",
            "  }",
            "  // Its own method, which implements nothing: the future is made by the call.",
            "  CompletableFuture<V> refresh(K key) { return new CompletableFuture<>(); }",
            "  void refreshAll(List<K> keys) {",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    keys.forEach(this::refresh);",
            "  }",
            "  interface Loader<K, V> { CompletableFuture<V> load(K key); }",
            "  static final class HttpLoader implements Loader<String, String> {",
            "    @Override public CompletableFuture<String> load(String key) {",
            "      return CompletableFuture.supplyAsync(() -> key);",
            "    }",
            "  }",
            "  void warm(HttpLoader loader) {",
            "    // An override whose declared result is a future, not a type variable: made by the"
                + " call.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    loader.load(\"home\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void resultsThatTheCalleeStoresInAFieldAreNotDropped_realCode() {
    // Found by bench/real-world in Reactor's FluxWindowPredicate: newWindowDeferred() makes the
    // next window, stores it in the field `window`, and returns it; the caller that drops the
    // result drops nothing that the operator does not hold.
    helper
        .addSourceLines(
            "WindowPredicate.java",
            "import java.util.*;",
            "import java.util.concurrent.CompletableFuture;",
            "import org.jspecify.annotations.Nullable;",
            "import reactor.core.publisher.Flux;",
            "class WindowPredicate<T> {",
            "  final Queue<T> queue = new ArrayDeque<>();",
            "  @Nullable Flux<T> window;",
            "  @Nullable CompletableFuture<Void> round;",
            "  volatile int cancelled;",
            "  @Nullable Flux<T> newWindowDeferred() {",
            "    if (cancelled == 0) {",
            "      Flux<T> g = Flux.fromIterable(queue);",
            "      window = g;",
            "      return g;",
            "    }",
            "    return null;",
            "  }",
            "  CompletableFuture<Void> nextRound() {",
            "    return this.round = new CompletableFuture<>();",
            "  }",
            "  void onNext(T t, boolean match) {",
            "    if (match) {",
            "      newWindowDeferred();",
            "      nextRound();",
            "    }",
            "  }",
            "  // Made and not kept: still lost.",
            "  Flux<T> newWindow() { return Flux.fromIterable(queue); }",
            "  CompletableFuture<Void> restart() {",
            "    CompletableFuture<Void> f = new CompletableFuture<>();",
            "    round = f;",
            "    return f.thenRun(() -> System.out.println(\"restarted\"));",
            "  }",
            "  CompletableFuture<Void> maybeRestart(boolean now) {",
            "    CompletableFuture<Void> f = new CompletableFuture<>();",
            "    round = f;",
            "    if (now) {",
            "      return CompletableFuture.runAsync(() -> System.out.println(\"now\"));",
            "    }",
            "    return f;",
            "  }",
            "  void onComplete() {",
            "    // BUG: Diagnostic contains: nothing subscribes to it",
            "    newWindow();",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    restart();",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    maybeRestart(true);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void futureReturnValueIgnoredSuppressedIsADecision_realCode() {
    // Found by bench/real-world in Caffeine (LocalCache.notifyOnReplace,
    // Async.AsyncRemovalListener):
    // futures dropped where the author suppressed Error Prone's FutureReturnValueIgnored.
    helper
        .addSourceLines(
            "Listeners.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import reactor.core.publisher.Mono;",
            "class Listeners<K, V> {",
            "  void notifyRemoval(K key, Object value) {}",
            "  Mono<Void> audit(K key) { return Mono.empty(); }",
            "  io.vertx.core.Future<Void> publish(K key) { return"
                + " io.vertx.core.Future.succeededFuture(); }",
            "  @SuppressWarnings({\"FutureReturnValueIgnored\", \"UnnecessaryReturnStatement\"})",
            "  void notifyOnReplace(K key, V oldValue, V newValue) {",
            "    var oldFuture = (CompletableFuture<?>) oldValue;",
            "    var newFuture = (CompletableFuture<?>) newValue;",
            "    newFuture.whenComplete((nv, e) -> {",
            "      if (e == null) {",
            "        oldFuture.thenAccept(ov -> {",
            "          if (nv != ov) {",
            "            notifyRemoval(key, oldValue);",
            "          }",
            "        });",
            "      }",
            "    });",
            "    // The suppression names the check of dropped results: every value dropped here is"
                + " dropped on purpose,",
            "    // a publisher too (reactor-netty writes it over fluent calls on its"
                + " connections).",
            "    audit(key);",
            "    publish(key);",
            "  }",
            "  @SuppressWarnings(\"FutureReturnValueIgnored\")",
            "  static final class AsyncRemovalListener<K, V> {",
            "    final Executor executor = Runnable::run;",
            "    public void onRemoval(K key, CompletableFuture<V> future) {",
            "      future.thenAccept(value -> executor.execute(() -> System.out.println(value)));",
            "    }",
            "  }",
            "  void onRemoval(K key, CompletableFuture<V> future) {",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    future.thenAccept(value -> notifyRemoval(key, value));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void subscribeOverloadsThatHandOnTheirConsumers_realCode() {
    // Found by bench/real-world in Reactor: Flux.subscribe() is `return subscribe(null, null,
    // null);`, the same in Mono and ParallelFlux: the overload passes on its caller's choice.
    helper
        .addSourceLines(
            "Window.java",
            "import java.util.function.Consumer;",
            "import reactor.core.Disposable;",
            "import reactor.core.publisher.Flux;",
            "import reactor.util.context.Context;",
            "abstract class Window<T> extends Flux<T> {",
            "  final Flux<String> events = Flux.empty();",
            "  public final Disposable subscribe(Runnable onComplete) {",
            "    return subscribe(null, null, onComplete);",
            "  }",
            "  public final Disposable subscribe(Consumer<? super T> consumer, Context context) {",
            "    return this.subscribe(consumer, null, null, context);",
            "  }",
            "  public final Disposable subscribe(Consumer<? super T> consumer, boolean log) {",
            "    // Another publisher, subscribed with no error consumer: still found.",
            "    // BUG: Diagnostic contains: with no error consumer",
            "    events.subscribe();",
            "    // A lambda runs later, elsewhere: still found.",
            "    // BUG: Diagnostic contains: with no error consumer",
            "    Runnable later = () -> subscribe();",
            "    return subscribe(consumer);",
            "  }",
            "  void start() {",
            "    // BUG: Diagnostic contains: This subscribes to this publisher with no error"
                + " consumer",
            "    subscribe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void successHandlersOnAnObjectsOwnFutureGoToItsExceptionHandler_realCode() {
    // Found by bench/real-world in Vert.x: HttpServerRequest.bodyHandler and
    // HttpClientResponse.bodyHandler are `body().onSuccess(bodyHandler); return this;`. The
    // object's failures go to its exceptionHandler (HttpEventHandler.handleException calls it,
    // then fails the body): the handler-style API splits success and failure between two setters.
    helper
        .addSourceLines(
            "LegacyRequest.java",
            "import io.vertx.core.Future;",
            "import io.vertx.core.Handler;",
            "import io.vertx.core.buffer.Buffer;",
            "import io.vertx.core.streams.ReadStream;",
            "interface LegacyRequest extends ReadStream<Buffer> {",
            "  Future<Buffer> body();",
            "  @Override LegacyRequest exceptionHandler(Handler<Throwable> handler);",
            "  default LegacyRequest bodyHandler(Handler<Buffer> bodyHandler) {",
            "    body().onSuccess(bodyHandler);",
            "    return this;",
            "  }",
            "  default LegacyRequest bodyHandlerOf(LegacyRequest other, Handler<Buffer>"
                + " bodyHandler) {",
            "    // Another object's future: its failure goes to that object's channel, if one is"
                + " set.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    other.body().onSuccess(bodyHandler);",
            "    return this;",
            "  }",
            "  default LegacyRequest logBody() {",
            "    // The object's own use of its body, not its caller's handler: still found.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    body().onSuccess(b -> System.out.println(b));",
            "    return this;",
            "  }",
            "  default LegacyRequest later(Handler<Buffer> bodyHandler) {",
            "    Runnable r = () -> {",
            "      // In a lambda, which runs later: still found.",
            "      // BUG: Diagnostic contains: UnobservedFuture",
            "      body().onSuccess(bodyHandler);",
            "    };",
            "    return this;",
            "  }",
            "}")
        .addSourceLines(
            "Download.java",
            "import io.vertx.core.Future;",
            "import io.vertx.core.Handler;",
            "import io.vertx.core.buffer.Buffer;",
            "import java.util.function.Consumer;",
            "abstract class Download {",
            "  abstract Future<Buffer> body();",
            "  // The convention, with no Vert.x stream type: an exceptionHandler taking a"
                + " Throwable.",
            "  abstract Download exceptionHandler(Consumer<Throwable> handler);",
            "  Download bodyHandler(Handler<Buffer> bodyHandler) {",
            "    this.body().onSuccess(bodyHandler);",
            "    return this;",
            "  }",
            "  final class Part {",
            "    Part exceptionHandler(Handler<Throwable> handler) { return this; }",
            "    Part bodyHandler(Handler<Buffer> bodyHandler) {",
            "      // The outer object's future, not this part's: still found.",
            "      // BUG: Diagnostic contains: UnobservedFuture",
            "      body().onSuccess(bodyHandler);",
            "      return this;",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Attachment.java",
            "import io.vertx.core.Future;",
            "import io.vertx.core.Handler;",
            "import io.vertx.core.buffer.Buffer;",
            "interface Attachment {",
            "  Future<Buffer> body();",
            "  Attachment errorHandler(Handler<String> handler);",
            "  default Attachment bodyHandler(Handler<Buffer> bodyHandler) {",
            "    // No exception channel (errorHandler takes no Throwable): the failure is lost.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    body().onSuccess(bodyHandler);",
            "    return this;",
            "  }",
            "}")
        .addSourceLines(
            "Server.java",
            "import io.vertx.core.Handler;",
            "import io.vertx.core.buffer.Buffer;",
            "import io.vertx.core.http.HttpServer;",
            "class Server {",
            "  void start(HttpServer server, Handler<Buffer> bodyHandler) {",
            "    server.requestHandler(request -> {",
            "      // User code, where nobody set the request's exceptionHandler: the real bug.",
            "      // BUG: Diagnostic contains: UnobservedFuture",
            "      request.body().onSuccess(bodyHandler);",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void callsHandedACompleterWhoseFutureIsReturned_realCode() {
    // Found by bench/real-world in Vert.x: EventBusImpl.request is `ReplyHandler<T> handler =
    // createReplyHandler(msg, true, options); sendOrPubInternal(msg, options, handler); return
    // handler.result();`. The write was handed the reply handler, which it fails (fail fast on a
    // ReplyException; otherwise the reply times out), and the caller gets its future.
    helper
        .addSourceLines(
            "Bus.java",
            "import io.vertx.core.Future;",
            "import io.vertx.core.Promise;",
            "import io.vertx.core.buffer.Buffer;",
            "import io.vertx.core.http.HttpClientRequest;",
            "import io.vertx.core.http.HttpClientResponse;",
            "import io.vertx.core.streams.ReadStream;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "import reactor.core.publisher.Sinks;",
            "class Bus {",
            "  static final class ReplyException extends RuntimeException {}",
            "  static final class ReplyHandler<T> {",
            "    private final Promise<T> result = Promise.promise();",
            "    Future<T> result() { return result.future(); }",
            "    void fail(ReplyException failure) { result.tryFail(failure); }",
            "  }",
            "  <T> ReplyHandler<T> createReplyHandler(String address) { return new"
                + " ReplyHandler<>(); }",
            "  <T> Future<Void> sendOrPubInternal(String msg, ReplyHandler<T> handler) {",
            "    return Promise.<Void>promise().future();",
            "  }",
            "  Future<Void> send(String msg, Promise<String> reply) { return"
                + " Promise.<Void>promise().future(); }",
            "  Future<Void> audit(Object what) { return Promise.<Void>promise().future(); }",
            "  CompletableFuture<Void> emit(String msg, Sinks.One<String> sink) {",
            "    return new CompletableFuture<>();",
            "  }",
            "  Mono<Void> emitLater(String msg, Sinks.One<String> sink) { return Mono.empty(); }",
            "  public <T> Future<T> request(String address, String msg) {",
            "    ReplyHandler<T> handler = createReplyHandler(address);",
            "    sendOrPubInternal(msg, handler);",
            "    return handler.result();",
            "  }",
            "  public Future<String> ask(String msg) {",
            "    Promise<String> promise = Promise.promise();",
            "    send(msg, promise);",
            "    return promise.future().map(String::trim);",
            "  }",
            "  public void askAndLog(String msg) {",
            "    Promise<String> promise = Promise.promise();",
            "    send(msg, promise);",
            "    promise.future().onComplete(ar -> System.out.println(ar.succeeded()));",
            "  }",
            "  public Mono<String> emitted(String msg) {",
            "    Sinks.One<String> sink = Sinks.one();",
            "    emit(msg, sink);",
            "    return sink.asMono();",
            "  }",
            "  public <T> void requestAndForget(String address, String msg) {",
            "    ReplyHandler<T> handler = createReplyHandler(address);",
            "    // The completer's future is dropped too: nobody sees either.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    sendOrPubInternal(msg, handler);",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    handler.result();",
            "  }",
            "  public <T> Future<T> requestAgain(String address, String msg) {",
            "    ReplyHandler<T> handler = createReplyHandler(address);",
            "    // The local then holds another handler: the returned future is not the one handed"
                + " on.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    sendOrPubInternal(msg, handler);",
            "    handler = createReplyHandler(address);",
            "    return handler.result();",
            "  }",
            "  public Future<String> unrelated(String msg) {",
            "    Promise<String> promise = Promise.promise();",
            "    String text = msg.trim();",
            "    // Handed a plain value, not the promise whose future is returned: still found.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    audit(text);",
            "    return promise.future();",
            "  }",
            "  public Future<HttpClientResponse> upload(HttpClientRequest request,"
                + " ReadStream<Buffer> body) {",
            "    HttpClientRequest req = request;",
            "    // A stream handed to a pipe is no completer: the response does not carry the"
                + " pipe's",
            "    // failure (HttpClientRequest.send(ReadStream), a real bug).",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    body.pipeTo(req);",
            "    return req.response();",
            "  }",
            "  public Future<String> input(Future<String> order) {",
            "    Future<String> pending = order;",
            "    // A future handed on is an input, not a channel: audit's failure is not in it.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    audit(pending);",
            "    return pending.map(String::trim);",
            "  }",
            "  public Mono<String> emittedLater(String msg) {",
            "    Sinks.One<String> sink = Sinks.one();",
            "    // A publisher that nothing subscribes to never runs, and never fills the sink.",
            "    // BUG: Diagnostic contains: nothing subscribes to it",
            "    emitLater(msg, sink);",
            "    return sink.asMono();",
            "  }",
            "  final class Exchange {",
            "    final Promise<String> reply = Promise.promise();",
            "    void fail(Throwable t) { reply.tryFail(t); }",
            "    Future<String> result() { return reply.future(); }",
            "    Future<String> start(Bus bus, String msg) {",
            "      // `this` or a field, not a completer made here for this call: still found.",
            "      // BUG: Diagnostic contains: UnobservedFuture",
            "      bus.audit(this);",
            "      return result();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void futureDroppedInThenAccept() {
    helper
        .addSourceLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  CompletableFuture<Void> saveAsync(String order) { return"
                + " new CompletableFuture<>(); }",
            "  CompletableFuture<Void> flushAsync() { return" + " new CompletableFuture<>(); }",
            "  CompletableFuture<Void> place(CompletableFuture<String> order) {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    return order.thenAccept(o -> saveAsync(o));",
            "  }",
            "  CompletableFuture<Void> flush(CompletableFuture<String> order) {",
            "    // BUG: Diagnostic contains: thenRun callback, a Runnable, which returns void",
            "    return order.thenRun(() -> flushAsync());",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                        "saveAsync(o) returns a CompletableFuture that this lambda drops (it is a"
                            + " thenAccept callback, a Consumer, which returns void), so nothing"
                            + " waits for it, and if it fails nobody sees the exception.")
                    && msg.contains("Compose it (thenCompose"))
        .doTest();
  }

  @Test
  public void thenAcceptBecomesThenCompose() {
    refactoring
        .addInputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  CompletableFuture<Void> saveAsync(String order) { return"
                + " new CompletableFuture<>(); }",
            "  CompletableFuture<Void> flushAsync() { return" + " new CompletableFuture<>(); }",
            "  CompletableFuture<Void> place(CompletableFuture<String> order) {",
            "    return order.thenAccept(o -> saveAsync(o));",
            "  }",
            "  CompletableFuture<Void> flush(CompletableFuture<String> order) {",
            "    return order.thenRun(() -> flushAsync());",
            "  }",
            "}")
        .addOutputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  CompletableFuture<Void> saveAsync(String order) { return"
                + " new CompletableFuture<>(); }",
            "  CompletableFuture<Void> flushAsync() { return" + " new CompletableFuture<>(); }",
            "  CompletableFuture<Void> place(CompletableFuture<String> order) {",
            "    return order.thenCompose(o -> saveAsync(o));",
            "  }",
            "  CompletableFuture<Void> flush(CompletableFuture<String> order) {",
            "    return order.thenCompose(ignored -> flushAsync());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void thenAcceptAsyncOfAMethodReferenceBecomesThenComposeAsync() {
    refactoring
        .addInputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "class Orders {",
            "  CompletableFuture<Void> saveAsync(String order) { return"
                + " new CompletableFuture<>(); }",
            "  CompletableFuture<Void> place(CompletableFuture<String> order, Executor io) {",
            "    return order.thenAcceptAsync(this::saveAsync, io);",
            "  }",
            "}")
        .addOutputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "class Orders {",
            "  CompletableFuture<Void> saveAsync(String order) { return"
                + " new CompletableFuture<>(); }",
            "  CompletableFuture<Void> place(CompletableFuture<String> order, Executor io) {",
            "    return order.thenComposeAsync(item -> this.saveAsync(item), io);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void aVoidMethodThatEndsByDroppingAFutureReturnsIt() {
    refactoring
        .addInputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.ExecutorService;",
            "class Orders {",
            "  CompletableFuture<Void> saveAsync(String order) { return"
                + " new CompletableFuture<>(); }",
            "  void place(CompletableFuture<String> order, Executor io) {",
            "    order.thenAcceptAsync(this::saveAsync, io);",
            "  }",
            "  private void report(ExecutorService pool) {",
            "    pool.submit(() -> System.out.println(\"report\"));",
            "  }",
            "  public void publicPlace(CompletableFuture<String> order) {",
            "    order.thenAccept(o -> System.out.println(o));",
            "  }",
            "}")
        .addOutputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "class Orders {",
            "  CompletableFuture<Void> saveAsync(String order) { return"
                + " new CompletableFuture<>(); }",
            "  CompletableFuture<Void> place(CompletableFuture<String> order, Executor io) {",
            "    return order.thenComposeAsync(item -> this.saveAsync(item), io);",
            "  }",
            "  private Future<?> report(ExecutorService pool) {",
            "    return pool.submit(() -> System.out.println(\"report\"));",
            "  }",
            "  public void publicPlace(CompletableFuture<String> order) {",
            "    order.thenAccept(o -> System.out.println(o));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void noFixWhenThenComposeWouldChangeTheStageType() {
    helper
        .addSourceLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  CompletableFuture<Integer> saveAsync(String order) { return"
                + " new CompletableFuture<>(); }",
            "  CompletableFuture<Void> place(CompletableFuture<String> order) {",
            "    // BUG: Diagnostic contains: thenAccept callback",
            "    return order.thenAccept(o -> saveAsync(o));",
            "  }",
            "}")
        .doTest();
    refactoring
        .addInputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  CompletableFuture<Integer> saveAsync(String order) { return"
                + " new CompletableFuture<>(); }",
            "  CompletableFuture<Void> place(CompletableFuture<String> order) {",
            "    return order.thenAccept(o -> saveAsync(o));",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void futuresDroppedInForEachExecuteAndGuavaListener() {
    helper
        .addSourceLines(
            "Notifier.java",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "class Notifier {",
            "  CompletableFuture<Void> sendAsync(String to) { return"
                + " new CompletableFuture<>(); }",
            "  void notifyAll(List<String> customers, Executor executor, ListenableFuture<?> order)"
                + " {",
            "    // BUG: Diagnostic contains: forEach callback, a Consumer",
            "    customers.forEach(c -> sendAsync(c));",
            "    // BUG: Diagnostic contains: forEach callback",
            "    customers.forEach(this::sendAsync);",
            "    // BUG: Diagnostic contains: execute callback, a Runnable",
            "    executor.execute(() -> sendAsync(\"ops\"));",
            "    // BUG: Diagnostic contains: addListener callback",
            "    order.addListener(() -> sendAsync(\"ops\"), MoreExecutors.directExecutor());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void futureDroppedInGuavaCallbackBody() {
    helper
        .addSourceLines(
            "Shipping.java",
            "import com.google.common.util.concurrent.FutureCallback;",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "class Shipping {",
            "  ListenableFuture<Void> shipAsync(String order) { return"
                + " com.google.common.util.concurrent.SettableFuture.create(); }",
            "  void onPaid(ListenableFuture<String> payment) {",
            "    Futures.addCallback(payment, new FutureCallback<String>() {",
            "      @Override public void onSuccess(String order) {",
            "        // BUG: Diagnostic contains: no stage of its chain handles failure",
            "        shipAsync(order);",
            "      }",
            "      @Override public void onFailure(Throwable t) {}",
            "    }, MoreExecutors.directExecutor());",
            "  }",
            "}")
        .doTest();
  }

  // Shape 2: a publisher that nothing subscribes to.

  @Test
  public void monoDroppedInWebFluxHandlerIsAnError() {
    CompilationResults.expectErrors(helper)
        .addSourceLines(
            "OrderHandler.java",
            "import reactor.core.publisher.Mono;",
            "class OrderHandler {",
            "  interface OrderRepository { Mono<String> save(String order); }",
            "  private final OrderRepository repository;",
            "  OrderHandler(OrderRepository repository) { this.repository = repository; }",
            "  Mono<String> create(String order) {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    repository.save(order);",
            "    return Mono.just(order);",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "repository.save(order) returns a Mono that is dropped here, and nothing"
                        + " subscribes to it, so its work never happens"))
        .doTest();
  }

  @Test
  public void neverSubscribedIsOnlyAWarningWhenTheBuildSaysSo() {
    CompilationResults.expectOk(
            CompilationTestHelper.newInstance(UnobservedFuture.class, getClass()))
        .setArgs("-Xep:UnobservedFuture:WARN")
        .addSourceLines(
            "OrderHandler.java",
            "import reactor.core.publisher.Mono;",
            "class OrderHandler {",
            "  Mono<Void> audit(String order) { return Mono.empty(); }",
            "  void create(String order) {",
            "    // BUG: Diagnostic contains: nothing subscribes to it",
            "    audit(order);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void neverSubscribedIsAWarningWhenAllErrorsAre() {
    CompilationResults.expectOk(
            CompilationTestHelper.newInstance(UnobservedFuture.class, getClass()))
        .setArgs("-XepAllErrorsAsWarnings")
        .addSourceLines(
            "OrderHandler.java",
            "import reactor.core.publisher.Mono;",
            "class OrderHandler {",
            "  Mono<Void> audit(String order) { return Mono.empty(); }",
            "  void create(String order) {",
            "    // BUG: Diagnostic contains: nothing subscribes to it",
            "    audit(order);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void droppedCompletableFutureIsAWarning() {
    CompilationResults.expectOk(helper)
        .addSourceLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  CompletableFuture<Void> saveAsync(String order) { return"
                + " new CompletableFuture<>(); }",
            "  void place(String order) {",
            "    // BUG: Diagnostic contains: no stage of its chain handles failure",
            "    saveAsync(order);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void rxJavaSourcesDropped() {
    helper
        .addSourceLines(
            "Audit.java",
            "import io.reactivex.rxjava3.core.Completable;",
            "import io.reactivex.rxjava3.core.Single;",
            "class Audit {",
            "  Completable record(String event) { return Completable.complete(); }",
            "  Single<Integer> count() { return Single.just(1); }",
            "  void onLogin(String user) {",
            "    // BUG: Diagnostic contains: returns a Completable that is dropped here",
            "    record(user);",
            "    // BUG: Diagnostic contains: returns a Single",
            "    count().map(n -> n + 1);",
            "    // BUG: Diagnostic contains: returns a Uni that is dropped here, and nothing"
                + " subscribes",
            "    io.smallrye.mutiny.Uni.createFrom().item(user).onItem().transform(String::trim);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void doOnNextThatReturnsAPublisher() {
    CompilationResults.expectErrors(helper)
        .addSourceLines(
            "Importer.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Importer {",
            "  Mono<String> save(String row) { return Mono.just(row); }",
            "  Flux<String> load(Flux<String> rows) {",
            "    // BUG: Diagnostic contains: this lambda drops (it is a doOnNext callback, a"
                + " Consumer",
            "    return rows.doOnNext(r -> save(r));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void doOnNextBecomesConcatMap() {
    refactoring
        .addInputLines(
            "Importer.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Importer {",
            "  interface Repo { Mono<String> save(String row); Flux<String> saveAll(String row); }",
            "  Repo repo;",
            "  Flux<String> load(Flux<String> rows) {",
            "    return rows.doOnNext(r -> repo.save(r));",
            "  }",
            "  Flux<String> loadAll(Flux<String> rows) {",
            "    return rows.doOnNext(repo::saveAll);",
            "  }",
            "  Mono<String> one(Mono<String> row) {",
            "    return row.doOnNext(r -> repo.save(r));",
            "  }",
            "}")
        .addOutputLines(
            "Importer.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Importer {",
            "  interface Repo { Mono<String> save(String row); Flux<String> saveAll(String row); }",
            "  Repo repo;",
            "  Flux<String> load(Flux<String> rows) {",
            "    return rows.concatMap(r -> repo.save(r).thenReturn(r));",
            "  }",
            "  Flux<String> loadAll(Flux<String> rows) {",
            "    return rows.concatMap(item -> repo.saveAll(item).then().thenReturn(item));",
            "  }",
            "  Mono<String> one(Mono<String> row) {",
            "    return row.flatMap(r -> repo.save(r).thenReturn(r));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void droppedMonoBeforeReturnIsComposed() {
    refactoring
        .addInputLines(
            "OrderHandler.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class OrderHandler {",
            "  interface OrderRepository { Mono<String> save(String order); }",
            "  OrderRepository repository;",
            "  Mono<String> create(String order) {",
            "    String id = order.trim();",
            "    repository.save(id);",
            "    return Mono.just(id);",
            "  }",
            "  Flux<String> all(String order) {",
            "    repository.save(order);",
            "    return Flux.just(order, order);",
            "  }",
            "  Mono<String> commented(String order) {",
            "    repository.save(order); // saved later",
            "    // the response does not wait for the save",
            "    return Mono.just(order);",
            "  }",
            "}")
        .addOutputLines(
            "OrderHandler.java",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class OrderHandler {",
            "  interface OrderRepository { Mono<String> save(String order); }",
            "  OrderRepository repository;",
            "  Mono<String> create(String order) {",
            "    String id = order.trim();",
            "    return repository.save(id).then(Mono.just(id));",
            "  }",
            "  Flux<String> all(String order) {",
            "    return repository.save(order).thenMany(Flux.just(order, order));",
            "  }",
            "  Mono<String> commented(String order) {",
            "    // saved later",
            "    // the response does not wait for the save",
            "    return repository.save(order).then(Mono.just(order));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void publisherInStageCallbackBecomesThenCompose() {
    refactoring
        .addInputLines(
            "Bridge.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Bridge {",
            "  Mono<Integer> index(String doc) { return Mono.just(1); }",
            "  CompletableFuture<Void> onStored(CompletableFuture<String> stored) {",
            "    return stored.thenAccept(doc -> index(doc));",
            "  }",
            "}")
        .addOutputLines(
            "Bridge.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Bridge {",
            "  Mono<Integer> index(String doc) { return Mono.just(1); }",
            "  CompletableFuture<Void> onStored(CompletableFuture<String> stored) {",
            "    return stored.thenCompose(doc -> index(doc).then().toFuture());",
            "  }",
            "}")
        .doTest();
  }

  // Shape 3: subscribe() without an error consumer.

  @Test
  public void subscribeWithoutErrorConsumer() {
    helper
        .addSourceLines(
            "Warmup.java",
            "import io.reactivex.rxjava3.core.Observable;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Warmup {",
            "  Mono<Void> loadCache() { return Mono.empty(); }",
            "  void start(Flux<String> events, Observable<String> ticks) {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    loadCache().subscribe();",
            "    // BUG: Diagnostic contains: with no error consumer",
            "    events.subscribe(e -> System.out.println(e));",
            "    // BUG: Diagnostic contains: RxJavaPlugins.onError",
            "    ticks.subscribe(t -> System.out.println(t));",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "This subscribes to loadCache() with no error consumer: if it fails, the error"
                        + " goes to Reactor's onErrorDropped hook"))
        .doTest();
  }

  @Test
  public void subscribeWithErrorHandlingIsFine() {
    helper
        .addSourceLines(
            "Warmup.java",
            "import io.reactivex.rxjava3.core.Single;",
            "import org.reactivestreams.Subscriber;",
            "import reactor.core.publisher.BaseSubscriber;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Warmup {",
            "  Mono<Void> loadCache() { return Mono.empty(); }",
            "  void start(Flux<String> events, Single<String> one, BaseSubscriber<String> s) {",
            "    loadCache().subscribe(null, e -> System.err.println(e));",
            "    loadCache().doOnError(e -> System.err.println(e)).subscribe();",
            "    loadCache().onErrorResume(e -> Mono.empty()).subscribe();",
            "    events.subscribe(s);",
            "    events.subscribe(e -> {}, e -> {}, () -> {});",
            "    one.subscribe((v, e) -> {});",
            "    one.subscribe(v -> {}, e -> {});",
            "    one.onErrorReturnItem(\"\").subscribe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void mutinySubscribeWithOnItemOnly() {
    helper
        .addSourceLines(
            "Greeter.java",
            "import io.smallrye.mutiny.Uni;",
            "class Greeter {",
            "  void greet(Uni<String> name) {",
            "    // BUG: Diagnostic contains: Mutiny's dropped-exception handler",
            "    name.subscribe().with(n -> System.out.println(n));",
            "    name.subscribe().with(n -> {}, failure -> {});",
            "    name.onFailure().recoverWithItem(\"x\").subscribe().with(n -> {});",
            "  }",
            "}")
        .doTest();
  }

  // Shape 4: submit() whose Future is dropped.

  @Test
  public void submitDropped() {
    helper
        .addSourceLines(
            "Reports.java",
            "import java.util.concurrent.ExecutorService;",
            "class Reports {",
            "  void render() {}",
            "  int count() { return 1; }",
            "  void start(ExecutorService pool) {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    pool.submit(() -> render());",
            "    // BUG: Diagnostic contains: if the task throws",
            "    pool.submit(() -> count());",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "pool.submit(() -> render()) returns a Future that is dropped here: if the task"
                        + " throws, its exception is kept in that Future and nobody reads it"))
        .doTest();
  }

  @Test
  public void submitRunnableBecomesExecute() {
    refactoring
        .addInputLines(
            "Reports.java",
            "import com.google.common.util.concurrent.ListeningExecutorService;",
            "import java.util.concurrent.ExecutorService;",
            "class Reports {",
            "  void render() {}",
            "  int count() { return 1; }",
            "  public void start(ExecutorService pool, ListeningExecutorService listening) {",
            "    pool.submit(() -> render());",
            "    pool.submit(this::render);",
            "    listening.submit(() -> render());",
            "    pool.submit(() -> count());",
            "  }",
            "}")
        .addOutputLines(
            "Reports.java",
            "import com.google.common.util.concurrent.ListeningExecutorService;",
            "import java.util.concurrent.ExecutorService;",
            "class Reports {",
            "  void render() {}",
            "  int count() { return 1; }",
            "  public void start(ExecutorService pool, ListeningExecutorService listening) {",
            "    pool.execute(() -> render());",
            "    pool.execute(this::render);",
            "    listening.execute(() -> render());",
            "    pool.submit(() -> count());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void submitOfATaskThatCatchesEverythingIsFine() {
    helper
        .addSourceLines(
            "Reports.java",
            "import java.util.concurrent.CompletionService;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.ForkJoinTask;",
            "class Reports {",
            "  void render() {}",
            "  void start(ExecutorService pool, CompletionService<String> done, ForkJoinTask<?>"
                + " task) {",
            "    pool.submit(() -> {",
            "      try {",
            "        render();",
            "      } catch (RuntimeException e) {",
            "        System.err.println(e);",
            "      }",
            "    });",
            "    done.submit(() -> \"x\");",
            "    task.fork();",
            "  }",
            "}")
        .doTest();
  }

  // Shape 5: a chain dropped as a statement with no failure handling.

  @Test
  public void droppedChains() {
    helper
        .addSourceLines(
            "Checkout.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import io.vertx.core.Future;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "class Checkout {",
            "  CompletableFuture<String> charge(String card) { return"
                + " new CompletableFuture<>(); }",
            "  CompletionStage<String> reserve(String sku) { return"
                + " new CompletableFuture<>(); }",
            "  ListenableFuture<String> ship(String order) { return Futures.immediateFuture(order);"
                + " }",
            "  Future<String> email(String to) { return Future.succeededFuture(to); }",
            "  void checkout(String card, String sku) {",
            "    // BUG: Diagnostic contains: charge(card).thenApply(String::trim) returns a"
                + " CompletableFuture that is dropped here",
            "    charge(card).thenApply(String::trim);",
            "    // BUG: Diagnostic contains: returns a CompletionStage",
            "    reserve(sku).thenAccept(s -> System.out.println(s));",
            "    // BUG: Diagnostic contains: returns a ListenableFuture",
            "    Futures.transform(ship(sku), String::trim, MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: returns a Future",
            "    email(card).map(String::length);",
            "    // BUG: Diagnostic contains: returns a CompletableFuture",
            "    CompletableFuture.runAsync(() -> System.out.println(card));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void chainsThatHandleFailureAreObserved() {
    helper
        .addSourceLines(
            "Checkout.java",
            "import com.google.common.util.concurrent.FluentFuture;",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import io.vertx.core.Future;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.TimeUnit;",
            "class Checkout {",
            "  CompletableFuture<String> charge(String card) { return"
                + " new CompletableFuture<>(); }",
            "  ListenableFuture<String> ship(String order) { return Futures.immediateFuture(order);"
                + " }",
            "  Future<String> email(String to) { return Future.succeededFuture(to); }",
            "  void checkout(String card, CompletableFuture<String> pending) {",
            "    charge(card).thenApply(String::trim).exceptionally(e -> \"failed\");",
            "    charge(card).whenComplete((v, e) -> {});",
            "    charge(card).handle((v, e) -> v).thenAccept(v -> {});",
            "    Futures.catching(ship(card), Exception.class, e -> \"x\","
                + " MoreExecutors.directExecutor());",
            "    FluentFuture.from(ship(card)).transform(String::trim,"
                + " MoreExecutors.directExecutor())",
            "        .catching(Exception.class, e -> \"x\", MoreExecutors.directExecutor());",
            "    email(card).onFailure(e -> {});",
            "    email(card).map(String::length).onComplete(r -> {});",
            "    email(card).recover(e -> Future.succeededFuture(\"\"));",
            "    pending.orTimeout(1, TimeUnit.SECONDS);",
            "    pending.completeOnTimeout(\"x\", 1, TimeUnit.SECONDS);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void valuesThatAreUsedAreLeftAlone() {
    helper
        .addSourceLines(
            "Orders.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.ExecutorService;",
            "import reactor.core.publisher.Mono;",
            "class Orders {",
            "  CompletableFuture<Void> saveAsync(String order) { return"
                + " new CompletableFuture<>(); }",
            "  Mono<String> find(String id) { return Mono.just(id); }",
            "  private final List<CompletableFuture<Void>> pending = new ArrayList<>();",
            "  private CompletableFuture<Void> last;",
            "  CompletableFuture<Void> place(String order, ExecutorService pool) {",
            "    CompletableFuture<Void> saved = saveAsync(order);",
            "    last = saveAsync(order);",
            "    pending.add(saveAsync(order));",
            "    Future<?> task = pool.submit(() -> {});",
            "    CompletableFuture.allOf(saveAsync(order), saved).join();",
            "    Mono<String> found = find(order);",
            "    return saveAsync(order);",
            "  }",
            "  Mono<String> lookup(String id) { return find(id).map(String::trim); }",
            "  List<CompletableFuture<Void>> all(List<String> orders) {",
            "    List<CompletableFuture<Void>> out = new ArrayList<>();",
            "    orders.forEach(o -> out.add(saveAsync(o)));",
            "    orders.stream().map(o -> saveAsync(o)).forEach(out::add);",
            "    return out;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void canIgnoreReturnValueIsRespected() {
    helper
        .addSourceLines(
            "CanIgnoreReturnValue.java",
            "package com.acme;",
            "public @interface CanIgnoreReturnValue {}")
        .addSourceLines(
            "Cache.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Cache {",
            "  @com.google.errorprone.annotations.CanIgnoreReturnValue",
            "  CompletableFuture<Void> refresh() { return new CompletableFuture<>(); }",
            "  @com.acme.CanIgnoreReturnValue",
            "  Mono<Void> warm() { return Mono.empty(); }",
            "  void start() {",
            "    refresh();",
            "    warm();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void plainFuturesAndNonFuturesAreLeftToOthers() {
    helper
        .addSourceLines(
            "Files.java",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.AsynchronousFileChannel;",
            "import java.util.concurrent.CompletableFuture;",
            "class Files {",
            "  void write(AsynchronousFileChannel channel, CompletableFuture<String> f) {",
            "    channel.write(ByteBuffer.allocate(1), 0L);",
            "    f.complete(\"done\");",
            "    f.cancel(true);",
            "    String.valueOf(1);",
            "  }",
            "}")
        .doTest();
  }

  // Shape 6: a future of a future.

  @Test
  public void nestedFutures() {
    helper
        .addSourceLines(
            "Pricing.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Pricing {",
            "  CompletableFuture<Integer> priceAsync(String sku) { return"
                + " new CompletableFuture<>(); }",
            "  ListenableFuture<Integer> quote(String sku) { return Futures.immediateFuture(1); }",
            "  Mono<Integer> save(String sku) { return Mono.just(1); }",
            "  void refresh(CompletableFuture<String> sku) {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    sku.thenApply(s -> priceAsync(s));",
            "  }",
            "  CompletionStage<?> reprice(CompletableFuture<String> sku) {",
            "    // BUG: Diagnostic contains: it goes on as a CompletionStage<?>",
            "    return sku.thenApply(s -> priceAsync(s));",
            "  }",
            "  void log(CompletableFuture<String> sku) {",
            "    // BUG: Diagnostic contains: thenRun() waits for the outer one only",
            "    sku.thenApply(s -> priceAsync(s)).thenRun(() -> System.out.println(\"priced\"))",
            "        .exceptionally(e -> null);",
            "  }",
            "  ListenableFuture<?> quoteAll(ListenableFuture<String> sku) {",
            "    // BUG: Diagnostic contains: Use transformAsync(...)",
            "    return Futures.transform(sku, s -> quote(s), MoreExecutors.directExecutor());",
            "  }",
            "  Mono<Void> store(Flux<String> skus) {",
            "    // BUG: Diagnostic contains: the inner Mono is never subscribed",
            "    return skus.map(s -> save(s)).then();",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "thenApply's function returns a CompletableFuture, so this is a"
                        + " CompletableFuture<CompletableFuture<Integer>>, and it is dropped:"
                        + " nobody waits for the inner CompletableFuture or sees it fail. Use"
                        + " thenCompose(...)"))
        .doTest();
  }

  @Test
  public void nestedFuturesThatAreUnwrappedAreFine() {
    helper
        .addSourceLines(
            "Pricing.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Function;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Pricing {",
            "  CompletableFuture<Integer> priceAsync(String sku) { return"
                + " new CompletableFuture<>(); }",
            "  Mono<Integer> save(String sku) { return Mono.just(1); }",
            "  CompletableFuture<Integer> price(CompletableFuture<String> sku) {",
            "    return sku.thenApply(s -> priceAsync(s)).thenCompose(Function.identity());",
            "  }",
            "  CompletableFuture<CompletableFuture<Integer>> explicit(CompletableFuture<String>"
                + " sku) {",
            "    return sku.thenApply(s -> priceAsync(s));",
            "  }",
            "  Flux<Integer> merged(Flux<String> skus) {",
            "    return Flux.merge(skus.map(s -> save(s)));",
            "  }",
            "  Flux<Integer> flattened(Flux<String> skus) {",
            "    return skus.map(s -> save(s)).concatMap(m -> m);",
            "  }",
            "  Mono<List<Mono<Integer>>> collected(Flux<String> skus) {",
            "    return skus.map(s -> save(s)).collectList();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void nestedFutureFixes() {
    refactoring
        .addInputLines(
            "Pricing.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Pricing {",
            "  CompletableFuture<Integer> priceAsync(String sku) { return"
                + " new CompletableFuture<>(); }",
            "  ListenableFuture<Integer> quote(String sku) { return Futures.immediateFuture(1); }",
            "  Mono<Integer> save(String sku) { return Mono.just(1); }",
            "  Flux<Integer> saveAll(String sku) { return Flux.just(1); }",
            "  CompletionStage<?> reprice(CompletableFuture<String> sku) {",
            "    return sku.thenApply(s -> priceAsync(s));",
            "  }",
            "  ListenableFuture<?> quoteAll(ListenableFuture<String> sku) {",
            "    return Futures.transform(sku, this::quote, MoreExecutors.directExecutor());",
            "  }",
            "  Mono<Void> store(Flux<String> skus) {",
            "    return skus.map(s -> save(s)).then();",
            "  }",
            "  void storeOne(Mono<String> sku) {",
            "    sku.map(s -> saveAll(s)).subscribe();",
            "  }",
            "}")
        .addOutputLines(
            "Pricing.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Pricing {",
            "  CompletableFuture<Integer> priceAsync(String sku) { return"
                + " new CompletableFuture<>(); }",
            "  ListenableFuture<Integer> quote(String sku) { return Futures.immediateFuture(1); }",
            "  Mono<Integer> save(String sku) { return Mono.just(1); }",
            "  Flux<Integer> saveAll(String sku) { return Flux.just(1); }",
            "  CompletionStage<?> reprice(CompletableFuture<String> sku) {",
            "    return sku.thenCompose(s -> priceAsync(s));",
            "  }",
            "  ListenableFuture<?> quoteAll(ListenableFuture<String> sku) {",
            "    return Futures.transformAsync(sku, this::quote, MoreExecutors.directExecutor());",
            "  }",
            "  Mono<Void> store(Flux<String> skus) {",
            "    return skus.concatMap(s -> save(s)).then();",
            "  }",
            "  void storeOne(Mono<String> sku) {",
            "    sku.flatMapMany(s -> saveAll(s)).subscribe();",
            "  }",
            "}")
        .doTest();
  }

  // Spring @Async methods return futures too.

  @Test
  public void springAsyncFutureDropped() {
    helper
        .addSourceLines(
            "Mailer.java",
            "import java.util.concurrent.CompletableFuture;",
            "import org.springframework.scheduling.annotation.Async;",
            "class Mailer {",
            "  @Async",
            "  public CompletableFuture<Void> send(String to) { return"
                + " new CompletableFuture<>(); }",
            "}")
        .addSourceLines(
            "Signup.java",
            "class Signup {",
            "  Mailer mailer;",
            "  void register(String email) {",
            "    // BUG: Diagnostic contains: mailer.send(email) returns a CompletableFuture that"
                + " is dropped here",
            "    mailer.send(email);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void idiomsOfLibrariesAndTestsAreLeftAlone() {
    helper
        .addSourceLines(
            "Mockito.java",
            "package org.mockito;",
            "public class Mockito {",
            "  public static <T> T verify(T mock) { return mock; }",
            "  public static <T> Then<T> then(T mock) { return null; }",
            "  public interface Then<T> { T should(); }",
            "}")
        .addSourceLines(
            "Server.java",
            "import static org.junit.Assert.assertThrows;",
            "import io.vertx.core.Vertx;",
            "import java.util.concurrent.CompletableFuture;",
            "import org.mockito.Mockito;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Server {",
            "  interface Repo { CompletableFuture<Void> saveAsync(String order); }",
            "  Mono<Void> audit(String order) { return Mono.empty(); }",
            "  void start(Vertx vertx) {",
            "    vertx.createHttpServer()",
            "        .requestHandler(req -> req.response().end(\"hello\"))",
            "        .listen(8080)",
            "        .onFailure(Throwable::printStackTrace);",
            "  }",
            "  void test(Repo repo) {",
            "    Mockito.verify(repo).saveAsync(\"order\");",
            "    Mockito.then(repo).should().saveAsync(\"order\");",
            "    assertThrows(NullPointerException.class, () -> repo.saveAsync(null));",
            "  }",
            "  Flux<String> nested(Flux<String> orders) {",
            "    return orders.doOnNext(o -> audit(o).subscribe());",
            "  }",
            "  Mono<String> handler(Mono<String> body, Repo repo) {",
            "    return body",
            "        .flatMap(o -> audit(o).thenReturn(o))",
            "        .doOnNext(o -> repo.saveAsync(o).exceptionally(e -> null));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Odd.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Function;",
            "import java.util.function.Supplier;",
            "import reactor.core.publisher.Mono;",
            "class Odd {",
            "  record Order(String id) {",
            "    CompletableFuture<Void> save() { return new CompletableFuture<>(); }",
            "  }",
            "  enum Kind { A, B;",
            "    Mono<Void> run() { return Mono.empty(); }",
            "  }",
            "  <T extends CompletableFuture<String>> void generic(T t, List<? extends"
                + " CompletableFuture<?>> fs) {",
            "    // BUG: Diagnostic contains: dropped here",
            "    t.thenApply(s -> s);",
            "    Function<String, Function<String, CompletableFuture<String>>> f =",
            "        a -> b -> CompletableFuture.completedFuture(a + b);",
            "    Supplier<CompletableFuture<String>> s = () -> t;",
            "    Runnable r = new Runnable() {",
            "      @Override public void run() {",
            "        // BUG: Diagnostic contains: dropped here",
            "        new Order(\"x\").save();",
            "      }",
            "    };",
            "    Object o = switch (fs.size()) {",
            "      case 0 -> t;",
            "      default -> Kind.A.run();",
            "    };",
            "    CompletableFuture<?> c = fs.isEmpty() ? t : fs.get(0);",
            "  }",
            "}")
        .doTest();
  }
}
