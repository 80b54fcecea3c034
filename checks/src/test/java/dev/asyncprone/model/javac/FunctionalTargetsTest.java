package dev.asyncprone.model.javac;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.flow.KnownDone;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class FunctionalTargetsTest {
  /** Reports what FunctionalTargets says about each lambda, and Awaits about each await. */
  @BugPattern(summary = "functional targets", severity = WARNING)
  public static final class Probe extends BugChecker
      implements LambdaExpressionTreeMatcher, MethodInvocationTreeMatcher {
    @Override
    public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
      Type declared = FunctionalTargets.declaredResult(state.getPath(), state);
      return buildDescription(tree)
          .setMessage(
              "declared="
                  + (declared == null ? "none" : declared.toString())
                  + " genericOrNullable="
                  + FunctionalTargets.resultIsGenericOrNullable(state.getPath(), state))
          .build();
    }

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      Awaits.Await await = Awaits.of(tree, state);
      return await == null
          ? Description.NO_MATCH
          : buildDescription(tree)
              .setMessage("knownDone=" + KnownDone.isKnownDone(await, state))
              .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void declaredResultsOfLambdaParameters() {
    helper
        .addSourceLines(
            "Targets.java",
            "import java.util.Map;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.BiFunction;",
            "import java.util.function.Function;",
            "import org.jspecify.annotations.Nullable;",
            "class Targets {",
            "  void remap(BiFunction<String, String, @Nullable CompletableFuture<String>> f) {}",
            "  void varargs(String s, Function<String, CompletableFuture<String>>... fs) {}",
            "  void calls(Map<String, CompletableFuture<String>> map, CompletableFuture<String> f)"
                + " {",
            "    // BUG: Diagnostic contains: declared=V genericOrNullable=true",
            "    map.compute(\"k\", (k, v) -> v);",
            "    // BUG: Diagnostic contains: declared=java.util.concurrent.CompletionStage<U>"
                + " genericOrNullable=false",
            "    f.thenCompose(s -> f);",
            "    // BUG: Diagnostic contains: genericOrNullable=true",
            "    remap((a, b) -> null);",
            "    // BUG: Diagnostic contains:"
                + " declared=java.util.concurrent.CompletableFuture<java.lang.String>"
                + " genericOrNullable=false",
            "    varargs(\"a\", s -> f);",
            "    // BUG: Diagnostic contains: declared=none genericOrNullable=false",
            "    Function<String, CompletableFuture<String>> g = s -> f;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void scalarSourcesAreKnownDone() {
    helper
        .addSourceLines(
            "Scalars.java",
            "import io.reactivex.rxjava3.core.Flowable;",
            "import io.reactivex.rxjava3.operators.ScalarSupplier;",
            "import reactor.core.Fuseable;",
            "import reactor.core.publisher.Mono;",
            "class Scalars {",
            "  Object reactor(Mono<String> m, Mono<String> other) {",
            "    if (m instanceof Fuseable.ScalarCallable) {",
            "      // BUG: Diagnostic contains: knownDone=true",
            "      m.block();",
            "      // BUG: Diagnostic contains: knownDone=false",
            "      other.block();",
            "    }",
            "    if (m instanceof Fuseable.ScalarCallable || other != null) {",
            "      // BUG: Diagnostic contains: knownDone=false",
            "      m.block();",
            "    }",
            "    // BUG: Diagnostic contains: knownDone=false",
            "    return m.block();",
            "  }",
            "  Object rxjava(Flowable<String> f) {",
            "    // BUG: Diagnostic contains: knownDone=true",
            "    return f instanceof ScalarSupplier ? f.blockingFirst() : null;",
            "  }",
            "}")
        .doTest();
  }
}
