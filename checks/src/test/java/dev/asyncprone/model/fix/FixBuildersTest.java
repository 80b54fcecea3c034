package dev.asyncprone.model.fix;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.Options;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link Fixes#soleBlockingExecutor} (the one {@code @BlockingExecutor} that code can name), {@link
 * Fixes#passExecutor} (where an executor goes), {@link Fixes#freshName}.
 */
@RunWith(JUnit4.class)
public class FixBuildersTest {

  /** At every probe() call: the sole blocking executor in scope there, or NONE. */
  @BugPattern(summary = "executor probe", severity = WARNING)
  public static final class ExecutorInScopeProbe extends BugChecker
      implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!Trees.methodName(tree).equals("probe")) {
        return Description.NO_MATCH;
      }
      VarSymbol executor = FixSources.soleBlockingExecutor(state.getPath(), state);
      return buildDescription(tree)
          .setMessage(executor == null ? "NONE" : "SOLE " + executor.getSimpleName())
          .build();
    }
  }

  /** At every probe() call: passes "io" to the call that hands over its code, where it can. */
  @BugPattern(summary = "pass executor probe", severity = WARNING)
  public static final class PassExecutorProbe extends BugChecker
      implements MethodInvocationTreeMatcher {
    private final Contexts contexts = new Contexts(Options.defaults());

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!Trees.methodName(tree).equals("probe")) {
        return Description.NO_MATCH;
      }
      SuggestedFix fix = Fixes.passExecutor(contexts.of(state), "io", state);
      return fix == null ? describeMatch(tree) : describeMatch(tree, fix);
    }
  }

  /** At every probe() call: a fresh name based on "ignored". */
  @BugPattern(summary = "fresh name probe", severity = WARNING)
  public static final class FreshNameProbe extends BugChecker
      implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return Trees.methodName(tree).equals("probe")
          ? buildDescription(tree)
              .setMessage("FRESH " + FixSources.freshName("ignored", state))
              .build()
          : Description.NO_MATCH;
    }
  }

  @Test
  public void freshNamesAvoidVariablesInScope() {
    CompilationTestHelper.newInstance(FreshNameProbe.class, getClass())
        .addSourceLines(
            "T.java",
            "class T {",
            "  static void probe() {}",
            "  void f() {",
            "    // BUG: Diagnostic contains: FRESH ignored",
            "    probe();",
            "  }",
            "  void g(String ignored) {",
            "    String ignored2 = ignored;",
            "    // BUG: Diagnostic contains: FRESH ignored3",
            "    probe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void fieldsParametersAndLocals() {
    CompilationTestHelper.newInstance(ExecutorInScopeProbe.class, getClass())
        .addSourceLines(
            "T.java",
            "import dev.asyncprone.annotations.BlockingExecutor;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.ExecutorService;",
            "class T {",
            "  static void probe() {}",
            "  @BlockingExecutor private final ExecutorService io = null;",
            "  @BlockingExecutor private static final Object NOT_AN_EXECUTOR = null;",
            "  private final Executor plain = null;",
            "  void field() {",
            "    // BUG: Diagnostic contains: SOLE io",
            "    probe();",
            "  }",
            "  static void staticContext() {",
            "    // BUG: Diagnostic contains: NONE",
            "    probe();",
            "  }",
            "  void twoOfThem(@BlockingExecutor Executor db) {",
            "    // BUG: Diagnostic contains: NONE",
            "    probe();",
            "  }",
            "  void shadowed(Executor io) {",
            "    // BUG: Diagnostic contains: NONE",
            "    probe();",
            "  }",
            "  static void parameter(@BlockingExecutor Executor db) {",
            "    // BUG: Diagnostic contains: SOLE db",
            "    probe();",
            "  }",
            "  static void local() {",
            "    // BUG: Diagnostic contains: NONE",
            "    probe();",
            "    @BlockingExecutor Executor files = Runnable::run;",
            "    // BUG: Diagnostic contains: SOLE files",
            "    probe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void passesTheExecutorWhereTheCallTakesOne() {
    BugCheckerRefactoringTestHelper.newInstance(PassExecutorProbe.class, getClass())
        .addInputLines(
            "T.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.ForkJoinPool;",
            "class T {",
            "  static <V> V probe(V v) { return v; }",
            "  void f(Executor io, CompletableFuture<String> cf, ListenableFuture<String> lf,",
            "      List<String> ids) {",
            "    CompletableFuture.supplyAsync(() -> probe(1));",
            "    CompletableFuture.runAsync(() -> probe(2), ForkJoinPool.commonPool());",
            "    cf.thenApplyAsync(s -> probe(s));",
            "    cf.thenApply(s -> probe(s));",
            "    Futures.transform(lf, s -> probe(s), ForkJoinPool.commonPool());",
            "    Futures.transform(lf, s -> probe(s), Runnable::run);",
            "    ForkJoinPool.commonPool().execute(() -> probe(3));",
            "    ids.parallelStream().map(s -> probe(s)).forEach(s -> {});",
            "  }",
            "}")
        .addOutputLines(
            "T.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.ForkJoinPool;",
            "class T {",
            "  static <V> V probe(V v) { return v; }",
            "  void f(Executor io, CompletableFuture<String> cf, ListenableFuture<String> lf,",
            "      List<String> ids) {",
            "    CompletableFuture.supplyAsync(() -> probe(1), io);",
            "    CompletableFuture.runAsync(() -> probe(2), io);",
            "    cf.thenApplyAsync(s -> probe(s), io);",
            "    cf.thenApply(s -> probe(s));",
            "    Futures.transform(lf, s -> probe(s), io);",
            "    Futures.transform(lf, s -> probe(s), io);",
            "    ForkJoinPool.commonPool().execute(() -> probe(3));",
            "    ids.parallelStream().map(s -> probe(s)).forEach(s -> {});",
            "  }",
            "}")
        .doTest();
  }
}
