package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Values dropped whose outcome is reported somewhere else, found on libraries the rules were never
 * tuned on (bench/triage/observe.md): each rule in the style of the code where it was found, in
 * another style, and beside it the real bug it must still find.
 */
@RunWith(JUnit4.class)
public class UnobservedFutureOutcomesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnobservedFuture.class, getClass())
          .setArgs(TwinsOff.ERROR_PRONE);
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(UnobservedFuture.class, getClass())
          .setArgs(TwinsOff.ERROR_PRONE);

  @Test
  public void statusOfAFailureHandOff_realCode() {
    // jetty-client: abort(Throwable) and fail(Throwable) return CompletableFuture<Boolean>,
    // whether the abort took effect; the call is itself the error path (HttpDestination.java:315,
    // InputStreamResponseListener.java:112, HttpRequest.java:819).
    helper
        .addSourceLines(
            "Request.java",
            "import java.util.concurrent.CompletableFuture;",
            "interface Request {",
            "  CompletableFuture<Boolean> abort(Throwable cause);",
            "  Response getResponse();",
            "  CompletableFuture<Boolean> send(String body);",
            "  CompletableFuture<Void> fail(Throwable cause);",
            "}")
        .addSourceLines(
            "Response.java",
            "import java.util.concurrent.CompletableFuture;",
            "interface Response { CompletableFuture<Boolean> fail(Throwable cause); }")
        .addSourceLines(
            "Destination.java",
            "import java.util.List;",
            "import java.util.function.Consumer;",
            "class Destination {",
            "  void abortExchanges(List<Request> exchanges, Throwable cause) {",
            "    for (Request r : exchanges) {",
            "      r.abort(cause);",
            "    }",
            "  }",
            "  void onChunkFailure(Request r, Throwable x) {",
            "    r.abort(x).thenRun(() -> System.out.println(\"notified\"));",
            "    onFailure(r.getResponse()::fail);",
            "  }",
            "  void onFailure(Consumer<Throwable> callback) {}",
            "  void bugs(Request r, Throwable x) {",
            "    // A Boolean with no failure handed on is the outcome of work: still reported.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    r.send(\"hello\");",
            "    // A failure handed on whose future carries no status: still reported.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    r.fail(x);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void statusOfAFailureHandOff_otherStyle() {
    helper
        .addSourceLines(
            "Sessions.java",
            "import java.util.concurrent.CompletionStage;",
            "abstract class Sessions {",
            "  abstract CompletionStage<Boolean> terminate(String id, IllegalStateException why);",
            "  abstract CompletionStage<Boolean> renew(String id);",
            "  void expire(String id) {",
            "    terminate(id, new IllegalStateException(\"expired\"));",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    renew(id);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void fluentCallsThatReturnThis_realCode() {
    // reactor-netty-http: HttpServerOperations and HttpClientOperations are publishers
    // (NettyOutbound), and keepAlive, header, addHandlerFirst return this for chaining.
    helper
        .addSourceLines(
            "Ops.java",
            "import org.reactivestreams.Publisher;",
            "import org.reactivestreams.Subscriber;",
            "class Ops implements Publisher<Void> {",
            "  boolean keepAlive;",
            "  public void subscribe(Subscriber<? super Void> s) {}",
            "  Ops keepAlive(boolean k) { this.keepAlive = k; return this; }",
            "  Ops header(String name, String value) {",
            "    if (name.isEmpty()) { throw new IllegalStateException(); }",
            "    return this;",
            "  }",
            "  Ops then(Publisher<Void> other) { return new Ops(); }",
            "  void beforeSend(boolean expectContinue, Ops parent) {",
            "    if (expectContinue) {",
            "      keepAlive(false);",
            "    }",
            "    header(\"content-type\", \"text/event-stream\");",
            "    parent.keepAlive(true);",
            "    // A method that makes a new publisher: nothing subscribes, nothing is sent.",
            "    // BUG: Diagnostic contains: nothing subscribes to it",
            "    then(parent);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void objectsOwnFutureReturnedFromAField_realCode() {
    // java-driver-core: ChannelPool.forceCloseAsync() returns the pool's one close future, which
    // closeAsync() hands out too (PoolManager.java:501); AdminRequestHandler.start() returns the
    // result field its first call already handed out (ThrottledAdminRequestHandler.java:149).
    helper
        .addSourceLines(
            "Pool.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "class Pool {",
            "  private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();",
            "  private final State state = new State();",
            "  static class State { final CompletableFuture<Void> done = new CompletableFuture<>();"
                + " }",
            "  CompletionStage<Void> closeAsync() { return closeFuture; }",
            "  CompletionStage<Void> forceCloseAsync() {",
            "    System.out.println(\"force\");",
            "    return closeFuture;",
            "  }",
            "  CompletionStage<Void> start() { return state.done; }",
            "  CompletionStage<Void> fresh() { return new CompletableFuture<>(); }",
            "  void shutdown(boolean closeWasCalled) {",
            "    if (closeWasCalled) {",
            "      forceCloseAsync();",
            "    }",
            "    start();",
            "    // A new future each call: its failure is nobody's.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    fresh();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void calleeSeesItsOwnFailure_realCode() {
    // java-driver-core: InsightsClient.sendStartupMessage() returns a whenComplete that logs, a
    // completed future, or a failed one after logging it (InsightsClientLifecycleListener.java:56,
    // InsightsClient.java:184 as this::sendStatusMessage).
    helper
        .addSourceLines(
            "Insights.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import java.util.function.Supplier;",
            "class Insights {",
            "  static <T> CompletableFuture<T> failedFuture(Throwable cause) {",
            "    CompletableFuture<T> f = new CompletableFuture<>();",
            "    f.completeExceptionally(cause);",
            "    return f;",
            "  }",
            "  boolean enabled;",
            "  CompletionStage<Void> send(String json) { return new CompletableFuture<>(); }",
            "  CompletionStage<Void> sendStartupMessage() {",
            "    try {",
            "      if (!enabled) {",
            "        return CompletableFuture.completedFuture(null);",
            "      }",
            "      return send(\"{}\").whenComplete((v, e) -> {",
            "        if (e != null) { System.err.println(e); }",
            "      });",
            "    } catch (RuntimeException e) {",
            "      System.err.println(\"unexpected: \" + e);",
            "      log(e);",
            "      return failedFuture(e);",
            "    }",
            "  }",
            "  CompletionStage<Void> sendQuietly() {",
            "    try {",
            "      return send(\"{}\").whenComplete((v, e) -> {});",
            "    } catch (RuntimeException e) {",
            "      return failedFuture(e);",
            "    }",
            "  }",
            "  void log(Throwable e) {}",
            "  void schedule(Runnable task) {}",
            "  void onSessionReady() {",
            "    sendStartupMessage();",
            "    schedule(this::sendStartupMessage);",
            "    // A failure returned without being seen first.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    sendQuietly();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void calleeSeesItsOwnFailure_otherStyle() {
    // A helper that only ever returns an already completed future (pulsar's doIndividualAckAsync
    // queues the ack and returns completedFuture(null)); and a higher-order helper that returns
    // what
    // the function it is given returns.
    helper
        .addSourceLines(
            "Acks.java",
            "import java.util.ArrayDeque;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Function;",
            "class Acks {",
            "  final ArrayDeque<Long> pending = new ArrayDeque<>();",
            "  CompletableFuture<Void> queue(Long id) {",
            "    pending.add(id);",
            "    return CompletableFuture.completedFuture(null);",
            "  }",
            "  CompletableFuture<Void> sendNow(Long id) { return new CompletableFuture<>(); }",
            "  CompletableFuture<Void> ack(Long id, Function<Long, CompletableFuture<Void>> how) {",
            "    if (id < 0) {",
            "      return CompletableFuture.completedFuture(null);",
            "    }",
            "    return how.apply(id);",
            "  }",
            "  void ackAll(Iterable<Long> ids) {",
            "    for (Long id : ids) {",
            "      queue(id);",
            "      ack(id, this::queue);",
            "      // The function passed sends now: its failure is dropped.",
            "      // BUG: Diagnostic contains: UnobservedFuture",
            "      ack(id, this::sendNow);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void submittedTaskWrapsItsWork_realCode() {
    // lettuce-core: ConnectionWatchdog submits () -> { run(attempt, delay); return null; }, whose
    // run logs and returns on its guards, then catches Exception around the reconnect
    // (ConnectionWatchdog.java:260); ClusterTopologyRefreshScheduler submits a task whose run()
    // calls doRun(), which catches Exception (ClusterTopologyRefreshScheduler.java:227).
    helper
        .addSourceLines(
            "Watchdog.java",
            "import java.util.concurrent.ExecutorService;",
            "class Watchdog {",
            "  boolean active;",
            "  final RefreshTask task = new RefreshTask();",
            "  static class RefreshTask implements Runnable {",
            "    boolean running;",
            "    public void run() {",
            "      if (!running) {",
            "        running = true;",
            "        doRun();",
            "        return;",
            "      }",
            "      System.out.println(\"already running\");",
            "    }",
            "    void doRun() {",
            "      try {",
            "        System.out.println(\"refresh\");",
            "      } catch (Exception e) {",
            "        System.err.println(e);",
            "      }",
            "    }",
            "  }",
            "  private void run(int attempt) throws Exception {",
            "    if (!active) {",
            "      System.out.println(\"inactive\");",
            "      return;",
            "    }",
            "    try {",
            "      reconnect(attempt);",
            "    } catch (Exception e) {",
            "      System.err.println(\"Cannot reconnect: \" + e);",
            "    }",
            "  }",
            "  void reconnect(int attempt) throws Exception {}",
            "  void schedule(ExecutorService workers, int attempt) {",
            "    workers.submit(() -> {",
            "      Watchdog.this.run(attempt);",
            "      return null;",
            "    });",
            "    workers.submit(task);",
            "    // The task's exception goes into the Future nobody reads.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    workers.submit(() -> {",
            "      reconnect(attempt);",
            "      return null;",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void submitOnAScheduledExecutorGetsNoExecuteFix_realCode() {
    // Patch mode over the corpus: reactor-core's BoundedElasticScheduler.execute is super.submit
    // on a ScheduledThreadPoolExecutor (BoundedElasticScheduler.java:1101), lettuce submits to a
    // ScheduledExecutorService (MaintenanceAwareExpiryWriter.java:204). The JDK's
    // ScheduledThreadPoolExecutor runs an execute()d task as a ScheduledFutureTask too, so
    // submit -> execute would compile and still lose the failure.
    helper
        .addSourceLines(
            "Timers.java",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.ScheduledExecutorService;",
            "class Timers {",
            "  public void expire(ScheduledExecutorService timers, ExecutorService pool) {",
            "    // BUG: Diagnostic contains: On a ScheduledExecutorService, execute(...) may keep"
                + " it",
            "    timers.submit(() -> System.out.println(\"expired\"));",
            "    // BUG: Diagnostic contains: Use execute(...)",
            "    pool.submit(() -> System.out.println(\"expired\"));",
            "  }",
            "}")
        .doTest();
    refactoring
        .addInputLines(
            "Timers.java",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.ScheduledExecutorService;",
            "class Timers {",
            "  public void expire(ScheduledExecutorService timers, ExecutorService pool) {",
            "    timers.submit(() -> System.out.println(\"expired\"));",
            "    pool.submit(() -> System.out.println(\"expired\"));",
            "  }",
            "}")
        .addOutputLines(
            "Timers.java",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.ScheduledExecutorService;",
            "class Timers {",
            "  public void expire(ScheduledExecutorService timers, ExecutorService pool) {",
            "    timers.submit(() -> System.out.println(\"expired\"));",
            "    pool.execute(() -> System.out.println(\"expired\"));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void explicitNullErrorConsumer_realCode() {
    // reactor-netty: onTerminate().subscribe(null, null, () -> removeHandler(name))
    // (HttpOperations.java:312, ReactorNetty.java:485): Reactor's error consumer is @Nullable, and
    // a literal null there is a decision, not an omission.
    helper
        .addSourceLines(
            "Handlers.java",
            "import reactor.core.publisher.Mono;",
            "class Handlers {",
            "  Mono<Void> onTerminate() { return Mono.empty(); }",
            "  void removeHandler(String name) {}",
            "  void addHandler(String name) {",
            "    onTerminate().subscribe(null, null, () -> removeHandler(name));",
            "    // No error consumer at all: still reported.",
            "    // BUG: Diagnostic contains: no error consumer",
            "    onTerminate().subscribe(v -> {});",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void sideContinuationOnAnObservedFuture_realCode() {
    // lettuce-core: a continuation on a connection future the method returns
    // (MasterReplicaConnectionProvider.java:336), stores in the array it combines
    // (BoundedAsyncPool.java:162), or that a getter hands out (AsyncConnectionProvider.java:265);
    // pulsar: on each pending connection future of the pool's map (ConnectionPool.java:280).
    helper
        .addSourceLines(
            "Connections.java",
            "import java.util.Map;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ConcurrentHashMap;",
            "import java.util.function.Consumer;",
            "class Connections {",
            "  final Map<String, CompletableFuture<String>> pool = new ConcurrentHashMap<>();",
            "  private final CompletableFuture<String> current = new CompletableFuture<>();",
            "  CompletableFuture<String> connectAsync(String host) { return new"
                + " CompletableFuture<>(); }",
            "  CompletableFuture<String> getConnection(String host) {",
            "    return pool.computeIfAbsent(host, this::connectAsync);",
            "  }",
            "  CompletableFuture<String> current() { return current; }",
            "  CompletableFuture<String> connect(String host) {",
            "    CompletableFuture<String> connection = connectAsync(host);",
            "    connection.thenAccept(c -> System.out.println(\"auto-flush off\"));",
            "    return connection;",
            "  }",
            "  CompletableFuture<Void> warm(String[] hosts) {",
            "    CompletableFuture<?>[] futures = new CompletableFuture<?>[hosts.length];",
            "    for (int i = 0; i < hosts.length; i++) {",
            "      CompletableFuture<String> f = connectAsync(hosts[i]);",
            "      futures[i] = f;",
            "      f.thenAccept(c -> System.out.println(\"idle \" + c));",
            "    }",
            "    return CompletableFuture.allOf(futures);",
            "  }",
            "  void doWithConnection(Consumer<String> action) {",
            "    current.thenAccept(action);",
            "  }",
            "  void closeAll() {",
            "    pool.values().forEach(future -> future.thenAccept(c -> System.out.println(c)));",
            "  }",
            "  void bug(String host) {",
            "    // Nobody else sees connect's failure.",
            "    CompletableFuture<String> lonely = connectAsync(host);",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    lonely.thenAccept(c -> System.out.println(c));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void signalFutureThatCannotFail_realCode() {
    // java-driver-core: ReactiveResultSetSubscription's firstSubscriberRequestArrived is private,
    // made in its declaration and only ever completed normally
    // (ReactiveResultSetSubscription.java:128).
    helper
        .addSourceLines(
            "Subscription.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Subscription {",
            "  private final CompletableFuture<Void> firstRequest = new CompletableFuture<>();",
            "  private final CompletableFuture<Void> ready = new CompletableFuture<>();",
            "  void start(Runnable fetch) {",
            "    firstRequest.thenAccept(v -> fetch.run());",
            "    // This one can be failed: its failure is lost here.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    ready.thenAccept(v -> fetch.run());",
            "  }",
            "  void request(long n) {",
            "    if (!firstRequest.isDone()) {",
            "      firstRequest.complete(null);",
            "    }",
            "  }",
            "  void fail(Throwable t) { ready.completeExceptionally(t); }",
            "}")
        .doTest();
  }

  @Test
  public void helperThatWorksOnTheFutureItIsGiven_realCode() {
    // pulsar: FutureUtil.addTimeoutHandling(combinedFuture, ...) returns its argument, which the
    // next statement handles (PulsarClientImpl.java:714).
    helper
        .addSourceLines(
            "Client.java",
            "import java.time.Duration;",
            "import java.util.concurrent.CompletableFuture;",
            "class Client {",
            "  static <T> CompletableFuture<T> addTimeoutHandling(CompletableFuture<T> f,"
                + " Duration d) { return f; }",
            "  CompletableFuture<String> lookup(String topic) { return new CompletableFuture<>();"
                + " }",
            "  CompletableFuture<String> metadata(String topic) {",
            "    CompletableFuture<String> combined = lookup(topic);",
            "    addTimeoutHandling(combined, Duration.ofSeconds(30));",
            "    return combined.handle((v, e) -> v);",
            "  }",
            "  void bug(String topic) {",
            "    CompletableFuture<String> alone = lookup(topic);",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    addTimeoutHandling(alone, Duration.ofSeconds(30));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void callHandedTheObjectsOwnFuture_realCode() {
    // pulsar: flushAsync hands the batch's completer field to newMessageAckCommandAndWrite, and
    // callers of the ack get that field's future
    // (PersistentAcknowledgmentsGroupingTracker.java:397).
    helper
        .addSourceLines(
            "Tracker.java",
            "import java.util.Optional;",
            "import java.util.concurrent.CompletableFuture;",
            "class Tracker {",
            "  private volatile CompletableFuture<Void> currentAckFuture = new"
                + " CompletableFuture<>();",
            "  private CompletableFuture<Void> unread = new CompletableFuture<>();",
            "  CompletableFuture<Void> write(long id, CompletableFuture<Void> completer) {",
            "    return completer;",
            "  }",
            "  CompletableFuture<Void> ack(long id, Optional<Object> lock) {",
            "    return lock.map(l ->"
                + " currentAckFuture).orElse(CompletableFuture.completedFuture(null));",
            "  }",
            "  void flush(long id) {",
            "    write(id, currentAckFuture);",
            "    // A field nobody is handed: its outcome is lost.",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    write(id, unread);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void dropChosenAgainstABranchThatKeepsTheFutures_realCode() {
    // pulsar: with ack receipt the acks are collected and waited for; without, each is queued and
    // the method returns completedFuture(null) (PersistentAcknowledgmentsGroupingTracker.java:139).
    // Beside it the real bug of ConsumerBase.java:553: every reconsume dropped, success claimed.
    helper
        .addSourceLines(
            "Consumer.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "class Consumer {",
            "  boolean receipt;",
            "  CompletableFuture<Void> ack(String id) { return new CompletableFuture<>(); }",
            "  CompletableFuture<Void> reconsumeLater(String id) { return new"
                + " CompletableFuture<>(); }",
            "  CompletableFuture<Void> ackAll(List<String> ids) {",
            "    if (receipt) {",
            "      List<CompletableFuture<Void>> all = new ArrayList<>();",
            "      ids.forEach(id -> all.add(ack(id)));",
            "      return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));",
            "    } else {",
            "      ids.forEach(id -> ack(id));",
            "      return CompletableFuture.completedFuture(null);",
            "    }",
            "  }",
            "  CompletableFuture<Void> reconsumeAll(List<String> ids) {",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    ids.forEach(id -> reconsumeLater(id));",
            "    return CompletableFuture.completedFuture(null);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void errorsHandledInsideFlatMap_realCode() {
    // micronaut-http-client: the health check maps every exchange failure to a status inside
    // flatMap, over Flux.fromIterable, which cannot fail (ServiceHttpClientFactory.java:116).
    helper
        .addSourceLines(
            "Health.java",
            "import java.util.List;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Health {",
            "  Mono<Integer> exchange(String url) { return Mono.just(200); }",
            "  void check(List<String> urls) {",
            "    Flux.fromIterable(urls)",
            "        .flatMap(url -> {",
            "          String health = url + \"/health\";",
            "          return exchange(health).onErrorResume(e -> Mono.just(500)).map(c -> c);",
            "        })",
            "        .subscribe(status -> System.out.println(status));",
            "    // The exchange's failure reaches the missing error consumer.",
            "    Flux.fromIterable(urls)",
            "        .flatMap(url -> exchange(url))",
            "        // BUG: Diagnostic contains: no error consumer",
            "        .subscribe(status -> System.out.println(status));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void errorsHandledInsideFlatMap_otherStyle() {
    helper
        .addSourceLines(
            "Pings.java",
            "import io.reactivex.rxjava3.core.Flowable;",
            "import io.reactivex.rxjava3.core.Single;",
            "class Pings {",
            "  Single<Long> ping(int node) { return Single.just(1L); }",
            "  void pingAll() {",
            "    Flowable.range(0, 3).concatMapSingle(n -> ping(n).onErrorReturnItem(-1L))",
            "        .subscribe(ms -> System.out.println(ms));",
            "    // interval can fail downstream of a timer: not a source of values already there.",
            "    Flowable.fromArray(1, 2).flatMapSingle(n -> ping(n))",
            "        // BUG: Diagnostic contains: no error consumer",
            "        .subscribe(ms -> System.out.println(ms));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void abstractCallThatMayWorkEagerly_realCode() {
    // spring-webflux: AbstractListenerWebSocketSession calls close(status), whose listener-based
    // implementations close at once and return Mono.empty() (AbstractListenerWebSocketSession.java
    // :231): the message must not claim that the work never happens.
    helper
        .addSourceLines(
            "Session.java",
            "import reactor.core.publisher.Mono;",
            "abstract class Session {",
            "  abstract Mono<Void> close(int status);",
            "  Mono<Void> send(String text) { return Mono.empty(); }",
            "  void onError(Throwable ex) {",
            "    // BUG: Diagnostic contains: unless the implementation that runs here does its"
                + " work",
            "    close(1011);",
            "    // BUG: Diagnostic contains: so its work never happens",
            "    send(\"bye\");",
            "  }",
            "}")
        .doTest();
  }
}
