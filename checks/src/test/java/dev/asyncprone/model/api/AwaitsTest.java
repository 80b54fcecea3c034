package dev.asyncprone.model.api;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.await.Timeouts;
import dev.asyncprone.model.flow.KnownDone;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Futures known done ({@link Awaits#isKnownDone}) and methods that are unbounded waits. */
@RunWith(JUnit4.class)
public class AwaitsTest {
  /** Reports done=true|false at every await, and "wait method" at a method that is one. */
  @BugPattern(summary = "awaits", severity = WARNING)
  public static final class Probe extends BugChecker
      implements MethodInvocationTreeMatcher, MethodTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      Awaits.Await await = Awaits.of(tree, state);
      return await == null
          ? Description.NO_MATCH
          : buildDescription(tree)
              .setMessage("done=" + KnownDone.isKnownDone(await, state))
              .build();
    }

    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      MethodSymbol method = ASTHelpers.getSymbol(tree);
      return method != null && Timeouts.isUnboundedWait(method, state)
          ? buildDescription(tree).setMessage("wait method").build()
          : Description.NO_MATCH;
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void earlyExitIsDoneGuard_caffeineAsync() {
    helper
        .addSourceLines(
            "Async.java",
            "import java.util.concurrent.CancellationException;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionException;",
            "final class Async {",
            "  static <V> V getIfReady(CompletableFuture<V> future) {",
            "    if ((future == null) || !future.isDone() || future.isCompletedExceptionally()) {",
            "      return null;",
            "    }",
            "    try {",
            "      // BUG: Diagnostic contains: done=true",
            "      return future.join();",
            "    } catch (CancellationException | CompletionException e) {",
            "      return null;",
            "    }",
            "  }",
            "  static <V> V thrown(CompletableFuture<V> future) {",
            "    if (!future.isDone()) throw new IllegalStateException();",
            "    // BUG: Diagnostic contains: done=true",
            "    return future.join();",
            "  }",
            "  // guava Futures.getDone: a precondition that throws unless the future is done",
            "  static <V> V getDone(CompletableFuture<V> future) throws Exception {",
            "    com.google.common.base.Preconditions.checkState(",
            "        future.isDone(), \"Future was expected to be done: %s\", future);",
            "    // BUG: Diagnostic contains: done=true",
            "    return future.get();",
            "  }",
            "  static int loop(Iterable<CompletableFuture<Integer>> fs) {",
            "    int sum = 0;",
            "    for (CompletableFuture<Integer> f : fs) {",
            "      if (!f.isDone()) {",
            "        continue;",
            "      }",
            "      // BUG: Diagnostic contains: done=true",
            "      sum += f.join();",
            "    }",
            "    return sum;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void guardsThatProveNothingAreNotDone() {
    helper
        .addSourceLines(
            "Guards.java",
            "import java.util.concurrent.CompletableFuture;",
            "final class Guards {",
            "  static <V> V noExit(CompletableFuture<V> future) {",
            "    if (!future.isDone()) {",
            "      System.out.println(\"waiting\");",
            "    }",
            "    // BUG: Diagnostic contains: done=false",
            "    return future.join();",
            "  }",
            "  static <V> V and(CompletableFuture<V> future, boolean fast) {",
            "    if (fast && !future.isDone()) {",
            "      return null;",
            "    }",
            "    // BUG: Diagnostic contains: done=false",
            "    return future.join();",
            "  }",
            "  static <V> V otherFuture(CompletableFuture<V> future, CompletableFuture<V> other) {",
            "    if (!other.isDone()) {",
            "      return null;",
            "    }",
            "    // BUG: Diagnostic contains: done=false",
            "    return future.join();",
            "  }",
            "  static <V> V withElse(CompletableFuture<V> future) {",
            "    if (!future.isDone()) {",
            "      return null;",
            "    } else {",
            "      System.out.println(\"done\");",
            "    }",
            "    // the else completes normally, and only when the future was done",
            "    // BUG: Diagnostic contains: done=true",
            "    return future.join();",
            "  }",
            "  static <V> V reassigned(CompletableFuture<V> future, CompletableFuture<V> next) {",
            "    if (!future.isDone()) {",
            "      return null;",
            "    }",
            "    future = next;",
            "    // BUG: Diagnostic contains: done=false",
            "    return future.join();",
            "  }",
            "  static <V> V checkNotDone(CompletableFuture<V> future) {",
            "    com.google.common.base.Preconditions.checkState(!future.isDone());",
            "    com.google.common.base.Preconditions.checkNotNull(future.isDone());",
            "    // BUG: Diagnostic contains: done=false",
            "    return future.join();",
            "  }",
            "  static <V> V positiveGuard(CompletableFuture<V> future) {",
            "    if (future.isDone()) {",
            "      return null;",
            "    }",
            "    // BUG: Diagnostic contains: done=false",
            "    return future.join();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void classWhoseIsDoneIsTrue_guavaImmediateFuture() {
    helper
        .addSourceLines(
            "ImmediateFuture.java",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.TimeUnit;",
            "abstract class ImmediateFuture<V> implements Future<V> {",
            "  private final V value;",
            "  ImmediateFuture(V value) { this.value = value; }",
            "  @Override public boolean cancel(boolean mayInterruptIfRunning) { return false; }",
            "  // BUG: Diagnostic contains: wait method",
            "  @Override public V get() { return value; }",
            "  @Override public V get(long timeout, TimeUnit unit) {",
            "    // BUG: Diagnostic contains: done=true",
            "    return get();",
            "  }",
            "  @Override public boolean isCancelled() { return false; }",
            "  @Override public boolean isDone() { return true; }",
            "  static final class Failed<V> extends ImmediateFuture<V> {",
            "    Failed() { super(null); }",
            "    V again() {",
            "      // BUG: Diagnostic contains: done=true",
            "      return this.get();",
            "    }",
            "  }",
            "  static <V> V read(ImmediateFuture<V> f) throws Exception {",
            "    // BUG: Diagnostic contains: done=true",
            "    return f.get();",
            "  }",
            "}")
        .addSourceLines(
            "Pending.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.TimeUnit;",
            "abstract class Pending<V> implements Future<V> {",
            "  private volatile boolean done;",
            "  @Override public boolean isDone() { return done; }",
            "  // BUG: Diagnostic contains: wait method",
            "  @Override public V get() { return null; }",
            "  @Override public V get(long timeout, TimeUnit unit) {",
            "    // BUG: Diagnostic contains: done=false",
            "    return get();",
            "  }",
            "  static <V> V read(Future<V> f, CompletableFuture<V> cf) throws Exception {",
            "    // BUG: Diagnostic contains: done=false",
            "    f.get();",
            "    // BUG: Diagnostic contains: done=false",
            "    return cf.get();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void methodsThatAreUnboundedWaits() {
    helper
        .addSourceLines(
            "Methods.java",
            "import java.util.concurrent.*;",
            "import java.util.function.Supplier;",
            "abstract class Methods {",
            "  abstract static class Queue<E> extends LinkedBlockingQueue<E> {",
            "    // BUG: Diagnostic contains: wait method",
            "    @Override public E take() throws InterruptedException { return super.take(); }",
            "    @Override public E poll(long t, TimeUnit u) throws InterruptedException {",
            "      return super.poll(t, u);",
            "    }",
            "  }",
            "  abstract static class Latch extends CountDownLatch {",
            "    Latch() { super(1); }",
            "    // BUG: Diagnostic contains: wait method",
            "    @Override public void await() throws InterruptedException { super.await(); }",
            "  }",
            "  abstract static class Lazy<T> implements Supplier<T> {",
            "    @Override public T get() { return null; }",
            "  }",
            "  abstract static class Stage<T> extends CompletableFuture<T> {",
            "    // BUG: Diagnostic contains: wait method",
            "    @Override public T join() { return super.join(); }",
            "    @Override public T getNow(T absent) { return absent; }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void takenFromACompletionService() {
    helper
        .addSourceLines(
            "InvokeAny.java",
            "import java.util.concurrent.*;",
            "final class InvokeAny {",
            "  static <T> T first(CompletionService<T> service, int n) throws Exception {",
            "    // BUG: Diagnostic contains: done=true",
            "    T any = service.take().get();",
            "    final Future<T> f = service.take();",
            "    // BUG: Diagnostic contains: done=true",
            "    any = f.get();",
            "    Future<T> g = service.poll(1, TimeUnit.SECONDS);",
            "    if (g != null) {",
            "      // BUG: Diagnostic contains: done=true",
            "      any = g.get();",
            "    }",
            "    Future<T> h = service.poll();",
            "    h = service.submit(() -> null);",
            "    // BUG: Diagnostic contains: done=false",
            "    any = h.get();",
            "    return any;",
            "  }",
            "  // futures queued when submitted, to keep their order: not done when taken",
            "  static <T> T ordered(BlockingQueue<Future<T>> pending) throws Exception {",
            "    Future<T> next = pending.take();",
            "    // BUG: Diagnostic contains: done=false",
            "    return next.get();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void isDoneGuardThroughAHelper_caffeineIsReady() {
    helper
        .addSourceLines(
            "Async.java",
            "import java.util.concurrent.CancellationException;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionException;",
            "final class Async {",
            "  static boolean isReady(CompletableFuture<?> future) {",
            "    return getIfReady(future) != null;",
            "  }",
            "  static <V> V getIfReady(CompletableFuture<V> future) {",
            "    if ((future == null) || !future.isDone() || future.isCompletedExceptionally()) {",
            "      return null;",
            "    }",
            "    try {",
            "      // BUG: Diagnostic contains: done=true",
            "      return future.join();",
            "    } catch (CancellationException | CompletionException e) {",
            "      return null;",
            "    }",
            "  }",
            "  static boolean finished(CompletableFuture<?> a, CompletableFuture<?> b) {",
            "    return b.isDone() && !b.isCompletedExceptionally();",
            "  }",
            "  static boolean settled(CompletableFuture<?> f) {",
            "    if (f.isDone()) {",
            "      return true;",
            "    }",
            "    return false;",
            "  }",
            "}")
        .addSourceLines(
            "Refresh.java",
            "import java.util.concurrent.CompletableFuture;",
            "final class Refresh {",
            "  static <V> V refresh(CompletableFuture<V> future, CompletableFuture<V> other) {",
            "    if (Async.isReady(future)) {",
            "      // BUG: Diagnostic contains: done=true",
            "      return future.join();",
            "    }",
            "    if (Async.getIfReady(other) != null) {",
            "      // BUG: Diagnostic contains: done=true",
            "      return other.join();",
            "    }",
            "    return null;",
            "  }",
            "  static <V> V exits(CompletableFuture<V> a, CompletableFuture<V> b) {",
            "    if (!Async.settled(a) || Async.getIfReady(b) == null) {",
            "      return null;",
            "    }",
            "    // BUG: Diagnostic contains: done=true",
            "    V x = a.join();",
            "    // BUG: Diagnostic contains: done=true",
            "    return b.join();",
            "  }",
            "  static <V> V second(CompletableFuture<V> a, CompletableFuture<V> b) {",
            "    if (Async.finished(a, b)) {",
            "      // BUG: Diagnostic contains: done=false",
            "      V x = a.join();",
            "      // BUG: Diagnostic contains: done=true",
            "      return b.join();",
            "    }",
            "    return null;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void helpersThatProveNothingAreNotGuards() {
    helper
        .addSourceLines(
            "Helpers.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Helpers {",
            "  static boolean isPresent(CompletableFuture<?> f) { return f != null; }",
            "  static boolean either(CompletableFuture<?> f, boolean b) { return f.isDone() || b;"
                + " }",
            "  static boolean notDone(CompletableFuture<?> f) { return !f.isDone(); }",
            "  static boolean late(CompletableFuture<?> f) {",
            "    if (f.isDone()) { System.out.println(); }",
            "    return true;",
            "  }",
            "  static boolean swapped(CompletableFuture<?> f, CompletableFuture<?> g) {",
            "    f = g;",
            "    return f.isDone();",
            "  }",
            "  static boolean loops(CompletableFuture<?> f) { return loops(f); }",
            "  static <V> V value(CompletableFuture<V> f) { return f.getNow(null); }",
            "  static boolean ready(CompletableFuture<?> f) { return f.isDone(); }",
            "  static boolean not(boolean b) { return !b; }",
            "  static native boolean nativeReady(CompletableFuture<?> f);",
            "  // a subclass may override it with a body that tests nothing",
            "  boolean overridable(CompletableFuture<?> f) { return f.isDone(); }",
            "  <V> V use(CompletableFuture<V> f, CompletableFuture<V> g) {",
            "    if (isPresent(f)) {",
            "      // BUG: Diagnostic contains: done=false",
            "      f.join();",
            "    }",
            "    if (either(f, true) || notDone(f) || late(f) || swapped(f, g) || loops(f)) {",
            "      // BUG: Diagnostic contains: done=false",
            "      f.join();",
            "    }",
            "    if (late(f) && swapped(f, g) && loops(f) && nativeReady(f) && overridable(f)) {",
            "      // BUG: Diagnostic contains: done=false",
            "      f.join();",
            "    }",
            "    if (value(f) != null) {",
            "      // BUG: Diagnostic contains: done=false",
            "      f.join();",
            "    }",
            "    if (!notDone(f)) {",
            "      // BUG: Diagnostic contains: done=false",
            "      f.join();",
            "    }",
            "    if (not(ready(f))) {",
            "      // BUG: Diagnostic contains: done=false",
            "      f.join();",
            "    }",
            "    if (ready(g) == false) {",
            "      // BUG: Diagnostic contains: done=false",
            "      g.join();",
            "    }",
            "    if (ready(f) && ready(g)) {",
            "      // BUG: Diagnostic contains: done=true",
            "      f.join();",
            "    }",
            "    if (g == null ? f.isDone() : true) {",
            "      // BUG: Diagnostic contains: done=false",
            "      f.join();",
            "    }",
            "    if (not(f.isDone())) {",
            "      // BUG: Diagnostic contains: done=false",
            "      f.join();",
            "    }",
            "    if (f.isDone() == false) {",
            "      // BUG: Diagnostic contains: done=false",
            "      f.join();",
            "    }",
            "    if (isPresent(g)) { return null; }",
            "    // BUG: Diagnostic contains: done=false",
            "    return g.join();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void takenFromAQueueOnlyCompletionCallbacksFill_guavaInvokeAny() {
    helper
        .addSourceLines(
            "InvokeAny.java",
            "import com.google.common.collect.Queues;",
            "import com.google.common.util.concurrent.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "final class InvokeAny {",
            "  static <T> T invokeAny(ListeningExecutorService executor, List<Callable<T>> tasks,",
            "      boolean timed, long nanos) throws Exception {",
            "    BlockingQueue<Future<T>> futureQueue = Queues.newLinkedBlockingQueue();",
            "    Iterator<Callable<T>> it = tasks.iterator();",
            "    submitAndAddQueueListener(executor, it.next(), futureQueue);",
            "    while (true) {",
            "      Future<T> f = futureQueue.poll();",
            "      if (f == null) {",
            "        if (it.hasNext()) {",
            "          submitAndAddQueueListener(executor, it.next(), futureQueue);",
            "        } else if (timed) {",
            "          f = futureQueue.poll(nanos, TimeUnit.NANOSECONDS);",
            "        } else {",
            "          f = futureQueue.take();",
            "        }",
            "      }",
            "      if (f != null) {",
            "        // BUG: Diagnostic contains: done=true",
            "        return f.get();",
            "      }",
            "    }",
            "  }",
            "  private static <T> ListenableFuture<T> submitAndAddQueueListener(",
            "      ListeningExecutorService executor, Callable<T> task, BlockingQueue<Future<T>>"
                + " queue) {",
            "    ListenableFuture<T> future = executor.submit(task);",
            "    future.addListener(() -> queue.add(future), MoreExecutors.directExecutor());",
            "    return future;",
            "  }",
            "  // the same, filled directly, by whenComplete and by Futures.addCallback",
            "  static <T> T direct(List<CompletableFuture<T>> futures, ListenableFuture<T> one)",
            "      throws Exception {",
            "    Queue<Future<T>> done = new ArrayDeque<>();",
            "    for (CompletableFuture<T> f : futures) {",
            "      f.whenComplete((v, e) -> done.add(f));",
            "    }",
            "    Futures.addCallback(one, new FutureCallback<T>() {",
            "      @Override public void onSuccess(T v) { done.offer(one); }",
            "      @Override public void onFailure(Throwable t) { done.offer(one); }",
            "    }, MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: done=true",
            "    return done.remove().get();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void queuesFilledOtherwiseHoldFuturesStillRunning() {
    helper
        .addSourceLines(
            "Pipeline.java",
            "import com.google.common.util.concurrent.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "final class Pipeline {",
            "  private final BlockingQueue<Future<String>> shared = new LinkedBlockingQueue<>();",
            "  // results in submission order: the futures are queued when submitted",
            "  static <T> T ordered(ExecutorService executor, List<Callable<T>> tasks)",
            "      throws Exception {",
            "    BlockingQueue<Future<T>> pending = new LinkedBlockingQueue<>();",
            "    for (Callable<T> task : tasks) {",
            "      pending.add(executor.submit(task));",
            "    }",
            "    // BUG: Diagnostic contains: done=false",
            "    return pending.take().get();",
            "  }",
            "  // the same through a helper that adds at submission",
            "  static <T> T viaHelper(ListeningExecutorService executor, Callable<T> task)",
            "      throws Exception {",
            "    BlockingQueue<Future<T>> pending = new LinkedBlockingQueue<>();",
            "    submitAndAdd(executor, task, pending);",
            "    Future<T> f = pending.poll();",
            "    f = pending.take();",
            "    // BUG: Diagnostic contains: done=false",
            "    return f.get();",
            "  }",
            "  private static <T> void submitAndAdd(",
            "      ListeningExecutorService executor, Callable<T> task, BlockingQueue<Future<T>>"
                + " queue) {",
            "    ListenableFuture<T> future = executor.submit(task);",
            "    queue.add(future);",
            "  }",
            "  // a listener of one future that adds another",
            "  static <T> T other(ListenableFuture<T> a, ListenableFuture<T> b) throws Exception {",
            "    BlockingQueue<Future<T>> done = new LinkedBlockingQueue<>();",
            "    a.addListener(() -> done.add(b), MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: done=false",
            "    return done.take().get();",
            "  }",
            "  // a queue others can fill: passed on, or a copy of another",
            "  static <T> T escapes(ListenableFuture<T> a, Queue<Future<T>> given) throws Exception"
                + " {",
            "    BlockingQueue<Future<T>> done = new LinkedBlockingQueue<>();",
            "    a.addListener(() -> done.add(a), MoreExecutors.directExecutor());",
            "    given.addAll(done);",
            "    register(done);",
            "    // BUG: Diagnostic contains: done=false",
            "    T x = done.take().get();",
            "    BlockingQueue<Future<T>> copy = new LinkedBlockingQueue<>(given);",
            "    // BUG: Diagnostic contains: done=false",
            "    return copy.take().get();",
            "  }",
            "  static void register(Queue<?> queue) {}",
            "  // a field filled by submissions elsewhere in the class",
            "  String fromField(ExecutorService executor) throws Exception {",
            "    shared.add(executor.submit(() -> \"x\"));",
            "    // BUG: Diagnostic contains: done=false",
            "    return shared.take().get();",
            "  }",
            "  // a local assigned from elsewhere between the takes",
            "  static <T> T reassigned(ListenableFuture<T> a, Future<T> b) throws Exception {",
            "    BlockingQueue<Future<T>> done = new LinkedBlockingQueue<>();",
            "    a.addListener(() -> done.add(a), MoreExecutors.directExecutor());",
            "    Future<T> f = done.take();",
            "    if (f.isCancelled()) {",
            "      f = b;",
            "    }",
            "    // BUG: Diagnostic contains: done=false",
            "    return f.get();",
            "  }",
            "}")
        .doTest();
  }
}
