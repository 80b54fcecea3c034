package dev.asyncprone.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * UnboundedWait on futures that are done in ways the first run on libraries the rules were never
 * tuned on showed (issue 14, shapes B and C): an all-of reached through a helper, an alias of the
 * array, a constructor or helper that runs its function in an all-of continuation or only on done
 * futures, a private method called only where its argument is done, a shaded precondition.
 */
@RunWith(JUnit4.class)
public class UnboundedWaitDoneTest {
  private static final String ON = "-XepOpt:AsyncProne:UnboundedWait=WARN";

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnboundedWait.class, getClass()).setArgs(ON);

  /** pulsar ConsumerImpl:1930 over FutureUtil.waitForAll (a class file, known by its shape). */
  @Test
  public void allOfThroughAHelper_realCode() {
    helper
        .addSourceLines(
            "FutureUtil.java",
            "import java.util.Collection;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.atomic.AtomicInteger;",
            "final class FutureUtil {",
            "  // a body no summary reads: known by its name and signature",
            "  static CompletableFuture<Void> waitForAll(",
            "      Collection<? extends CompletableFuture<?>> futures) {",
            "    CompletableFuture<Void> all = new CompletableFuture<>();",
            "    AtomicInteger left = new AtomicInteger(futures.size());",
            "    for (CompletableFuture<?> f : futures) {",
            "      f.whenComplete((v, e) -> { if (left.decrementAndGet() == 0) all.complete(null);"
                + " });",
            "    }",
            "    return all;",
            "  }",
            "}")
        .addSourceLines(
            "Consumer.java",
            "import java.util.List;",
            "import java.util.Objects;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.stream.Collectors;",
            "final class Consumer {",
            "  CompletableFuture<List<String>> ids(List<CompletableFuture<String>> futures) {",
            "    return FutureUtil.waitForAll(futures)",
            "        .thenApply(v -> futures.stream().map(CompletableFuture::join)",
            "            .filter(Objects::nonNull).collect(Collectors.toList()));",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** A helper of another name whose code returns an all-of: read from its code. */
  @Test
  public void allOfThroughAHelper_otherStyle() {
    helper
        .addSourceLines(
            "Pair.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "final class Pair {",
            "  static CompletableFuture<Void> both(CompletableFuture<?> a, CompletableFuture<?> b)"
                + " {",
            "    return CompletableFuture.allOf(a, b);",
            "  }",
            "  private static CompletableFuture<Void> settle(List<CompletableFuture<String>> xs) {",
            "    return CompletableFuture.allOf(xs.toArray(new CompletableFuture<?>[0]))",
            "        .thenRun(() -> {});",
            "  }",
            "  static CompletableFuture<String> sum(",
            "      CompletableFuture<String> a, CompletableFuture<String> b) {",
            "    return both(a, b).thenApply(v -> a.join() + b.join());",
            "  }",
            "  static CompletableFuture<Integer> count(List<CompletableFuture<String>> xs) {",
            "    return settle(xs).thenApply(v -> xs.get(0).join().length());",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void helpersThatDoNotWaitForAllAreNoAllOf() {
    helper
        .addSourceLines(
            "Race.java",
            "import java.util.Collection;",
            "import java.util.concurrent.CompletableFuture;",
            "final class Race {",
            "  static CompletableFuture<Object> waitForAny(",
            "      Collection<? extends CompletableFuture<?>> futures) {",
            "    return CompletableFuture.anyOf(futures.toArray(new CompletableFuture<?>[0]));",
            "  }",
            "  // returns an all-of of its first parameter only",
            "  static CompletableFuture<Void> first(CompletableFuture<?> a, CompletableFuture<?> b)"
                + " {",
            "    return CompletableFuture.allOf(a);",
            "  }",
            "  // a name that says all, but no collection of futures",
            "  static CompletableFuture<Void> allowed(String key) { return null; }",
            "  static void use(",
            "      Collection<CompletableFuture<String>> xs, CompletableFuture<String> a,",
            "      CompletableFuture<String> b) {",
            "    waitForAny(xs).thenRun(() -> {",
            "      for (CompletableFuture<String> x : xs) {",
            "        // BUG: Diagnostic contains: UnboundedWait",
            "        x.join();",
            "      }",
            "    });",
            "    first(a, b).thenRun(() -> {",
            "      a.join();",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      b.join();",
            "    });",
            "    allowed(\"k\").thenRun(() -> {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      a.join();",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  /** lettuce PooledClusterConnectionProvider:286: the array under a second name. */
  @Test
  public void aliasOfTheArray_realCode() {
    helper
        .addSourceLines(
            "Provider.java",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class Provider {",
            "  abstract CompletableFuture<String>[] connections();",
            "  abstract CompletableFuture<String>[] others();",
            "  CompletableFuture<String> reader() {",
            "    CompletableFuture<String>[] readerCandidates = connections();",
            "    CompletableFuture<String> selectedReaderCandidates[] = readerCandidates;",
            "    return CompletableFuture.allOf(readerCandidates).thenCompose(v -> {",
            "      for (CompletableFuture<String> candidate : selectedReaderCandidates) {",
            "        if (candidate.join().isEmpty()) {",
            "          return candidate;",
            "        }",
            "      }",
            "      return selectedReaderCandidates[0];",
            "    });",
            "  }",
            "  CompletableFuture<String> renamed() {",
            "    CompletableFuture<String>[] candidates = connections();",
            "    CompletableFuture<String>[] selected = candidates;",
            "    selected = others();",
            "    CompletableFuture<String>[] last = selected;",
            "    return CompletableFuture.allOf(candidates).thenApply(v -> {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      return last[0].join();",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  /** lettuce PipelinedRedisFuture's constructor, MultiNodeExecution.aggregateAsync. */
  @Test
  public void functionRunInAnAllOfContinuation_realCode() {
    helper
        // the callee's file after the caller's, as javac reaches them in lettuce: javac has not
        // run its flow analysis on the callee yet when the caller is checked
        .addSourceLines(
            "MultiNode.java",
            "import java.util.Map;",
            "import java.util.concurrent.*;",
            "final class MultiNode {",
            "  interface ThrowingCallable<T> { T call() throws Exception; }",
            "  static <T> T execute(ThrowingCallable<T> function) {",
            "    try {",
            "      return function.call();",
            "    } catch (Exception e) {",
            "      throw new IllegalStateException(e);",
            "    }",
            "  }",
            "  static CompletableFuture<Long> aggregate(Map<String, CompletableFuture<Long>> ex) {",
            "    return new PipelinedFuture<>(ex, self -> {",
            "      long sum = 0;",
            "      for (CompletableFuture<Long> future : ex.values()) {",
            "        sum += execute(() -> future.get());",
            "        sum += execute(future::get);",
            "      }",
            "      return sum;",
            "    });",
            "  }",
            "  static CompletableFuture<String> alwaysOk(Map<String, CompletableFuture<String>> ex)"
                + " {",
            "    return new PipelinedFuture<>(ex, self -> {",
            "      synchronize(ex);",
            "      return \"OK\";",
            "    });",
            "  }",
            "  private static void synchronize(Map<String, CompletableFuture<String>> ex) {",
            "    for (CompletableFuture<String> future : ex.values()) {",
            "      try {",
            "        future.get();",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "        throw new IllegalStateException(e);",
            "      } catch (ExecutionException e) {",
            "        // swallowed",
            "      }",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "PipelinedFuture.java",
            "import java.util.Map;",
            "import java.util.concurrent.*;",
            "import java.util.function.Function;",
            "class PipelinedFuture<V> extends CompletableFuture<V> {",
            "  PipelinedFuture(Map<?, ? extends CompletionStage<?>> executions,",
            "      Function<PipelinedFuture<V>, V> converter) {",
            "    CompletableFuture.allOf(executions.values().toArray(new CompletableFuture<?>[0]))",
            "        .thenRun(() -> complete(converter.apply(this)))",
            "        .exceptionally(throwable -> {",
            "          completeExceptionally(throwable);",
            "          return null;",
            "        });",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** The same shape in another style: a static combinator that applies its function later. */
  @Test
  public void functionRunInAnAllOfContinuation_otherStyle() {
    helper
        .addSourceLines(
            "Gather.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Function;",
            "final class Gather {",
            "  static <T, R> CompletableFuture<R> whenAll(",
            "      List<CompletableFuture<T>> parts, Function<List<CompletableFuture<T>>, R> fn) {",
            "    return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))",
            "        .thenApply(v -> fn.apply(parts));",
            "  }",
            "  static CompletableFuture<Integer> total(List<CompletableFuture<Integer>> parts) {",
            "    return whenAll(parts, ps -> ps.get(0).join() + parts.get(1).join());",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * lettuce RedisAdvancedClusterAsyncCommandsImpl:387: in the all-of continuation, one future read
   * out of the map of done futures is done.
   */
  @Test
  public void anElementOfDoneFuturesIsDone_realCode() {
    helper
        .addSourceLines(
            "Json.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "final class Json {",
            "  static CompletableFuture<List<String>> mget(",
            "      Map<Integer, CompletableFuture<List<String>>> executions, List<Integer> slots)"
                + " {",
            "    return CompletableFuture.allOf(executions.values().toArray(new"
                + " CompletableFuture[0]))",
            "        .thenApply(v -> {",
            "          List<String> result = new ArrayList<>();",
            "          for (Integer slot : slots) {",
            "            CompletableFuture<List<String>> listFuture = executions.get(slot);",
            "            result.add(listFuture.join().get(0));",
            "          }",
            "          return result;",
            "        });",
            "  }",
            "  static String first(CompletableFuture<String>[] all) throws Exception {",
            "    CompletableFuture.allOf(all).get(1, TimeUnit.SECONDS);",
            "    CompletableFuture<String> one = all[0];",
            "    return one.join();",
            "  }",
            "  static String notDone(Map<Integer, CompletableFuture<String>> pending) {",
            "    CompletableFuture<String> one = pending.get(0);",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return one.join();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void functionsRunElsewhereAreStillReported() {
    helper
        .addSourceLines(
            "Eager.java",
            "import java.util.Map;",
            "import java.util.concurrent.*;",
            "import java.util.function.Function;",
            "class Eager<V> extends CompletableFuture<V> {",
            "  // runs the converter at once, before anything is done",
            "  Eager(Map<?, ? extends CompletionStage<?>> executions, Function<Eager<V>, V> f) {",
            "    complete(f.apply(this));",
            "  }",
            "}")
        .addSourceLines(
            "Stored.java",
            "import java.util.Map;",
            "import java.util.concurrent.*;",
            "import java.util.function.Function;",
            "class Stored<V> extends CompletableFuture<V> {",
            "  Function<Stored<V>, V> later;",
            "  // keeps the converter for later: where it runs is not here",
            "  Stored(Map<?, ? extends CompletionStage<?>> executions, Function<Stored<V>, V> f) {",
            "    later = f;",
            "    CompletableFuture.allOf(executions.values().toArray(new CompletableFuture<?>[0]))",
            "        .thenRun(() -> complete(f.apply(this)));",
            "  }",
            "}")
        .addSourceLines(
            "Users.java",
            "import java.util.Map;",
            "import java.util.concurrent.CompletableFuture;",
            "final class Users {",
            "  static void use(Map<String, CompletableFuture<String>> ex) {",
            "    new Eager<String>(ex, self -> {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      return ex.get(\"a\").join();",
            "    });",
            "    new Stored<String>(ex, self -> {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      return ex.get(\"a\").join();",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  /** lettuce findRandomActiveConnection(candidates, CompletableFuture::join). */
  @Test
  public void functionAppliedOnlyToDoneFutures_realCode() {
    helper
        .addSourceLines(
            "Pick.java",
            "import java.util.concurrent.*;",
            "import java.util.function.Function;",
            "final class Pick {",
            "  private static <T> T findRandomActive(",
            "      CompletableFuture<String>[] candidates, Function<CompletableFuture<String>, T>"
                + " f) {",
            "    for (int i = 0; i < Math.min(2, candidates.length); i++) {",
            "      int index = ThreadLocalRandom.current().nextInt(candidates.length);",
            "      CompletableFuture<String> candidate = candidates[index];",
            "      if (candidate.isDone() && !candidate.isCompletedExceptionally()) {",
            "        return f.apply(candidate);",
            "      }",
            "    }",
            "    return null;",
            "  }",
            "  private static <T> T first(",
            "      CompletableFuture<String>[] candidates, Function<CompletableFuture<String>, T>"
                + " f) {",
            "    return f.apply(candidates[0]);",
            "  }",
            "  static String pick(CompletableFuture<String>[] candidates) {",
            "    String a = findRandomActive(candidates, CompletableFuture::join);",
            "    String b = findRandomActive(candidates, c -> c.join());",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    String c = first(candidates, CompletableFuture::join);",
            "    return a + b + c;",
            "  }",
            "}")
        .doTest();
  }

  /**
   * lettuce DefaultClusterTopologyRefresh.getException, NodeTopologyView.optionallyGet: private
   * methods called only where their argument is done.
   */
  @Test
  public void privateMethodCalledOnlyWhereItsArgumentIsDone_realCode() {
    helper
        .addSourceLines(
            "Refresh.java",
            "import java.util.List;",
            "import java.util.concurrent.*;",
            "final class Refresh {",
            "  static void failures(List<CompletableFuture<String>> requests) {",
            "    for (CompletableFuture<String> request : requests) {",
            "      if (request == null || !request.isCompletedExceptionally()) {",
            "        continue;",
            "      }",
            "      Throwable cause = getException(request);",
            "    }",
            "  }",
            "  private static Throwable getException(Future<?> future) {",
            "    try {",
            "      future.get();",
            "    } catch (Exception e) {",
            "      return e;",
            "    }",
            "    return null;",
            "  }",
            "  static String view(CompletableFuture<String> nodes, CompletableFuture<String> info)"
                + " {",
            "    if (resultAvailable(nodes) && resultAvailable(info)) {",
            "      return nodes.join() + optionallyGet(info);",
            "    }",
            "    return null;",
            "  }",
            "  private static <T> T optionallyGet(CompletableFuture<T> command) {",
            "    if (command.isCompletedExceptionally()) {",
            "      return null;",
            "    }",
            "    return command.join();",
            "  }",
            "  private static boolean resultAvailable(CompletableFuture<?> f) {",
            "    return f != null && f.isDone() && !f.isCancelled();",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * lettuce PooledClusterConnectionProvider:385: {@code getConnections(candidates)} where {@code
   * candidates} is the value of {@code allOf(readers).thenApply(v -> selected)}, the array itself.
   */
  @Test
  public void valueHandedOnByAMapThatReturnsAVariable_realCode() {
    helper
        .addSourceLines(
            "Provider.java",
            "import java.util.*;",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class Provider {",
            "  abstract CompletableFuture<String>[] readers();",
            "  CompletableFuture<String[]> filtered() {",
            "    CompletableFuture<String>[] readerCandidates = readers();",
            "    CompletableFuture<String> selectedReaderCandidates[] = readerCandidates;",
            "    CompletableFuture<String[]> filtered = new CompletableFuture<>();",
            "    CompletableFuture.allOf(readerCandidates).thenApply(v ->"
                + " selectedReaderCandidates)",
            "        .whenComplete((candidates, throwable) -> {",
            "          if (throwable == null) {",
            "            filtered.complete(getConnections(candidates));",
            "            return;",
            "          }",
            "          filtered.complete(getConnections(selectedReaderCandidates));",
            "        });",
            "    return filtered;",
            "  }",
            "  private String[] getConnections(CompletableFuture<String>[] selected) {",
            "    List<String> connections = new ArrayList<>();",
            "    for (CompletableFuture<String> candidate : selected) {",
            "      connections.add(candidate.join());",
            "    }",
            "    return connections.toArray(new String[0]);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void valueHandedOnByAMapThatReturnsSomethingElse() {
    helper
        .addSourceLines(
            "Provider.java",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class Provider {",
            "  abstract CompletableFuture<String>[] readers();",
            "  abstract CompletableFuture<String>[] others();",
            "  void filtered() {",
            "    CompletableFuture<String>[] readerCandidates = readers();",
            "    CompletableFuture<String>[] elsewhere = others();",
            "    CompletableFuture.allOf(readerCandidates).thenApply(v -> elsewhere)",
            "        .thenAccept(candidates -> {",
            "          // BUG: Diagnostic contains: UnboundedWait",
            "          candidates[0].join();",
            "        });",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void privateMethodWithOneCallWhereItsArgumentMayBePending() {
    helper
        .addSourceLines(
            "Refresh.java",
            "import java.util.concurrent.*;",
            "final class Refresh {",
            "  static String a(CompletableFuture<String> f) {",
            "    return f.isDone() ? read(f) : null;",
            "  }",
            "  static String b(CompletableFuture<String> f) {",
            "    return read(f);",
            "  }",
            "  private static String read(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return f.join();",
            "  }",
            "  // one level only: the callers' callers are not read",
            "  static String c(CompletableFuture<String> f) {",
            "    return f.isDone() ? middle(f) : null;",
            "  }",
            "  private static String middle(CompletableFuture<String> f) {",
            "    return last(f);",
            "  }",
            "  private static String last(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return f.join();",
            "  }",
            "  // the parameter assigned before the wait",
            "  static String d(CompletableFuture<String> f, CompletableFuture<String> g) {",
            "    return f.isDone() ? swap(f, g) : null;",
            "  }",
            "  private static String swap(CompletableFuture<String> f, CompletableFuture<String> g)"
                + " {",
            "    f = g;",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return f.join();",
            "  }",
            "}")
        .doTest();
  }

  /** java-driver CompletableFutures.getCompleted: a shaded Guava precondition before the get. */
  @Test
  public void shadedPrecondition_realCode() {
    helper
        .addSourceLines(
            "shaded/guava/common/base/Preconditions.java",
            "package shaded.guava.common.base;",
            "public final class Preconditions {",
            "  public static void checkArgument(boolean expression) {",
            "    if (!expression) throw new IllegalArgumentException();",
            "  }",
            "}")
        .addSourceLines(
            "CompletableFutures.java",
            "import java.util.concurrent.*;",
            "import shaded.guava.common.base.Preconditions;",
            "final class CompletableFutures {",
            "  static <T> T getCompleted(CompletionStage<T> stage) throws Exception {",
            "    CompletableFuture<T> future = stage.toCompletableFuture();",
            "    Preconditions.checkArgument(future.isDone() &&"
                + " !future.isCompletedExceptionally());",
            "    return future.get();",
            "  }",
            "  static Throwable getFailed(CompletionStage<?> stage) throws Exception {",
            "    CompletableFuture<?> future = stage.toCompletableFuture();",
            "    Preconditions.checkArgument(future.isCompletedExceptionally());",
            "    try {",
            "      future.get();",
            "      throw new AssertionError();",
            "    } catch (ExecutionException e) {",
            "      return e.getCause();",
            "    }",
            "  }",
            "  static <T> T notChecked(CompletionStage<T> stage) throws Exception {",
            "    CompletableFuture<T> future = stage.toCompletableFuture();",
            "    Preconditions.checkArgument(future != null);",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return future.get();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * guava AggregateFuture.collectValueFromNonCancelledFuture (a countdown of completed inputs) and
   * AbstractFuture's private getUninterruptibly (the future setFuture listens to): a future's own
   * machinery reads inputs its listeners say are done.
   */
  @Test
  public void privateMachineryOfAFuture_realCode() {
    helper
        .addSourceLines(
            "Aggregate.java",
            "import com.google.common.util.concurrent.AbstractFuture;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import com.google.common.util.concurrent.Uninterruptibles;",
            "import java.util.List;",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.atomic.AtomicInteger;",
            "abstract class Aggregate<InputT, OutputT> extends AbstractFuture<OutputT> {",
            "  private final List<? extends ListenableFuture<? extends InputT>> futures;",
            "  private final AtomicInteger remaining;",
            "  Aggregate(List<? extends ListenableFuture<? extends InputT>> futures) {",
            "    this.futures = futures;",
            "    this.remaining = new AtomicInteger(futures.size());",
            "  }",
            "  final void init() {",
            "    for (ListenableFuture<? extends InputT> future : futures) {",
            "      future.addListener(this::decrementCountAndMaybeComplete,"
                + " MoreExecutors.directExecutor());",
            "    }",
            "  }",
            "  private void decrementCountAndMaybeComplete() {",
            "    if (remaining.decrementAndGet() == 0) {",
            "      for (int i = 0; i < futures.size(); i++) {",
            "        collectValueFromNonCancelledFuture(i, futures.get(i));",
            "      }",
            "      handleAllCompleted();",
            "    }",
            "  }",
            "  private void collectValueFromNonCancelledFuture(",
            "      int index, Future<? extends InputT> future) {",
            "    try {",
            "      // we know the future is done",
            "      collectOneValue(index, Uninterruptibles.getUninterruptibly(future));",
            "    } catch (ExecutionException e) {",
            "      setException(e.getCause());",
            "    }",
            "  }",
            "  private static <V> V getUninterruptibly(Future<V> future)"
                + " throws ExecutionException {",
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
            "  abstract void collectOneValue(int index, InputT value);",
            "  abstract void handleAllCompleted();",
            "  // its API is judged as anyone's: a caller may ask before the inputs are done",
            "  public InputT first() throws ExecutionException {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    return Uninterruptibles.getUninterruptibly(futures.get(0));",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The same in another style: a CompletableFuture subclass that joins its inputs once a
   * whenComplete countdown reaches zero; the countdown in a class that is no future is no machinery
   * of one, and a lambda in the machinery runs elsewhere.
   */
  @Test
  public void privateMachineryOfAFuture_otherStyle() {
    helper
        .addSourceLines(
            "AllOf.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.atomic.AtomicInteger;",
            "final class AllOf<T> extends CompletableFuture<List<T>> {",
            "  private final List<CompletableFuture<T>> parts;",
            "  private final AtomicInteger pending;",
            "  AllOf(List<CompletableFuture<T>> parts) {",
            "    this.parts = parts;",
            "    this.pending = new AtomicInteger(parts.size());",
            "    parts.forEach(p -> p.whenComplete((v, e) -> partDone()));",
            "  }",
            "  private void partDone() {",
            "    if (pending.decrementAndGet() == 0) {",
            "      complete(values());",
            "    }",
            "  }",
            "  private List<T> values() {",
            "    List<T> values = new ArrayList<>();",
            "    for (CompletableFuture<T> part : parts) {",
            "      values.add(part.join());",
            "    }",
            "    return values;",
            "  }",
            "  private void later(Executor executor) {",
            "    // BUG: Diagnostic contains: UnboundedWait",
            "    executor.execute(() -> parts.get(0).join());",
            "  }",
            "}")
        .addSourceLines(
            "Gatherer.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.atomic.AtomicInteger;",
            "import java.util.function.Consumer;",
            "final class Gatherer<T> {",
            "  private final List<CompletableFuture<T>> parts;",
            "  private final AtomicInteger pending;",
            "  private final Consumer<List<T>> then;",
            "  Gatherer(List<CompletableFuture<T>> parts, Consumer<List<T>> then) {",
            "    this.parts = parts;",
            "    this.then = then;",
            "    this.pending = new AtomicInteger(parts.size());",
            "    parts.forEach(p -> p.whenComplete((v, e) -> partDone()));",
            "  }",
            "  private void partDone() {",
            "    if (pending.decrementAndGet() == 0) {",
            "      then.accept(values());",
            "    }",
            "  }",
            "  private List<T> values() {",
            "    List<T> values = new ArrayList<>();",
            "    for (CompletableFuture<T> part : parts) {",
            "      // BUG: Diagnostic contains: UnboundedWait",
            "      values.add(part.join());",
            "    }",
            "    return values;",
            "  }",
            "}")
        .doTest();
  }
}
