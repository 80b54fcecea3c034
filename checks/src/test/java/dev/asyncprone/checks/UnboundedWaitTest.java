package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import com.sun.tools.javac.main.Main.Result;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class UnboundedWaitTest {
  private static final String ON = "-XepOpt:AsyncProne:UnboundedWait=WARN";
  private static final String THIRTY_SECONDS = "-XepOpt:AsyncProne:DefaultTimeout=30s";

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnboundedWait.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(UnboundedWait.class, getClass())
          .setArgs(ON, THIRTY_SECONDS);

  private static final String[] WAITS = {
    "import java.util.concurrent.*;",
    "import reactor.core.publisher.Flux;",
    "import reactor.core.publisher.Mono;",
    "class Waits {",
    "  void all(Future<String> f, CompletableFuture<String> cf, Mono<String> m, Flux<String> fx,",
    "      CountDownLatch latch, BlockingQueue<String> queue, Semaphore permits, Thread worker)",
    "      throws Exception {",
    "    // BUG: Diagnostic contains: UnboundedWait",
    "    f.get();",
    "    // BUG: Diagnostic contains: UnboundedWait",
    "    cf.join();",
    "    // BUG: Diagnostic contains: UnboundedWait",
    "    m.block();",
    "    // BUG: Diagnostic contains: UnboundedWait",
    "    fx.blockLast();",
    "    // BUG: Diagnostic contains: UnboundedWait",
    "    latch.await();",
    "    // BUG: Diagnostic contains: UnboundedWait",
    "    queue.take();",
    "    // BUG: Diagnostic contains: UnboundedWait",
    "    permits.acquire();",
    "    // BUG: Diagnostic contains: UnboundedWait",
    "    worker.join();",
    "  }",
    "}"
  };

  @Test
  public void quietByDefault() {
    helper.addSourceLines("Waits.java", WAITS).expectNoDiagnostics().doTest();
  }

  @Test
  public void quietWhenTheFlagIsOff() {
    // A value that is not a level stops the compile instead: OptionsCompileTest.
    helper
        .addSourceLines("Waits.java", WAITS)
        .setArgs("-XepOpt:AsyncProne:UnboundedWait=OFF")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void everyUnboundedWaitWhenOn() {
    helper.addSourceLines("Waits.java", WAITS).setArgs(ON).doTest();
  }

  @Test
  public void onWithErrorProneSeverityFlagToo() {
    helper.addSourceLines("Waits.java", WAITS).setArgs("-Xep:UnboundedWait:WARN").doTest();
  }

  @Test
  public void warnLeavesTheBuildPassing() {
    helper.addSourceLines("Waits.java", WAITS).setArgs(ON).expectResult(Result.OK).doTest();
  }

  @Test
  public void errorFailsTheBuild() {
    helper
        .addSourceLines("Waits.java", WAITS)
        .setArgs("-XepOpt:AsyncProne:UnboundedWait=ERROR")
        .expectResult(Result.ERROR)
        .doTest();
  }

  @Test
  public void errorHonoursAllErrorsAsWarnings() {
    helper
        .addSourceLines("Waits.java", WAITS)
        .setArgs("-XepOpt:AsyncProne:UnboundedWait=ERROR", "-XepAllErrorsAsWarnings")
        .expectResult(Result.OK)
        .doTest();
  }

  @Test
  public void messageSaysWhatWaitsAndHowToBoundIt() {
    helper
        .addSourceLines(
            "Checkout.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Checkout {",
            "  String pay(CompletableFuture<String> payment) {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    return payment.join();",
            "  }",
            "}")
        .setArgs(ON)
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "join() waits for 'payment' to complete with no bound: if that never happens"
                        + " (a lost reply, a stuck peer, a deadlock), this thread waits forever,"
                        + " holding whatever it holds, long after its caller gave up. Bound the"
                        + " wait: orTimeout(timeout, unit).join(), or get(timeout, unit) (with"
                        + " -XepOpt:AsyncProne:DefaultTimeout=30s asyncprone suggests the fix)."))
        .doTest();
  }

  @Test
  public void otherLibrariesAndMethodReferences() {
    helper
        .addSourceLines(
            "Others.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.smallrye.mutiny.Uni;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.stream.Collectors;",
            "class Others {",
            "  void wait(ListenableFuture<String> lf, Single<String> single, Uni<String> uni,",
            "      List<CompletableFuture<String>> all) {",
            "    // BUG: Diagnostic contains: Futures.getUnchecked() waits for 'lf'",
            "    Futures.getUnchecked(lf);",
            "    // BUG: Diagnostic contains: the timeout(...) operator",
            "    single.blockingGet();",
            "    // BUG: Diagnostic contains: await().indefinitely() waits for 'uni'",
            "    uni.await().indefinitely();",
            "    // BUG: Diagnostic contains: join() waits for each future it is handed (by"
                + " 'CompletableFuture::join') to complete",
            "    all.stream().map(CompletableFuture::join).collect(Collectors.toList());",
            "    // BUG: Diagnostic contains: join() waits for 'all.get(0)'",
            "    all.stream().findFirst().map(x -> all.get(0).join());",
            "  }",
            "  interface Take<T> {",
            "    T from(java.util.concurrent.BlockingQueue<T> q) throws InterruptedException;",
            "  }",
            "  static <T> void each(List<java.util.concurrent.BlockingQueue<T>> qs, Take<T> f) {}",
            "  void queues(List<java.util.concurrent.BlockingQueue<String>> queues) {",
            "    // BUG: Diagnostic contains: take() waits for each BlockingQueue it is handed",
            "    each(queues, java.util.concurrent.BlockingQueue::take);",
            "  }",
            "}")
        .setArgs(ON)
        .doTest();
  }

  @Test
  public void leftAlone() {
    helper
        .addSourceLines(
            "Fine.java",
            "import java.util.List;",
            "import java.util.concurrent.*;",
            "import java.util.stream.Collectors;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Fine {",
            "  void bounded(Future<String> f, Mono<String> m, CountDownLatch latch,",
            "      BlockingQueue<String> queue, Semaphore permits, Thread worker) throws Exception"
                + " {",
            "    f.get(1, TimeUnit.SECONDS);",
            "    m.block(java.time.Duration.ofSeconds(1));",
            "    latch.await(1, TimeUnit.SECONDS);",
            "    queue.poll(1, TimeUnit.SECONDS);",
            "    permits.tryAcquire(1, TimeUnit.SECONDS);",
            "    worker.join(1000);",
            "  }",
            "  CompletableFuture<Integer> knownDone(CompletableFuture<Integer> a,"
                + " CompletableFuture<Integer> b) {",
            "    if (a.isDone()) {",
            "      a.join();",
            "    }",
            "    return CompletableFuture.allOf(a, b).thenApply(v -> a.join() + b.join());",
            "  }",
            "  int afterAllOf(CompletableFuture<Integer> a, CompletableFuture<Integer> b) {",
            "    CompletableFuture.allOf(a, b).orTimeout(5, TimeUnit.SECONDS).join();",
            "    return a.join() + b.join();",
            "  }",
            "  List<Integer> afterAllOfList(List<CompletableFuture<Integer>> all) throws Exception"
                + " {",
            "    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(5,"
                + " TimeUnit.SECONDS);",
            "    return all.stream().map(CompletableFuture::join).collect(Collectors.toList());",
            "  }",
            "  int forkJoin(RecursiveTask<Integer> left, RecursiveTask<Integer> right) {",
            "    left.fork();",
            "    return right.compute() + left.join();",
            "  }",
            "  void timeoutUpstream(CompletableFuture<String> f, Mono<String> m) {",
            "    f.thenApply(String::trim).orTimeout(1, TimeUnit.SECONDS).join();",
            "    m.timeout(java.time.Duration.ofSeconds(1)).block();",
            "  }",
            "  void nonBlocking(CompletableFuture<String> f, Flux<String> flux) {",
            "    f.getNow(\"x\");",
            "    for (String s : flux.toIterable()) {}",
            "  }",
            "  static abstract class RecursiveTask<T> extends java.util.concurrent.RecursiveTask<T>"
                + " {",
            "    public abstract T compute();",
            "  }",
            "}")
        .setArgs(ON)
        .doTest();
  }

  @Test
  public void aPublisherBlockedTwiceRunsTwice() {
    helper
        .addSourceLines(
            "Twice.java",
            "import reactor.core.publisher.Mono;",
            "class Twice {",
            "  void load(Mono<String> m) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    m.block();",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    m.block();",
            "  }",
            "}")
        .setArgs(ON)
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Unusual.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Function;",
            "class Unusual {",
            "  record R(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    String value() { return f.join(); }",
            "  }",
            "  enum E { A; String v(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return f.join(); } }",
            "  Function<CompletableFuture<String>, Function<Integer, String>> nested = f -> i ->",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    switch (i) { case 0 -> f.join(); default -> \"\"; };",
            "  Runnable anon = new Runnable() { public void run() {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    CompletableFuture.runAsync(() -> {}).join(); } };",
            "}")
        .setArgs(ON)
        .doTest();
  }

  @Test
  public void fixBoundsGetWhereTimeoutExceptionIsHandled() {
    refactoring
        .addInputLines(
            "Orders.java",
            "import java.util.concurrent.*;",
            "class Orders {",
            "  String declared(Future<String> f) throws Exception {",
            "    return f.get();",
            "  }",
            "  String caught(Future<String> f) {",
            "    try {",
            "      return f.get();",
            "    } catch (Exception e) {",
            "      throw new IllegalStateException(e);",
            "    }",
            "  }",
            "  Callable<String> lambda(Future<String> f) {",
            "    return () -> f.get();",
            "  }",
            "}")
        .addOutputLines(
            "Orders.java",
            "import java.util.concurrent.*;",
            "class Orders {",
            "  String declared(Future<String> f) throws Exception {",
            "    return f.get(30, TimeUnit.SECONDS);",
            "  }",
            "  String caught(Future<String> f) {",
            "    try {",
            "      return f.get(30, TimeUnit.SECONDS);",
            "    } catch (Exception e) {",
            "      throw new IllegalStateException(e);",
            "    }",
            "  }",
            "  Callable<String> lambda(Future<String> f) {",
            "    return () -> f.get(30, TimeUnit.SECONDS);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void getOnACompletableFutureUsesOrTimeoutWhenTimeoutExceptionIsNotHandled() {
    refactoring
        .addInputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutionException;",
            "class Orders {",
            "  String load(CompletableFuture<String> f) throws InterruptedException,"
                + " ExecutionException {",
            "    return f.get();",
            "  }",
            "}")
        .addOutputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.TimeUnit;",
            "class Orders {",
            "  String load(CompletableFuture<String> f) throws InterruptedException,"
                + " ExecutionException {",
            "    return f.copy().orTimeout(30, TimeUnit.SECONDS).get();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void noFixWhereTimeoutExceptionWouldNotCompile() {
    refactoring
        .addInputLines(
            "Orders.java",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.Future;",
            "class Orders {",
            "  String load(Future<String> f) throws InterruptedException, ExecutionException {",
            "    return f.get();",
            "  }",
            "  String rethrown(Future<String> f) throws InterruptedException, ExecutionException {",
            "    try {",
            "      return f.get();",
            "    } catch (Exception e) {",
            "      throw e;",
            "    }",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void fixBoundsJoinAndBlocks() {
    refactoring
        .addInputLines(
            "Orders.java",
            "import io.smallrye.mutiny.Uni;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Orders {",
            "  void load(CompletableFuture<String> f, Mono<String> m, Flux<String> fx, Uni<String>"
                + " u) {",
            "    f.thenApply(String::trim).join();",
            "    m.block();",
            "    m.blockOptional();",
            "    fx.blockFirst();",
            "    u.await().indefinitely();",
            "  }",
            "}")
        .addOutputLines(
            "Orders.java",
            "import io.smallrye.mutiny.Uni;",
            "import java.time.Duration;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.TimeUnit;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Orders {",
            "  void load(CompletableFuture<String> f, Mono<String> m, Flux<String> fx, Uni<String>"
                + " u) {",
            "    f.thenApply(String::trim).orTimeout(30, TimeUnit.SECONDS).join();",
            "    m.block(Duration.ofSeconds(30));",
            "    m.blockOptional(Duration.ofSeconds(30));",
            "    fx.blockFirst(Duration.ofSeconds(30));",
            "    u.await().atMost(Duration.ofSeconds(30));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void fixChecksWhatLatchesAndSemaphoresReturn() {
    refactoring
        .addInputLines(
            "Gate.java",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.Semaphore;",
            "class Gate {",
            "  void pass(CountDownLatch ready, Semaphore slots) throws InterruptedException {",
            "    ready.await();",
            "    slots.acquire(2);",
            "    slots.acquire();",
            "  }",
            "}")
        .addOutputLines(
            "Gate.java",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.Semaphore;",
            "import java.util.concurrent.TimeUnit;",
            "class Gate {",
            "  void pass(CountDownLatch ready, Semaphore slots) throws InterruptedException {",
            "    if (!ready.await(30, TimeUnit.SECONDS)) {",
            "      throw new IllegalStateException(\"ready did not count down within 30"
                + " seconds\");",
            "    }",
            "    if (!slots.tryAcquire(2, 30, TimeUnit.SECONDS)) {",
            "      throw new IllegalStateException(\"slots did not grant a permit within 30"
                + " seconds\");",
            "    }",
            "    if (!slots.tryAcquire(30, TimeUnit.SECONDS)) {",
            "      throw new IllegalStateException(\"slots did not grant a permit within 30"
                + " seconds\");",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void noFixForWaitsWithNoSafeBoundedForm() {
    refactoring
        .addInputLines(
            "Gate.java",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.Semaphore;",
            "class Gate {",
            "  String next(BlockingQueue<String> queue, Thread worker, Semaphore slots,"
                + " CountDownLatch l, boolean b)",
            "      throws InterruptedException {",
            "    worker.join();",
            "    slots.acquireUninterruptibly();",
            "    if (b) l.await(); else worker.join();",
            "    return queue.take();",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void fixUsesTheUnitOfTheFlag() {
    BugCheckerRefactoringTestHelper.newInstance(UnboundedWait.class, getClass())
        .setArgs(ON, "-XepOpt:AsyncProne:DefaultTimeout=500ms")
        .addInputLines(
            "Orders.java",
            "import reactor.core.publisher.Mono;",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  void load(CompletableFuture<String> f, Mono<String> m) {",
            "    f.join();",
            "    m.block();",
            "  }",
            "}")
        .addOutputLines(
            "Orders.java",
            "import java.time.Duration;",
            "import reactor.core.publisher.Mono;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.TimeUnit;",
            "class Orders {",
            "  void load(CompletableFuture<String> f, Mono<String> m) {",
            "    f.copy().orTimeout(500, TimeUnit.MILLISECONDS).join();",
            "    m.block(Duration.ofMillis(500));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void noFixWithoutATimeout() {
    // A malformed DefaultTimeout stops the compile instead: OptionsCompileTest.
    BugCheckerRefactoringTestHelper.newInstance(UnboundedWait.class, getClass())
        .setArgs(ON)
        .addInputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  String load(CompletableFuture<String> f) {",
            "    return f.join();",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void waitsInsideAMethodThatIsItselfTheWait_realCode() {
    helper
        .setArgs(ON)
        .addSourceLines(
            "ForwardingFuture.java",
            "import java.util.concurrent.*;",
            "abstract class ForwardingFuture<V> implements Future<V> {",
            "  protected abstract Future<? extends V> delegate();",
            "  // guava ForwardingFuture.get(): the caller of get() chose not to bound it",
            "  @Override public V get() throws InterruptedException, ExecutionException {",
            "    return delegate().get();",
            "  }",
            "  @Override public V get(long timeout, TimeUnit unit)",
            "      throws InterruptedException, ExecutionException, TimeoutException {",
            "    return delegate().get(timeout, unit);",
            "  }",
            "}")
        .addSourceLines(
            "ForwardingBlockingDeque.java",
            "import java.util.concurrent.*;",
            "abstract class ForwardingBlockingDeque<E> extends LinkedBlockingDeque<E> {",
            "  protected abstract BlockingDeque<E> delegate();",
            "  @Override public E take() throws InterruptedException { return delegate().take(); }",
            "  @Override public E takeFirst() throws InterruptedException {",
            "    return delegate().takeFirst();",
            "  }",
            "}")
        .addSourceLines(
            "TrustedFuture.java",
            "import java.util.concurrent.*;",
            "class TrustedFuture<V> extends CompletableFuture<V> {",
            "  @Override public final V get() throws InterruptedException, ExecutionException {",
            "    return super.get();",
            "  }",
            "  @Override public final V join() { return super.join(); }",
            "}")
        .addSourceLines(
            "Uninterruptibles.java",
            "import java.time.Duration;",
            "import java.util.concurrent.*;",
            "final class Uninterruptibles {",
            "  // the unbounded half of a pair whose other half takes a timeout",
            "  static <V> V getUninterruptibly(Future<V> future) throws ExecutionException {",
            "    boolean interrupted = false;",
            "    try {",
            "      while (true) {",
            "        try {",
            "          return future.get();",
            "        } catch (InterruptedException e) {",
            "          interrupted = true;",
            "        }",
            "      }",
            "    } finally {",
            "      if (interrupted) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "  static <V> V getUninterruptibly(Future<V> future, long timeout, TimeUnit unit)",
            "      throws ExecutionException, TimeoutException, InterruptedException {",
            "    return future.get(timeout, unit);",
            "  }",
            "  static void awaitUninterruptibly(CountDownLatch latch) throws InterruptedException"
                + " {",
            "    latch.await();",
            "  }",
            "  static boolean awaitUninterruptibly(CountDownLatch latch, Duration timeout)",
            "      throws InterruptedException {",
            "    return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);",
            "  }",
            "}")
        .addSourceLines(
            "BlockingSingleSubscriber.java",
            "import java.util.concurrent.*;",
            "abstract class BlockingSingleSubscriber<T> extends CountDownLatch {",
            "  T value;",
            "  BlockingSingleSubscriber() { super(1); }",
            "  // reactor: the implementation of Mono.block()",
            "  final T blockingGet() {",
            "    if (getCount() != 0) {",
            "      try {",
            "        await();",
            "      } catch (InterruptedException ex) {",
            "        Thread.currentThread().interrupt();",
            "        throw new RuntimeException(ex);",
            "      }",
            "    }",
            "    return value;",
            "  }",
            "  final T blockingGet(long timeout, TimeUnit unit) throws InterruptedException {",
            "    await(timeout, unit);",
            "    return value;",
            "  }",
            "}")
        .addSourceLines(
            "VertxAwait.java",
            "import io.vertx.core.Future;",
            "import java.util.concurrent.CountDownLatch;",
            "abstract class VertxAwait<T> implements Future<T> {",
            "  abstract CountDownLatch trySuspend();",
            "  // Vert.x Future.await(): the await API itself",
            "  @Override public T await() {",
            "    CountDownLatch continuation = trySuspend();",
            "    if (continuation != null) {",
            "      try {",
            "        continuation.await();",
            "      } catch (InterruptedException e) {",
            "        throw new IllegalStateException(e);",
            "      }",
            "    }",
            "    return result();",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void waitsNearForwardingWaitsAreStillReported() {
    helper
        .setArgs(ON)
        .addSourceLines(
            "Forwarding.java",
            "import java.util.concurrent.*;",
            "import java.util.function.Supplier;",
            "abstract class Forwarding<V> implements Future<V> {",
            "  protected abstract Future<V> delegate();",
            "  @Override public V get() throws InterruptedException, ExecutionException {",
            "    // a wait in a callback of the forwarding method runs at another time",
            "    Callable<V> later = () -> {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      return delegate().get();",
            "    };",
            "    return delegate().get();",
            "  }",
            "  // the bounded form dropping its caller's bound: a real bug",
            "  @Override public V get(long timeout, TimeUnit unit)",
            "      throws InterruptedException, ExecutionException {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return delegate().get();",
            "  }",
            "}")
        .addSourceLines(
            "Lazy.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Supplier;",
            "// Supplier.get() is not a wait: its callers do not expect one",
            "final class Lazy<T> implements Supplier<T> {",
            "  private final CompletableFuture<T> value = new CompletableFuture<>();",
            "  @Override public T get() {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return value.join();",
            "  }",
            "}")
        .addSourceLines(
            "Users.java",
            "import java.util.concurrent.*;",
            "final class Users {",
            "  private final ConcurrentMap<String, CompletableFuture<String>> cache =",
            "      new ConcurrentHashMap<>();",
            "  // named like a wait, but no timed twin: a user's get() that waits is reported",
            "  String get(String id) throws Exception {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return cache.get(id).get();",
            "  }",
            "  // a twin with other parameters is no bounded form of this one",
            "  String load(String id) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return cache.get(id).join();",
            "  }",
            "  String load(int id, long timeout, TimeUnit unit) throws Exception {",
            "    return cache.get(\"\" + id).get(timeout, unit);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void futuresKnownDoneAreNotWaitedFor_realCode() {
    helper
        .setArgs(ON)
        .addSourceLines(
            "Async.java",
            "import java.util.concurrent.*;",
            "final class Async {",
            "  // caffeine Async.getIfReady: an early-return isDone guard",
            "  static <V> V getIfReady(CompletableFuture<V> future) {",
            "    if ((future == null) || !future.isDone() || future.isCompletedExceptionally()) {",
            "      return null;",
            "    }",
            "    try {",
            "      return future.join();",
            "    } catch (CancellationException | CompletionException e) {",
            "      return null;",
            "    }",
            "  }",
            "  // caffeine Async.getWhenSuccessful: a helper that waits; no guard, still reported",
            "  static <V> V getWhenSuccessful(CompletableFuture<V> future) {",
            "    try {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      return (future == null) ? null : future.join();",
            "    } catch (CancellationException | CompletionException e) {",
            "      return null;",
            "    }",
            "  }",
            "  // guava Futures.getDone: checkState throws unless the future is done",
            "  static <V> V getDone(Future<V> future) throws ExecutionException {",
            "    com.google.common.base.Preconditions.checkState(",
            "        future.isDone(), \"Future was expected to be done: %s\", future);",
            "    return"
                + " com.google.common.util.concurrent.Uninterruptibles.getUninterruptibly(future);",
            "  }",
            "  // a guard that only logs proves nothing",
            "  static <V> V logged(CompletableFuture<V> future) {",
            "    if (!future.isDone()) {",
            "      System.out.println(\"waiting\");",
            "    }",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return future.join();",
            "  }",
            "}")
        .addSourceLines(
            "ImmediateFuture.java",
            "import java.util.concurrent.*;",
            "// guava ImmediateFuture: done from construction on",
            "abstract class ImmediateFuture<V> implements Future<V> {",
            "  private final V value;",
            "  ImmediateFuture(V value) { this.value = value; }",
            "  @Override public V get() { return value; }",
            "  @Override public V get(long timeout, TimeUnit unit) {",
            "    return get();",
            "  }",
            "  @Override public boolean isDone() { return true; }",
            "}")
        .addSourceLines(
            "Settable.java",
            "import java.util.concurrent.*;",
            "abstract class Settable<V> implements Future<V> {",
            "  volatile boolean done;",
            "  @Override public boolean isDone() { return done; }",
            "  // a bounded get() calling the unbounded one of a future not known done: a bug",
            "  @Override public V get(long timeout, TimeUnit unit)",
            "      throws InterruptedException, ExecutionException {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return get();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Guava's MoreExecutors.invokeAnyImpl: {@code if (timed) poll(nanos, NANOSECONDS) else take()}.
   * The code offers the bound and the caller of the untimed invokeAny chose none.
   */
  @Test
  public void untimedHalfOfATimedChoice_realCode() {
    helper
        .setArgs(ON)
        .addSourceLines(
            "AnyOf.java",
            "import java.util.concurrent.*;",
            "final class AnyOf {",
            "  static <T> Future<T> next(",
            "      BlockingQueue<Future<T>> done, boolean timed, long nanos) throws Exception {",
            "    Future<T> f = done.poll();",
            "    if (f == null) {",
            "      if (timed) {",
            "        f = done.poll(nanos, TimeUnit.NANOSECONDS);",
            "        if (f == null) {",
            "          throw new TimeoutException();",
            "        }",
            "      } else {",
            "        f = done.take();",
            "      }",
            "    }",
            "    return f;",
            "  }",
            "  static <T> T result(Future<T> f, boolean timed) throws Exception {",
            "    return timed ? f.get(1, TimeUnit.SECONDS) : f.get();",
            "  }",
            "  // the other branch makes no bounded wait, or bounds a wait on another object",
            "  static <T> Future<T> logged(BlockingQueue<Future<T>> done, boolean verbose)",
            "      throws InterruptedException {",
            "    if (verbose) {",
            "      System.out.println(done.size());",
            "    } else {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      return done.take();",
            "    }",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return done.take();",
            "  }",
            "  static <T> Future<T> other(",
            "      BlockingQueue<Future<T>> done, BlockingQueue<Future<T>> spare, boolean timed)",
            "      throws InterruptedException {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return timed ? spare.poll(1, TimeUnit.SECONDS) : done.take();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void futuresFromACompletionServiceAreDone() {
    helper
        .setArgs(ON)
        .addSourceLines(
            "Fastest.java",
            "import java.util.List;",
            "import java.util.concurrent.*;",
            "final class Fastest {",
            "  static <T> T fastest(Executor executor, List<Callable<T>> tasks) throws Exception {",
            "    CompletionService<T> service = new ExecutorCompletionService<>(executor);",
            "    tasks.forEach(service::submit);",
            "    Future<T> first = service.poll(5, TimeUnit.SECONDS);",
            "    if (first == null) {",
            "      throw new TimeoutException();",
            "    }",
            "    return first.get();",
            "  }",
            "  // a queue of futures kept in submission order: the take and the get both wait",
            "  static <T> T inOrder(BlockingQueue<Future<T>> pending) throws Exception {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    Future<T> next = pending.take();",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return next.get();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * caffeine BoundedLocalCache.refreshIfNeeded: {@code if (Async.isReady(future)) future.join()}.
   */
  @Test
  public void isDoneGuardThroughAHelper_realCode() {
    helper
        .setArgs(ON)
        .addSourceLines(
            "Async.java",
            "import java.util.concurrent.*;",
            "final class Async {",
            "  static boolean isReady(CompletableFuture<?> future) {",
            "    return getIfReady(future) != null;",
            "  }",
            "  static <V> V getIfReady(CompletableFuture<V> future) {",
            "    if ((future == null) || !future.isDone() || future.isCompletedExceptionally()) {",
            "      return null;",
            "    }",
            "    try {",
            "      return future.join();",
            "    } catch (CancellationException | CompletionException e) {",
            "      return null;",
            "    }",
            "  }",
            "  // tests that there is a future, not that it is done",
            "  static boolean isPresent(CompletableFuture<?> future) {",
            "    return future != null;",
            "  }",
            "}")
        .addSourceLines(
            "Cache.java",
            "import java.util.concurrent.*;",
            "import java.util.function.BiFunction;",
            "final class Cache<K, V> {",
            "  final ConcurrentMap<K, CompletableFuture<V>> refreshes = new ConcurrentHashMap<>();",
            "  BiFunction<K, V, CompletableFuture<V>> reloader;",
            "  void refreshIfNeeded(K key, Object oldValue) {",
            "    refreshes.computeIfAbsent(key, k -> {",
            "      @SuppressWarnings(\"unchecked\")",
            "      var future = (CompletableFuture<V>) oldValue;",
            "      if (Async.isReady(future)) {",
            "        return reloader.apply(key, future.join());",
            "      } else {",
            "        return null;",
            "      }",
            "    });",
            "  }",
            "  V present(CompletableFuture<V> future) {",
            "    if (Async.isPresent(future)) {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      return future.join();",
            "    }",
            "    return null;",
            "  }",
            "}")
        .doTest();
  }

  /** guava FuturesGetChecked: the untimed getChecked takes a validator its timed twin does not. */
  @Test
  public void timedTwinWithOtherParameters_realCode() {
    helper
        .setArgs(ON)
        .addSourceLines(
            "FuturesGetChecked.java",
            "import java.util.concurrent.*;",
            "final class FuturesGetChecked {",
            "  interface GetCheckedTypeValidator {",
            "    void validateClass(Class<? extends Exception> exceptionClass);",
            "  }",
            "  static <V, X extends Exception> V getChecked(",
            "      GetCheckedTypeValidator validator, Future<V> future, Class<X> exceptionClass)",
            "      throws X {",
            "    validator.validateClass(exceptionClass);",
            "    try {",
            "      return future.get();",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "      throw new IllegalStateException(e);",
            "    } catch (ExecutionException e) {",
            "      throw new IllegalStateException(e);",
            "    }",
            "  }",
            "  static <V, X extends Exception> V getChecked(",
            "      Future<V> future, Class<X> exceptionClass, long timeout, TimeUnit unit) throws X"
                + " {",
            "    try {",
            "      return future.get(timeout, unit);",
            "    } catch (InterruptedException | ExecutionException | TimeoutException e) {",
            "      throw new IllegalStateException(e);",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Loader.java",
            "import java.util.concurrent.*;",
            "final class Loader {",
            "  interface Key {}",
            "  // the twin's timeout bounds the lookup of the key, not the wait on this future",
            "  static String load(Future<String> pending, Key key) throws Exception {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return pending.get();",
            "  }",
            "  static String load(Key key, long timeout, TimeUnit unit) throws Exception {",
            "    return \"\";",
            "  }",
            "  // the twin shares the queue, but the wait is on another parameter",
            "  static String next(BlockingQueue<String> queue, CountDownLatch ready)",
            "      throws InterruptedException {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    ready.await();",
            "    return queue.take();",
            "  }",
            "  static String next(BlockingQueue<String> queue, long timeout, TimeUnit unit)",
            "      throws InterruptedException {",
            "    return queue.poll(timeout, unit);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * guava MoreExecutors.invokeAnyImpl (#62): the futures are put in the queue by a listener once
   * they complete, a hand-made CompletionService, so the one taken from it is done.
   */
  @Test
  public void queueFilledOnlyByCompletionListeners_realCode() {
    helper
        .setArgs(ON)
        .addSourceLines(
            "MoreExecutors.java",
            "import com.google.common.collect.Lists;",
            "import com.google.common.collect.Queues;",
            "import com.google.common.util.concurrent.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "final class MoreExecutors {",
            "  static <T> T invokeAnyImpl(ListeningExecutorService executorService,",
            "      Collection<? extends Callable<T>> tasks, boolean timed, long timeout, TimeUnit"
                + " unit)",
            "      throws InterruptedException, ExecutionException, TimeoutException {",
            "    int ntasks = tasks.size();",
            "    List<Future<T>> futures = Lists.newArrayListWithCapacity(ntasks);",
            "    BlockingQueue<Future<T>> futureQueue = Queues.newLinkedBlockingQueue();",
            "    long timeoutNanos = unit.toNanos(timeout);",
            "    try {",
            "      ExecutionException ee = null;",
            "      Iterator<? extends Callable<T>> it = tasks.iterator();",
            "      futures.add(submitAndAddQueueListener(executorService, it.next(),"
                + " futureQueue));",
            "      --ntasks;",
            "      int active = 1;",
            "      while (true) {",
            "        Future<T> f = futureQueue.poll();",
            "        if (f == null) {",
            "          if (ntasks > 0) {",
            "            --ntasks;",
            "            futures.add(submitAndAddQueueListener(executorService, it.next(),"
                + " futureQueue));",
            "            ++active;",
            "          } else if (active == 0) {",
            "            break;",
            "          } else if (timed) {",
            "            f = futureQueue.poll(timeoutNanos, TimeUnit.NANOSECONDS);",
            "            if (f == null) {",
            "              throw new TimeoutException();",
            "            }",
            "          } else {",
            "            f = futureQueue.take();",
            "          }",
            "        }",
            "        if (f != null) {",
            "          --active;",
            "          try {",
            "            return f.get();",
            "          } catch (ExecutionException eex) {",
            "            ee = eex;",
            "          }",
            "        }",
            "      }",
            "      throw ee == null ? new ExecutionException(null) : ee;",
            "    } finally {",
            "      for (Future<T> f : futures) {",
            "        f.cancel(true);",
            "      }",
            "    }",
            "  }",
            "  private static <T> ListenableFuture<T> submitAndAddQueueListener(",
            "      ListeningExecutorService executorService, Callable<T> task,",
            "      BlockingQueue<Future<T>> queue) {",
            "    ListenableFuture<T> future = executorService.submit(task);",
            "    future.addListener(",
            "        () -> queue.add(future),"
                + " com.google.common.util.concurrent.MoreExecutors.directExecutor());",
            "    return future;",
            "  }",
            "  // results in submission order: queued when submitted, so still running when taken",
            "  static <T> List<T> inOrder(ExecutorService executor, List<Callable<T>> tasks)",
            "      throws InterruptedException, ExecutionException {",
            "    BlockingQueue<Future<T>> pending = new LinkedBlockingQueue<>();",
            "    for (Callable<T> task : tasks) {",
            "      pending.add(executor.submit(task));",
            "    }",
            "    List<T> results = new ArrayList<>();",
            "    while (!pending.isEmpty()) {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      Future<T> next = pending.take();",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      results.add(next.get());",
            "    }",
            "    return results;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void helperGuardsAndCompletionQueuesInUnusualCodeDoNotCrash() {
    helper
        .setArgs(ON)
        .addSourceLines(
            "Odd.java",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "interface Readiness {",
            "  boolean ready(CompletableFuture<?> f);",
            "  default boolean soon(CompletableFuture<?> f) { return f.isDone(); }",
            "}",
            "record Check(int n) {",
            "  boolean ready(CompletableFuture<?> f) { return switch (n) { case 0 -> f.isDone();"
                + " default -> true; }; }",
            "}",
            "enum Mode {",
            "  ON { @Override boolean ready(CompletableFuture<?> f) { return true; } };",
            "  abstract boolean ready(CompletableFuture<?> f);",
            "}",
            "class Own extends LinkedBlockingQueue<Future<String>> {",
            "  String next() throws Exception {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return take().get();",
            "  }",
            "}",
            "class Odd {",
            "  <T> T all(Readiness r, Check c, Mode m, CompletableFuture<T> f) {",
            "    if (r.ready(f) || r.soon(f) || m.ready(f)) {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      return f.join();",
            "    }",
            "    if (c.ready(f)) {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      return f.join();",
            "    }",
            "    Function<CompletableFuture<T>, T> g = x -> new Object() {",
            "      T get() { return Odd.ready(x) ? x.join() : null; }",
            "    }.get();",
            "    return g.apply(f);",
            "  }",
            "  static boolean ready(CompletableFuture<?> f) {",
            "    Supplier<Boolean> later = () -> { return true; };",
            "    return f.isDone() && later.get();",
            "  }",
            "  <T> T queues(CompletableFuture<T> a) throws Exception {",
            "    BlockingQueue<Future<T>> q = new LinkedBlockingQueue<>();",
            "    a.whenComplete((v, e) -> q.add(a));",
            "    Consumer<Future<T>> adder = q::add;",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return q.take().get();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A future known done by an earlier await is forgotten when its variable is assigned: on every
   * path, on one branch, or on a later turn of a loop. Before the flow analysis, a second join()
   * after {@code f = next()} was taken for one that returns at once.
   */
  @Test
  public void aReassignedFutureIsWaitedForAgain() {
    helper
        .setArgs(ON)
        .addSourceLines(
            "Poller.java",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class Poller {",
            "  abstract CompletableFuture<String> next();",
            "  void straight(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    f.join();",
            "    // the same future, already done",
            "    f.join();",
            "    f = next();",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    f.join();",
            "  }",
            "  void underAMonitor(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    f.join();",
            "    f = next();",
            "    synchronized (this) {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      f.join();",
            "    }",
            "  }",
            "  void inABranch(CompletableFuture<String> f, boolean again) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    f.join();",
            "    if (again) {",
            "      f = next();",
            "    }",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    f.join();",
            "  }",
            "  void inALoop(CompletableFuture<String> f, int n) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    f.join();",
            "    for (int i = 0; i < n; i++) {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      f.join();",
            "      f = next();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * lettuce ConnectionFuture: an interface that extends CompletionStage and Future and declares its
   * own join(), which CompletableFuture's join() implements in a class that is both.
   */
  @Test
  public void joinOfAFutureInterfaceThatDeclaresItsOwn_realCode() {
    helper
        .setArgs(ON)
        .addSourceLines(
            "ConnectionFuture.java",
            "import java.util.concurrent.*;",
            "interface ConnectionFuture<T> extends CompletionStage<T>, Future<T> {",
            "  T get() throws InterruptedException, ExecutionException;",
            "  T join();",
            "}")
        .addSourceLines(
            "Client.java",
            "import java.util.concurrent.CompletionStage;",
            "abstract class Client {",
            "  abstract ConnectionFuture<String> connect();",
            "  interface Stage<T> extends CompletionStage<T> { T join(); }",
            "  interface Group { void join(); }",
            "  String open(Stage<String> stage, Group group) throws Exception {",
            "    // BUG: Diagnostic contains: join() waits for 'connect()' to complete",
            "    String a = connect().join();",
            "    // BUG: Diagnostic contains: get() waits for 'connect()'",
            "    String b = connect().get();",
            "    // not a Future: no class of the tables' implements both",
            "    String c = stage.join();",
            "    group.join();",
            "    return a + b + c;",
            "  }",
            "}")
        .doTest();
    // no fix: orTimeout is CompletableFuture's
    refactoring
        .addInputLines(
            "ConnectionFuture.java",
            "import java.util.concurrent.*;",
            "interface ConnectionFuture<T> extends CompletionStage<T>, Future<T> {",
            "  T join();",
            "}")
        .expectUnchanged()
        .addInputLines(
            "Client.java",
            "abstract class Client {",
            "  abstract ConnectionFuture<String> connect();",
            "  String open() {",
            "    return connect().join();",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  /**
   * Issue 14: {@code acquire()} inside a {@code try} whose {@code finally} releases the permit gets
   * no fix (bounded, a timeout would throw and the finally release a permit never acquired); nor
   * does a wait in a method that takes its own timeout.
   */
  @Test
  public void noFixWhereTheBoundWouldChangeWhatTheCodeDoes() {
    refactoring
        .addInputLines(
            "Permits.java",
            "import java.util.concurrent.*;",
            "class Permits {",
            "  private final Semaphore semaphore = new Semaphore(10);",
            "  void send(Runnable task) throws InterruptedException {",
            "    try {",
            "      semaphore.acquire();",
            "      task.run();",
            "    } finally {",
            "      semaphore.release();",
            "    }",
            "  }",
            "  String await(CompletableFuture<String> f, long timeout, TimeUnit unit) {",
            "    return timeout > 0 ? f.orTimeout(timeout, unit).join() : f.join();",
            "  }",
            "  String await(CompletableFuture<String> f, java.time.Duration timeout) {",
            "    return f.join();",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void fixWhereTheReleaseIsNotTheWaitsOwn() {
    refactoring
        .addInputLines(
            "Permits.java",
            "import java.util.concurrent.*;",
            "class Permits {",
            "  private final Semaphore semaphore = new Semaphore(10);",
            "  private final Semaphore other = new Semaphore(1);",
            "  void send(Runnable task) throws InterruptedException {",
            "    semaphore.acquire();",
            "    try {",
            "      task.run();",
            "    } finally {",
            "      semaphore.release();",
            "    }",
            "  }",
            "  void both(Runnable task) throws InterruptedException {",
            "    try {",
            "      semaphore.acquire();",
            "      task.run();",
            "    } finally {",
            "      other.release();",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Permits.java",
            "import java.util.concurrent.*;",
            "class Permits {",
            "  private final Semaphore semaphore = new Semaphore(10);",
            "  private final Semaphore other = new Semaphore(1);",
            "  void send(Runnable task) throws InterruptedException {",
            "    if (!semaphore.tryAcquire(30, TimeUnit.SECONDS)) {",
            "      throw new IllegalStateException(",
            "          \"semaphore did not grant a permit within 30 seconds\");",
            "    }",
            "    try {",
            "      task.run();",
            "    } finally {",
            "      semaphore.release();",
            "    }",
            "  }",
            "  void both(Runnable task) throws InterruptedException {",
            "    try {",
            "      if (!semaphore.tryAcquire(30, TimeUnit.SECONDS)) {",
            "        throw new IllegalStateException(",
            "            \"semaphore did not grant a permit within 30 seconds\");",
            "      }",
            "      task.run();",
            "    } finally {",
            "      other.release();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Issue 14: a fix that needs an import adds its line and leaves the others where they were; Error
   * Prone's own addImport would rewrite the block in its order (static imports first, sorted).
   */
  @Test
  public void fixAddsItsImportWithoutReorderingTheOthers() {
    ExactPatch.of(UnboundedWait.class)
        .flags(ON, THIRTY_SECONDS)
        .input(
            "p/Waits.java",
            "package p;",
            "",
            "import java.util.concurrent.Future;",
            "import static java.util.Objects.requireNonNull;",
            "import java.util.List;",
            "",
            "class Waits {",
            "  String first(Future<String> f, List<String> xs) throws Exception {",
            "    requireNonNull(xs);",
            "    return f.get();",
            "  }",
            "}")
        .output(
            "p/Waits.java",
            "package p;",
            "",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.TimeUnit;",
            "import static java.util.Objects.requireNonNull;",
            "import java.util.List;",
            "",
            "class Waits {",
            "  String first(Future<String> f, List<String> xs) throws Exception {",
            "    requireNonNull(xs);",
            "    return f.get(30, TimeUnit.SECONDS);",
            "  }",
            "}")
        .input(
            "p/Sorted.java",
            "package p;",
            "",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Supplier;",
            "import reactor.core.publisher.Mono;",
            "",
            "class Sorted {",
            "  String all(CompletableFuture<String> f, Supplier<Mono<String>> m) {",
            "    return f.join() + m.get().block();",
            "  }",
            "}")
        .output(
            "p/Sorted.java",
            "package p;",
            "",
            "import java.time.Duration;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.TimeUnit;",
            "import java.util.function.Supplier;",
            "import reactor.core.publisher.Mono;",
            "",
            "class Sorted {",
            "  String all(CompletableFuture<String> f, Supplier<Mono<String>> m) {",
            "    return f.copy().orTimeout(30, TimeUnit.SECONDS).join()"
                + " + m.get().block(Duration.ofSeconds(30));",
            "  }",
            "}")
        .input(
            "p/None.java",
            "package p;",
            "",
            "class None {",
            "  String get(java.util.concurrent.CompletableFuture<String> f) {",
            "    return f.join();",
            "  }",
            "}")
        .output(
            "p/None.java",
            "package p;",
            "",
            "import java.util.concurrent.TimeUnit;",
            "",
            "class None {",
            "  String get(java.util.concurrent.CompletableFuture<String> f) {",
            "    return f.copy().orTimeout(30, TimeUnit.SECONDS).join();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Patch mode over pulsar (issue 14): {@code schemaInfoProvider.getSchemaByVersion(v).get()} hands
   * back a future from a cache; {@code orTimeout} on it would fail the cached future for every
   * later reader. A future the code may share is bounded through a copy; one the expression makes
   * (a stage, supplyAsync) directly.
   */
  @Test
  public void fixBoundsACopyOfAFutureOthersMayHold() {
    refactoring
        .addInputLines(
            "Schemas.java",
            "import java.util.Map;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ConcurrentHashMap;",
            "class Schemas {",
            "  private final Map<String, CompletableFuture<String>> cache = new"
                + " ConcurrentHashMap<>();",
            "  CompletableFuture<String> getSchemaByVersion(String version) {",
            "    return cache.computeIfAbsent(version, v -> new CompletableFuture<>());",
            "  }",
            "  String decode(String version) throws Exception {",
            "    String cached = getSchemaByVersion(version).join();",
            "    return cached + getSchemaByVersion(version).thenApply(String::trim).join()",
            "        + CompletableFuture.supplyAsync(() -> version).join();",
            "  }",
            "}")
        .addOutputLines(
            "Schemas.java",
            "import java.util.Map;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ConcurrentHashMap;",
            "import java.util.concurrent.TimeUnit;",
            "class Schemas {",
            "  private final Map<String, CompletableFuture<String>> cache = new"
                + " ConcurrentHashMap<>();",
            "  CompletableFuture<String> getSchemaByVersion(String version) {",
            "    return cache.computeIfAbsent(version, v -> new CompletableFuture<>());",
            "  }",
            "  String decode(String version) throws Exception {",
            "    String cached = getSchemaByVersion(version).copy().orTimeout(30, TimeUnit.SECONDS)"
                + ".join();",
            "    return cached",
            "        + getSchemaByVersion(version).thenApply(String::trim).orTimeout(30,"
                + " TimeUnit.SECONDS).join()",
            "        + CompletableFuture.supplyAsync(() -> version).orTimeout(30, TimeUnit.SECONDS)"
                + ".join();",
            "  }",
            "}")
        .doTest();
  }
}
