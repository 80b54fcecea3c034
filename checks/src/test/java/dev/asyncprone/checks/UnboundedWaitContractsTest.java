package dev.asyncprone.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * UnboundedWait in methods whose waits are their callers' choice (issue 14, shapes A and D of the
 * first run on libraries the rules were never tuned on): the blocking form of an async method, of a
 * method that takes a callback, a method annotated {@code @Blocking}, a private helper only they
 * call, and a wait after a timed wait that returned true.
 */
@RunWith(JUnit4.class)
public class UnboundedWaitContractsTest {
  private static final String ON = "-XepOpt:AsyncProne:UnboundedWait=WARN";

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnboundedWait.class, getClass()).setArgs(ON);

  /** pulsar ConsumerImpl.seek, ConsumerBase.close; lettuce AsyncConnectionPoolSupport. */
  @Test
  public void blockingTwinOfAnAsyncMethod_realCode() {
    helper
        .addSourceLines(
            "ConsumerBase.java",
            "import java.util.concurrent.*;",
            "abstract class ConsumerBase {",
            "  abstract CompletableFuture<Void> seekAsync(long timestamp);",
            "  abstract CompletableFuture<Void> closeAsync();",
            "  abstract CompletableFuture<String> receiveAsync();",
            "  public void close() throws Exception {",
            "    try {",
            "      closeAsync().get();",
            "    } catch (ExecutionException e) {",
            "      throw new IllegalStateException(e);",
            "    }",
            "  }",
            "  public String receive() throws Exception {",
            "    CompletableFuture<String> next = receiveAsync();",
            "    return next.get();",
            "  }",
            "}")
        .addSourceLines(
            "ConsumerImpl.java",
            "import java.util.concurrent.*;",
            "class ConsumerImpl extends ConsumerBase {",
            "  @Override CompletableFuture<Void> seekAsync(long timestamp) {",
            "    return new CompletableFuture<>();",
            "  }",
            "  @Override CompletableFuture<Void> closeAsync() { return new CompletableFuture<>();"
                + " }",
            "  @Override CompletableFuture<String> receiveAsync() {",
            "    return new CompletableFuture<>();",
            "  }",
            "  // the twin is inherited",
            "  public void seek(long timestamp) throws Exception {",
            "    seekAsync(timestamp).get();",
            "  }",
            "}")
        .addSourceLines(
            "AsyncPool.java",
            "import java.util.concurrent.CompletableFuture;",
            "interface AsyncPool<T> {",
            "  CompletableFuture<Void> returnObjectAsync(T o);",
            "  CompletableFuture<Void> clearAsync();",
            "}")
        .addSourceLines(
            "PoolSupport.java",
            "final class PoolSupport {",
            "  abstract static class BlockingPool<T> implements AsyncPool<T> {",
            "    public void returnObject(T o) {",
            "      returnObjectAsync(o).join();",
            "    }",
            "    public void clear() {",
            "      clearAsync().join();",
            "    }",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** A service of an application, a static façade: the same contract in another style. */
  @Test
  public void blockingTwinOfAnAsyncMethod_otherStyle() {
    helper
        .addSourceLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "final class Orders {",
            "  static CompletableFuture<String> findAsync(String id) {",
            "    return CompletableFuture.completedFuture(id);",
            "  }",
            "  static Mono<String> cancelAsync(String id) { return Mono.just(id); }",
            "  static String find(String id) { return findAsync(id).join(); }",
            "  static String cancel(String id) { return cancelAsync(id).block(); }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void waitsBesideABlockingTwinAreStillReported() {
    helper
        .addSourceLines(
            "Client.java",
            "import java.util.concurrent.*;",
            "abstract class Client {",
            "  abstract CompletableFuture<Void> closeAsync();",
            "  abstract void flushAsync();",
            "  abstract CompletableFuture<Void> startAsync();",
            "  // no closeAsync's twin: a method of another name that waits for it",
            "  void reconnect() {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    closeAsync().join();",
            "  }",
            "  // flushAsync() returns no future: no async twin",
            "  void flush(CompletableFuture<Void> done) {",
            "    flushAsync();",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    done.join();",
            "  }",
            "  // the lambda runs later, on another thread, for another caller",
            "  void start(ExecutorService pool) {",
            "    pool.execute(",
            "        () -> {",
            "          // BUG: Diagnostic contains: UnboundedWait",
            "          startAsync().join();",
            "        });",
            "  }",
            "  // an async method is no blocking twin of itself",
            "  CompletableFuture<Void> restartAsync() {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    closeAsync().join();",
            "    return startAsync();",
            "  }",
            "}")
        .doTest();
  }

  /** jetty HttpRequest.send() beside send(CompleteListener), HttpRedirector.redirect. */
  @Test
  public void blockingTwinOfACallbackMethod_realCode() {
    helper
        .addSourceLines(
            "HttpRequest.java",
            "import java.util.concurrent.*;",
            "class HttpRequest {",
            "  interface CompleteListener { void onComplete(String result); }",
            "  static final class FutureListener extends CompletableFuture<String>",
            "      implements CompleteListener {",
            "    @Override public void onComplete(String result) { complete(result); }",
            "  }",
            "  public String send() throws InterruptedException, ExecutionException {",
            "    FutureListener listener = new FutureListener();",
            "    send(listener);",
            "    return listener.get();",
            "  }",
            "  public void send(CompleteListener listener) {}",
            "  public String redirect(String request, String response) throws Exception {",
            "    FutureListener listener = new FutureListener();",
            "    redirect(request, response, listener);",
            "    return listener.get();",
            "  }",
            "  public CompletableFuture<String> redirect(",
            "      String request, String response, CompleteListener listener) {",
            "    return null;",
            "  }",
            "}")
        .addSourceLines(
            "Files.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Consumer;",
            "abstract class Files {",
            "  abstract void read(String path, Consumer<byte[]> then);",
            "  byte[] read(String path) {",
            "    CompletableFuture<byte[]> bytes = new CompletableFuture<>();",
            "    read(path, bytes::complete);",
            "    return bytes.join();",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void anOverloadWithAnotherExtraParameterIsNoCallbackTwin() {
    helper
        .addSourceLines(
            "Sender.java",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class Sender {",
            "  abstract CompletableFuture<String> pending();",
            "  abstract void send(String message, String tag);",
            "  abstract void publish(Runnable then, String message);",
            "  String send(String message) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return pending().join();",
            "  }",
            "  // the callback is not an extra last parameter after this one's",
            "  String publish(String message) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return pending().join();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void methodsAnnotatedBlocking() {
    helper
        .addSourceLines(
            "Gateway.java",
            "import dev.asyncprone.annotations.Blocking;",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class Gateway {",
            "  abstract CompletableFuture<String> call();",
            "  @Blocking String fetch() { return call().join(); }",
            "  String other() {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return call().join();",
            "  }",
            "}")
        .addSourceLines(
            "SyncCommands.java",
            "import java.util.concurrent.CompletableFuture;",
            "// a whole type declared blocking; JetBrains' annotation on a method",
            "@dev.asyncprone.annotations.Blocking",
            "abstract class SyncCommands {",
            "  abstract CompletableFuture<String> dispatch(String command);",
            "  String get(String key) { return dispatch(key).join(); }",
            "  static final class Jet {",
            "    @org.jetbrains.annotations.Blocking",
            "    String get(CompletableFuture<String> f) { return f.join(); }",
            "  }",
            "}")
        .doTest();
  }

  /** micronaut DefaultHttpClient:601: the BlockingHttpClient it hands out waits by contract. */
  @Test
  public void typesNamedBlocking_realCode() {
    helper
        .addSourceLines(
            "BlockingHttpClient.java",
            "interface BlockingHttpClient {",
            "  String exchange(String request);",
            "}")
        .addSourceLines(
            "DefaultHttpClient.java",
            "import reactor.core.publisher.Mono;",
            "abstract class DefaultHttpClient {",
            "  abstract Mono<String> exchange(String request, boolean hint);",
            "  BlockingHttpClient toBlocking() {",
            "    return new BlockingHttpClient() {",
            "      @Override public String exchange(String request) {",
            "        return DefaultHttpClient.this.exchange(request, true).block();",
            "      }",
            "    };",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * lettuce SyncExecutionsImpl (a constructor that waits for each node's result) and spring-webflux
   * AbstractNamedValueSyncArgumentResolver.resolveArgumentValue (the synchronous twin of
   * resolveArgument): "Sync" in the type's name.
   */
  @Test
  public void typesNamedSync_realCode() {
    helper
        .addSourceLines(
            "SyncExecutionsImpl.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class SyncExecutionsImpl<T> {",
            "  private final Map<String, T> executions;",
            "  SyncExecutionsImpl(Map<String, CompletionStage<? extends T>> executions)",
            "      throws ExecutionException, InterruptedException {",
            "    Map<String, T> result = new HashMap<>();",
            "    for (Map.Entry<String, CompletionStage<? extends T>> e : executions.entrySet()) {",
            "      result.put(e.getKey(), e.getValue().toCompletableFuture().get());",
            "    }",
            "    this.executions = result;",
            "  }",
            "}")
        .addSourceLines(
            "SyncHandlerMethodArgumentResolver.java",
            "import reactor.core.publisher.Mono;",
            "interface SyncHandlerMethodArgumentResolver {",
            "  default Mono<Object> resolveArgument(String parameter) {",
            "    return Mono.justOrEmpty(resolveArgumentValue(parameter));",
            "  }",
            "  Object resolveArgumentValue(String parameter);",
            "}")
        .addSourceLines(
            "NamedValueResolver.java",
            "import reactor.core.publisher.Mono;",
            "abstract class NamedValueResolver implements SyncHandlerMethodArgumentResolver {",
            "  abstract Mono<Object> resolveAsync(String parameter);",
            "  @Override public Object resolveArgumentValue(String parameter) {",
            "    return resolveAsync(parameter).block();",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void typesNamedAsyncAreStillReported() {
    helper
        .addSourceLines(
            "AsyncCommands.java",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class AsyncCommands {",
            "  abstract CompletableFuture<String> dispatch(String key);",
            "  String get(String key) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return dispatch(key).join();",
            "  }",
            "}")
        .doTest();
  }

  /** A gRPC-style blocking stub: the class says it by name. */
  @Test
  public void typesNamedBlocking_otherStyle() {
    helper
        .addSourceLines(
            "GreeterBlockingStub.java",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class GreeterBlockingStub {",
            "  abstract CompletableFuture<String> call(String name);",
            "  String sayHello(String name) { return call(name).join(); }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void typesNamedNonBlockingAreStillReported() {
    helper
        .addSourceLines(
            "NonBlockingCache.java",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class NonBlockingCache {",
            "  abstract CompletableFuture<String> load(String key);",
            "  String get(String key) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return load(key).join();",
            "  }",
            "}")
        .addSourceLines(
            "Blockingly.java",
            "import java.util.concurrent.CompletableFuture;",
            "// 'Blocking' as part of another word is no such name",
            "abstract class Unblockingness {",
            "  abstract CompletableFuture<String> load(String key);",
            "  String get(String key) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return load(key).join();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * pulsar ProducerImpl.canEnqueueRequest and TransactionMetaStoreHandler.canSendRequest: {@code if
   * (blockIfQueueFull) semaphore.acquire(); else if (!semaphore.tryAcquire()) fail;}. The code
   * offers both; the configuration chose to block.
   */
  @Test
  public void blockingHalfOfAChoice_realCode() {
    helper
        .addSourceLines(
            "Producer.java",
            "import java.util.Optional;",
            "import java.util.concurrent.Semaphore;",
            "class Producer {",
            "  boolean blockIfQueueFull;",
            "  Optional<Semaphore> semaphore = Optional.of(new Semaphore(10));",
            "  Semaphore pending = new Semaphore(10);",
            "  boolean canEnqueue() throws InterruptedException {",
            "    if (blockIfQueueFull) {",
            "      if (semaphore.isPresent()) {",
            "        semaphore.get().acquire();",
            "      }",
            "    } else {",
            "      if (!semaphore.map(Semaphore::tryAcquire).orElse(true)) {",
            "        return false;",
            "      }",
            "    }",
            "    return true;",
            "  }",
            "  boolean canSend(boolean block) throws InterruptedException {",
            "    if (block) {",
            "      pending.acquire();",
            "    } else {",
            "      if (!pending.tryAcquire()) {",
            "        return false;",
            "      }",
            "    }",
            "    return true;",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * pulsar TransactionMetaStoreHandler.canSendRequest: the same choice, but its flag is a final
   * field that the only constructor sets to {@code true}, so the {@code tryAcquire()} branch never
   * runs and every request waits for a permit with no bound.
   */
  @Test
  public void choiceFixedByAFinalFlag_realCode() {
    helper
        .addSourceLines(
            "Handler.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Semaphore;",
            "class Handler {",
            "  private final boolean blockIfReachMaxPendingOps;",
            "  private final Semaphore semaphore = new Semaphore(1000);",
            "  Handler() {",
            "    this.blockIfReachMaxPendingOps = true;",
            "  }",
            "  boolean canSendRequest(CompletableFuture<?> callback) {",
            "    try {",
            "      if (blockIfReachMaxPendingOps) {",
            "        // BUG: Diagnostic contains: UnboundedWait",
            "        semaphore.acquire();",
            "      } else {",
            "        if (!semaphore.tryAcquire()) {",
            "          callback.completeExceptionally(new IllegalStateException(\"full\"));",
            "          return false;",
            "        }",
            "      }",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "      return false;",
            "    }",
            "    return true;",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The same with a queue and a constant, a local and a flag set alike by two constructors; a flag
   * that the constructors set apart, or from a parameter, still offers the choice.
   */
  @Test
  public void choiceFixedByAFinalFlag_otherStyle() {
    helper
        .addSourceLines(
            "Outbox.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Outbox {",
            "  static final boolean BLOCKING = true;",
            "  private final boolean wait;",
            "  private final boolean chosen;",
            "  Outbox() {",
            "    wait = true;",
            "    chosen = false;",
            "  }",
            "  Outbox(int size) {",
            "    this.wait = true;",
            "    this.chosen = size > 0;",
            "  }",
            "  String next(BlockingQueue<String> queue) throws InterruptedException {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    String a = BLOCKING ? queue.take() : queue.poll();",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    String b = !wait ? queue.poll() : queue.take();",
            "    final boolean always = true;",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    String c = always ? queue.take() : queue.poll();",
            "    String d = chosen ? queue.take() : queue.poll();",
            "    return a + b + c + d;",
            "  }",
            "}")
        .doTest();
  }

  /** The same with a queue: {@code take()} beside {@code poll()}. */
  @Test
  public void blockingHalfOfAChoice_otherStyle() {
    helper
        .addSourceLines(
            "Inbox.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Inbox {",
            "  String next(BlockingQueue<String> queue, BlockingQueue<String> other, boolean wait)",
            "      throws InterruptedException {",
            "    String a = wait ? queue.take() : queue.poll();",
            "    // a branch that tries another object leaves this wait unbounded",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    String b = wait ? queue.take() : other.poll();",
            "    return a + b;",
            "  }",
            "}")
        .doTest();
  }

  /** lettuce MasterReplica.getConnection(future), ZeroQueueConsumerImpl's fetch. */
  @Test
  public void privateHelperOfBlockingApis_realCode() {
    helper
        .addSourceLines(
            "MasterReplica.java",
            "import java.util.concurrent.*;",
            "final class MasterReplica {",
            "  static CompletableFuture<String> connectAsync(String uri) {",
            "    return CompletableFuture.completedFuture(uri);",
            "  }",
            "  static String connect(String uri) { return getConnection(connectAsync(uri)); }",
            "  static String connect(String uri, String codec) {",
            "    return getConnection(connectAsync(uri + codec));",
            "  }",
            "  static CompletableFuture<String> connectAsync(String uri, String codec) {",
            "    return connectAsync(uri + codec);",
            "  }",
            "  private static String getConnection(CompletableFuture<String> future) {",
            "    try {",
            "      return future.get();",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "      throw new IllegalStateException(e);",
            "    } catch (ExecutionException e) {",
            "      throw new IllegalStateException(e);",
            "    }",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void privateHelperAlsoCalledElsewhereIsReported() {
    helper
        .addSourceLines(
            "Pool.java",
            "import java.util.concurrent.*;",
            "import java.util.function.Function;",
            "abstract class Pool {",
            "  abstract CompletableFuture<String> acquireAsync();",
            "  String acquire() { return await(acquireAsync()); }",
            "  // a caller that is no blocking API",
            "  String warmUp() { return await(acquireAsync()); }",
            "  private String await(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return f.join();",
            "  }",
            "  String acquireFirst() { return awaitFirst(acquireAsync()); }",
            "  // used as a method reference too: its callers are not all known",
            "  Function<CompletableFuture<String>, String> awaiter() { return this::awaitFirst; }",
            "  private String awaitFirst(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return f.join();",
            "  }",
            "}")
        .doTest();
  }

  /** lettuce Futures.awaitOrCancel: the untimed get() after a timed await that succeeded. */
  @Test
  public void waitAfterATimedAwait_realCode() {
    helper
        .addSourceLines(
            "RedisFuture.java",
            "import java.util.concurrent.*;",
            "interface RedisFuture<V> extends CompletionStage<V>, Future<V> {",
            "  boolean await(long timeout, TimeUnit unit) throws InterruptedException;",
            "}")
        .addSourceLines(
            "Futures.java",
            "import java.util.concurrent.*;",
            "final class Futures {",
            "  static <T> T awaitOrCancel(RedisFuture<T> cmd, long timeout, TimeUnit unit)",
            "      throws Exception {",
            "    if (timeout > 0 && !cmd.await(timeout, unit)) {",
            "      cmd.cancel(true);",
            "      throw new TimeoutException();",
            "    }",
            "    return cmd.get();",
            "  }",
            "  static <T> T awaitOrFail(RedisFuture<T> cmd) throws Exception {",
            "    if (!cmd.await(5, TimeUnit.SECONDS)) {",
            "      throw new TimeoutException();",
            "    }",
            "    return cmd.get();",
            "  }",
            "  static boolean await(long timeout, TimeUnit unit, Future<?> f) {",
            "    return true;",
            "  }",
            "  // lettuce AsyncExecutableCommand: the timed await's result is ignored",
            "  static <T> T execute(RedisFuture<T> cmd, long timeout) throws Exception {",
            "    await(timeout, TimeUnit.SECONDS, cmd);",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return cmd.get();",
            "  }",
            "  static <T> T ignoring(RedisFuture<T> cmd) throws Exception {",
            "    cmd.await(5, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return cmd.get();",
            "  }",
            "}")
        .doTest();
  }

  /** Netty's Future: {@code await(timeout, unit)} returns whether it completed in time. */
  @Test
  public void waitAfterATimedAwait_otherStyle() {
    helper
        .addSourceLines(
            "Bind.java",
            "import io.netty.util.concurrent.Future;",
            "import java.util.concurrent.TimeUnit;",
            "final class Bind {",
            "  static Object bound(Future<Object> bind) throws Exception {",
            "    if (!bind.await(10, TimeUnit.SECONDS)) {",
            "      throw new IllegalStateException(\"bind timed out\");",
            "    }",
            "    return bind.get();",
            "  }",
            "  static Object unbound(Future<Object> bind) throws Exception {",
            "    if (bind.await(10, TimeUnit.SECONDS)) {",
            "      return bind.get();",
            "    }",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return bind.get();",
            "  }",
            "}")
        .doTest();
  }

  /** A method with its own timeout that waits on another object without one drops its bound. */
  @Test
  public void aMethodWithATimeoutThatWaitsOnSomethingElse() {
    helper
        .addSourceLines(
            "Batch.java",
            "import java.util.concurrent.*;",
            "abstract class Batch {",
            "  abstract boolean ready(long timeout, TimeUnit unit);",
            "  String drain(CompletableFuture<String> last, CountDownLatch started, long timeout,",
            "      TimeUnit unit) throws Exception {",
            "    started.await(timeout, unit);",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return last.get();",
            "  }",
            "}")
        .doTest();
  }
}
