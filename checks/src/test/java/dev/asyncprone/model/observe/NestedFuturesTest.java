package dev.asyncprone.model.observe;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import dev.asyncprone.model.fix.Fixes;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class NestedFuturesTest {
  /** Reports every lost nested future: how it is lost, whether directly, and the twin. */
  @BugPattern(summary = "Reports NestedFutures", severity = WARNING)
  public static final class NestedProbe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      NestedFutures.Nested nested = NestedFutures.of(state.getPath(), state);
      if (nested == null) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage(
              "inner="
                  + nested.inner()
                  + " lost="
                  + nested.lost()
                  + " direct="
                  + nested.direct()
                  + " twin="
                  + nested.twin(state)
                  + " fix="
                  + (Fixes.composeNested(nested, state) != null))
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(NestedProbe.class, getClass());

  @Test
  public void lostAndKept() {
    helper
        .addSourceLines(
            "Nest.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Function;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Nest {",
            "  CompletableFuture<Integer> price(String s) { return null; }",
            "  ListenableFuture<Integer> quote(String s) { return null; }",
            "  Mono<Integer> save(String s) { return null; }",
            "  com.google.common.base.Function<String, ListenableFuture<Integer>> quoter;",
            "  Object run(CompletableFuture<String> f, Flux<String> flux, ListenableFuture<String>"
                + " lf) {",
            "    // BUG: Diagnostic contains: inner=COMPLETABLE_FUTURE lost=it is dropped"
                + " direct=true twin=thenCompose fix=true",
            "    f.thenApply(s -> price(s));",
            "    // BUG: Diagnostic contains: lost=thenRun() waits for the outer one only"
                + " direct=false twin=thenCompose fix=false",
            "    f.thenApply(s -> price(s)).exceptionally(e -> null).thenRun(() -> {});",
            "    // BUG: Diagnostic contains: inner=MONO lost=subscribe() waits for the outer one"
                + " only direct=true twin=concatMap",
            "    flux.map(s -> save(s)).subscribe();",
            "    flux.map(s -> save(s)).subscribe(m -> {});",
            "    // BUG: Diagnostic contains: lost=it goes on as a CompletableFuture<?>",
            "    CompletableFuture<?> stored = f.thenApply(s -> price(s));",
            "    CompletableFuture<CompletableFuture<Integer>> explicit = f.thenApply(s ->"
                + " price(s));",
            "    // BUG: Diagnostic contains: twin=transformAsync fix=true",
            "    Futures.transform(lf, quoter::apply, MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: twin=transformAsync fix=false",
            "    Futures.transform(lf, quoter, MoreExecutors.directExecutor());",
            "    Futures.transform(lf, s -> quote(s), MoreExecutors.directExecutor()).isDone();",
            "    f.thenApply(s -> price(s)).thenCompose(Function.identity());",
            "    Flux.merge(flux.map(s -> save(s)));",
            "    flux.map(s -> save(s)).collectList();",
            "    return f.thenApply(s -> price(s));",
            "  }",
            "}")
        .doTest();
  }
}
