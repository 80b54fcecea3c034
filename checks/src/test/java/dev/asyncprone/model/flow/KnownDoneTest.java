package dev.asyncprone.model.flow;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.asyncprone.model.api.Awaits;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The forward analysis of futures known done: each shape that makes the fact, with the same code
 * where the fact is never made or is killed by an assignment, in a branch and in a loop.
 */
@RunWith(JUnit4.class)
public class KnownDoneTest {
  /** At each await: whether its future is known done there. */
  @BugPattern(summary = "known done", severity = WARNING)
  public static final class Probe extends BugChecker
      implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return probe(tree, state);
    }

    @Override
    public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
      return probe(tree, state);
    }

    private Description probe(Tree tree, VisitorState state) {
      Awaits.Await await = Awaits.of(tree, state);
      return await == null
          ? Description.NO_MATCH
          : buildDescription(tree)
              .setMessage("done=" + KnownDone.isKnownDone(await, state))
              .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void anAwaitThatReturnedLeavesItsFutureDoneUntilItIsAssigned() {
    helper
        .addSourceLines(
            "Reassigned.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.TimeUnit;",
            "abstract class Reassigned {",
            "  abstract CompletableFuture<String> next();",
            "  void straight(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: done=false",
            "    f.join();",
            "    // BUG: Diagnostic contains: done=true",
            "    f.join();",
            "    f = next();",
            "    // BUG: Diagnostic contains: done=false",
            "    f.join();",
            "  }",
            "  void inABranch(CompletableFuture<String> f, boolean again) {",
            "    // BUG: Diagnostic contains: done=false",
            "    f.join();",
            "    if (again) {",
            "      f = next();",
            "    }",
            "    // BUG: Diagnostic contains: done=false",
            "    f.join();",
            "  }",
            "  void inALoop(CompletableFuture<String> f, int n) {",
            "    // BUG: Diagnostic contains: done=false",
            "    f.join();",
            "    for (int i = 0; i < n; i++) {",
            "      // BUG: Diagnostic contains: done=false",
            "      f.join();",
            "      f = next();",
            "    }",
            "  }",
            "  void assignedInAnotherBranchOnly(CompletableFuture<String> f, boolean b) {",
            "    // BUG: Diagnostic contains: done=false",
            "    f.join();",
            "    if (b) {",
            "      System.out.println();",
            "    } else {",
            "      // BUG: Diagnostic contains: done=true",
            "      f.join();",
            "    }",
            "    // BUG: Diagnostic contains: done=true",
            "    f.join();",
            "  }",
            "  String timedThenUntimed(CompletableFuture<String> f) throws Exception {",
            "    // BUG: Diagnostic contains: done=false",
            "    f.get(5, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: done=true",
            "    return f.get();",
            "  }",
            "  String timedThatMayHaveTimedOut(CompletableFuture<String> f) throws Exception {",
            "    try {",
            "      // BUG: Diagnostic contains: done=false",
            "      return f.get(5, TimeUnit.SECONDS);",
            "    } catch (java.util.concurrent.TimeoutException e) {",
            "      // BUG: Diagnostic contains: done=false",
            "      return f.get();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void aFutureNamedOnlyAtItsAwaitIsNotDoneUnlessItsCallersOrALoopSaySo() {
    helper
        .addSourceLines(
            "NamedOnce.java",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class NamedOnce {",
            "  CompletableFuture<String> pending;",
            "  String parameter(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: done=false",
            "    return f.join();",
            "  }",
            "  String field() {",
            "    // BUG: Diagnostic contains: done=false",
            "    return pending.join();",
            "  }",
            "  String callsTheHelper(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: done=false",
            "    f.join();",
            "    return helper(f);",
            "  }",
            "  // every call hands it a future its caller has awaited",
            "  private String helper(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: done=true",
            "    return f.join();",
            "  }",
            "  String eachTurnAfterTheFirst(CompletableFuture<String> f, int n) {",
            "    String last = null;",
            "    for (int i = 0; i < n; i++) {",
            "      // BUG: Diagnostic contains: done=false",
            "      last = pending.join();",
            "    }",
            "    do {",
            "      // BUG: Diagnostic contains: done=false",
            "      last = f.join();",
            "    } while (last == null);",
            "    return last;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void completionProbes() {
    helper
        .addSourceLines(
            "Probes.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Future;",
            "abstract class Probes {",
            statefulFuture(),
            "  abstract CompletableFuture<String> next();",
            "  void probes(CompletableFuture<String> f, StatefulFuture<String> g) throws Exception"
                + " {",
            "    if (f.isCompletedExceptionally()) {",
            "      // BUG: Diagnostic contains: done=true",
            "      f.join();",
            "    }",
            "    if (g.isCancelled() || g.isDone()) {",
            "      // BUG: Diagnostic contains: done=true",
            "      g.get();",
            "    }",
            "    if (g.state() == StatefulFuture.State.SUCCESS) {",
            "      // BUG: Diagnostic contains: done=true",
            "      g.get();",
            "    }",
            "    if (g.state() == StatefulFuture.State.RUNNING) {",
            "      // BUG: Diagnostic contains: done=false",
            "      g.get();",
            "    }",
            "    if (f.getNow(null) != null) {",
            "      // BUG: Diagnostic contains: done=true",
            "      f.join();",
            "    }",
            "    if (f.getNow(\"\") == null) {",
            "      // BUG: Diagnostic contains: done=false",
            "      f.join();",
            "    }",
            "  }",
            "  String earlyExit(CompletableFuture<String> f) {",
            "    if (f.getNow(null) == null) {",
            "      return null;",
            "    }",
            "    // BUG: Diagnostic contains: done=true",
            "    return f.join();",
            "  }",
            "  String killedAfterTheProbe(CompletableFuture<String> f, boolean b) {",
            "    if (!f.isDone()) {",
            "      return null;",
            "    }",
            "    if (b) {",
            "      f = next();",
            "    }",
            "    // BUG: Diagnostic contains: done=false",
            "    return f.join();",
            "  }",
            "  void probeInALoop(java.util.List<CompletableFuture<String>> fs) {",
            "    for (CompletableFuture<String> f : fs) {",
            "      if (f.getNow(null) == null) {",
            "        continue;",
            "      }",
            "      // BUG: Diagnostic contains: done=true",
            "      f.join();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The real {@code Future.state()} from JDK 19 on; before that, a stand-in of the same shape that
   * the probe reads the same way, since a declared {@code state()} would clash with the JDK's.
   */
  private static String statefulFuture() {
    if (Runtime.version().feature() >= 19) {
      return "  interface StatefulFuture<T> extends Future<T> {}";
    }
    return "  interface StatefulFuture<T> extends Future<T> {\n"
        + "    enum State { RUNNING, SUCCESS, FAILED, CANCELLED }\n"
        + "    State state();\n"
        + "  }";
  }

  @Test
  public void allOfContinuationsThroughLocalsAndToArray() {
    helper
        .addSourceLines(
            "Batches.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "class Batches {",
            "  CompletableFuture<List<String>> all(List<CompletableFuture<String>> list) {",
            "    var all = CompletableFuture.allOf(list.toArray(new CompletableFuture<?>[0]));",
            "    return all.thenApply(",
            "        // BUG: Diagnostic contains: done=true",
            "        v -> list.stream().map(CompletableFuture::join).toList());",
            "  }",
            "  CompletableFuture<List<String>> throughAnArray(List<CompletableFuture<String>> list)"
                + " {",
            "    CompletableFuture<?>[] array = list.toArray(new CompletableFuture<?>[0]);",
            "    CompletableFuture<Void> all = CompletableFuture.allOf(array);",
            "    // BUG: Diagnostic contains: done=true",
            "    return all.thenApply(v -> list.stream().map(f -> f.join()).toList());",
            "  }",
            "  CompletableFuture<List<String>> anotherList(",
            "      List<CompletableFuture<String>> list, List<CompletableFuture<String>> other) {",
            "    var all = CompletableFuture.allOf(other.toArray(new CompletableFuture<?>[0]));",
            "    return all.thenApply(",
            "        // BUG: Diagnostic contains: done=false",
            "        v -> list.stream().map(CompletableFuture::join).toList());",
            "  }",
            "  CompletableFuture<List<String>> reassigned(",
            "      List<CompletableFuture<String>> list, boolean b) {",
            "    var all = CompletableFuture.allOf(list.toArray(new CompletableFuture<?>[0]));",
            "    if (b) {",
            "      all = CompletableFuture.runAsync(() -> {});",
            "    }",
            "    return all.thenApply(",
            "        // BUG: Diagnostic contains: done=false",
            "        v -> list.stream().map(CompletableFuture::join).toList());",
            "  }",
            "  List<String> joinedAll(List<CompletableFuture<String>> list) {",
            "    CompletableFuture<Void> all = CompletableFuture.allOf(list.toArray(new"
                + " CompletableFuture<?>[0]));",
            "    // BUG: Diagnostic contains: done=false",
            "    all.join();",
            "    // BUG: Diagnostic contains: done=true",
            "    return list.stream().map(CompletableFuture::join).toList();",
            "  }",
            "  List<String> filtered(List<CompletableFuture<String>> list) {",
            "    return list.stream()",
            "        .filter(f -> f.getNow(null) != null)",
            "        // BUG: Diagnostic contains: done=true",
            "        .map(CompletableFuture::join)",
            "        .toList();",
            "  }",
            "  List<String> filteredByNothing(List<CompletableFuture<String>> list) {",
            "    return list.stream()",
            "        .filter(f -> f != null)",
            "        // BUG: Diagnostic contains: done=false",
            "        .map(CompletableFuture::join)",
            "        .toList();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void callbacksAndListenersOfTheirOwnFuture() {
    helper
        .addSourceLines(
            "Listeners.java",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import com.google.common.util.concurrent.Futures;",
            "import java.util.concurrent.CompletableFuture;",
            "class Listeners {",
            "  void own(CompletableFuture<String> f, CompletableFuture<String> g) {",
            "    f.whenComplete(",
            "        (v, e) -> {",
            "          if (!f.isCompletedExceptionally()) {",
            "            // BUG: Diagnostic contains: done=true",
            "            System.out.println(f.join());",
            "          }",
            "          // BUG: Diagnostic contains: done=false",
            "          g.join();",
            "        });",
            "  }",
            "  void guava(ListenableFuture<String> lf, ListenableFuture<String> other) {",
            "    lf.addListener(",
            "        () -> {",
            "          // BUG: Diagnostic contains: done=true",
            "          Futures.getUnchecked(lf);",
            "          // BUG: Diagnostic contains: done=false",
            "          Futures.getUnchecked(other);",
            "        },",
            "        MoreExecutors.directExecutor());",
            "  }",
            "  CompletableFuture<Integer> either(CompletableFuture<Integer> a,"
                + " CompletableFuture<Integer> b) {",
            "    // the result of applyToEither may complete before a does",
            "    // BUG: Diagnostic contains: done=false",
            "    return a.applyToEither(b, x -> x).thenApply(x -> x + a.join());",
            "  }",
            "  void timeouts(CompletableFuture<Integer> a) {",
            "    // the result of orTimeout fails on the timeout, with a still pending",
            "    a.orTimeout(1, java.util.concurrent.TimeUnit.SECONDS)",
            "        // BUG: Diagnostic contains: done=false",
            "        .whenComplete((v, e) -> a.join());",
            "    // ... but succeeds only once a has",
            "    a.orTimeout(1, java.util.concurrent.TimeUnit.SECONDS)",
            "        // BUG: Diagnostic contains: done=true",
            "        .thenApply(v -> a.join());",
            "    // completeOnTimeout succeeds on the timeout",
            "    a.completeOnTimeout(0, 1, java.util.concurrent.TimeUnit.SECONDS)",
            "        // BUG: Diagnostic contains: done=false",
            "        .thenApply(v -> a.join());",
            "  }",
            "  CompletableFuture<Integer> combined(CompletableFuture<Integer> a,"
                + " CompletableFuture<Integer> b) {",
            "    // BUG: Diagnostic contains: done=true",
            "    return a.thenCombine(b, (x, y) -> x + b.join());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void capturedFactsHoldInTheLambdaThatCapturesThem() {
    helper
        .addSourceLines(
            "Captured.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "class Captured {",
            "  void later(CompletableFuture<String> f, Executor executor) {",
            "    if (f.isDone()) {",
            "      // BUG: Diagnostic contains: done=true",
            "      executor.execute(() -> System.out.println(f.join()));",
            "    }",
            "    // BUG: Diagnostic contains: done=false",
            "    executor.execute(() -> System.out.println(f.join()));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void unusualCodeClaimsNothingAndDoesNotCrash() {
    helper
        .addSourceLines(
            "Unusual.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Supplier;",
            "class Unusual {",
            "  static final CompletableFuture<String> F = new CompletableFuture<>();",
            "  // a lambda in a field initializer has a graph of its own",
            "  // BUG: Diagnostic contains: done=false",
            "  final Supplier<String> s = () -> F.join();",
            "  record R(CompletableFuture<String> f) {",
            "    String value() {",
            "      return switch (f.hashCode() % 2) {",
            "        // BUG: Diagnostic contains: done=false",
            "        case 0 -> f.join();",
            "        default -> \"\";",
            "      };",
            "    }",
            "  }",
            "  String anonymous(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: done=false",
            "    f.join();",
            "    return new Object() {",
            "      // a method of an anonymous class runs when it is called: nothing carries over",
            "      // BUG: Diagnostic contains: done=false",
            "      String get() { return f.join(); }",
            "    }.get();",
            "  }",
            "}")
        .doTest();
  }
}
