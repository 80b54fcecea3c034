package dev.asyncprone.model.await;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static org.junit.Assert.assertEquals;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.asyncprone.model.api.AsyncKind;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class CompositionsTest {
  /** Reports every composition: operator, source, family, and the independent next future. */
  @BugPattern(summary = "test probe for Compositions", severity = WARNING)
  public static final class Probe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      Compositions.Composition c = Compositions.of(tree, state);
      if (c == null) {
        return Description.NO_MATCH;
      }
      ExpressionTree next = Compositions.independentNext(c, state);
      return buildDescription(tree)
          .setMessage(
              c.operator()
                  + " of "
                  + state.getSourceForNode(c.source())
                  + " ("
                  + c.family()
                  + ") next="
                  + (next == null ? "none" : state.getSourceForNode(next)))
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void compositions() {
    helper
        .addSourceLines(
            "T.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "abstract class T {",
            "  interface A { CompletableFuture<String> find(String id); ListenableFuture<String>"
                + " get(String id); Mono<String> load(String id); }",
            "  A a; A b; CompletableFuture<?>[] started; java.util.List<String> seen; String last;",
            "  java.util.function.BiFunction<String, Throwable, String> h;",
            "  abstract void note(Object o);",
            "  abstract CompletableFuture<String> all(java.util.List<? extends"
                + " CompletableFuture<String>> l);",
            "  void m(String id) {",
            "    // BUG: Diagnostic contains: thenCompose of a.find(id) (JDK) next=b.find(id)",
            "    a.find(id).thenCompose(x -> b.find(id));",
            "    // BUG: Diagnostic contains: thenComposeAsync of a.find(id) (JDK) next=none",
            "    a.find(id).thenComposeAsync(x -> b.find(x));",
            "    // BUG: Diagnostic contains: transformAsync of a.get(id) (GUAVA) next=b.get(id)",
            "    Futures.transformAsync(a.get(id), x -> b.get(id),"
                + " MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: flatMap of a.load(id) (REACTOR) next=b.load(id)",
            "    a.load(id).flatMap(x -> b.load(id));",
            "    // BUG: Diagnostic contains: thenCompose of a.find(id) (JDK) next=none",
            "    a.find(id).thenCompose(x -> CompletableFuture.anyOf(started));",
            "    // BUG: Diagnostic contains: thenCompose of a.find(id) (JDK) next=none",
            "    a.find(id).thenCompose(x -> all(java.util.List.of(a.find(id))));",
            "    // BUG: Diagnostic contains: thenCompose of a.find(id).whenComplete((v, e) -> last"
                + " = v) (JDK) next=none",
            "    a.find(id).whenComplete((v, e) -> last = v).thenCompose(x -> b.find(last));",
            "    // BUG: Diagnostic contains: thenCompose of a.find(id).whenComplete((v, e) ->"
                + " seen.get(0)) (JDK) next=none",
            "    a.find(id).whenComplete((v, e) -> seen.get(0)).thenCompose(x ->"
                + " b.find(seen.get(1)));",
            "    // BUG: Diagnostic contains: thenCompose of a.find(id).handle(h) (JDK) next=none",
            "    a.find(id).handle(h).thenCompose(x -> b.find(h.apply(null, null)));",
            "    // BUG: Diagnostic contains: thenCompose of a.find(id).whenComplete((v, e) ->"
                + " note(v)) (JDK) next=b.find(id)",
            "    a.find(id).whenComplete((v, e) -> note(v)).thenCompose(x -> b.find(id));",
            "    a.load(id).map(x -> x);",
            "    a.find(id).thenApply(x -> x);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void awaitAllWords() {
    assertEquals("Mono.zip(a, b).block()", Compositions.awaitAll(AsyncKind.Family.REACTOR, "a, b"));
    assertEquals(
        "Single.zip(a, b, ...).blockingGet()",
        Compositions.awaitAll(AsyncKind.Family.RXJAVA, "a, b"));
  }
}
