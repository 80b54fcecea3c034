package dev.asyncprone.model.context;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.flow.KnownDone;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Walking a chain of calls to its start must stop at the class name of a static call ({@code Mono}
 * in {@code Mono.fromCallable(...)}) and at a plain variable, where ASTHelpers.getReceiver throws.
 */
@RunWith(JUnit4.class)
public class ReceiverChainsTest {

  /** Reports whether each await is known to be done where it runs. */
  @BugPattern(summary = "known-done probe", severity = WARNING)
  public static final class KnownDoneProbe extends BugChecker
      implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      Awaits.Await await = Awaits.of(tree, state);
      if (await == null) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage(KnownDone.isKnownDone(await, state) ? "DONE" : "PENDING")
          .build();
    }
  }

  @Test
  public void staticFactoryChainsEndAtTheClassName() {
    CompilationTestHelper.newInstance(ContextProbe.class, getClass())
        .addSourceLines(
            "T.java",
            "import reactor.core.publisher.Mono;",
            "import reactor.core.scheduler.Schedulers;",
            "class T {",
            "  static <T> T probe(T t) { return t; }",
            "  void f() {",
            "    // BUG: Diagnostic contains: SUBSCRIPTION_TIME",
            "    Mono.fromCallable(() -> probe(1));",
            "    // BUG: Diagnostic contains: OFFLOADED",
            "    Mono.fromCallable(() -> probe(1)).subscribeOn(Schedulers.boundedElastic());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void knownDoneWalksChainsThatStartAtAVariable() {
    CompilationTestHelper.newInstance(KnownDoneProbe.class, getClass())
        .addSourceLines(
            "T.java",
            "import io.smallrye.mutiny.Uni;",
            "import io.smallrye.mutiny.groups.UniAwait;",
            "import java.util.concurrent.CompletableFuture;",
            "class T {",
            "  void f(CompletableFuture<String> a, CompletableFuture<String> b, Uni<String> u) {",
            "    // BUG: Diagnostic contains: DONE",
            "    a.thenApply(x -> a.join());",
            "    CompletableFuture.allOf(a, b).thenRun(() -> {",
            "      // BUG: Diagnostic contains: DONE",
            "      b.join();",
            "    });",
            "    a.thenApply(x -> {",
            "      // BUG: Diagnostic contains: PENDING",
            "      return b.join();",
            "    });",
            "    UniAwait<String> await = u.await();",
            "    // BUG: Diagnostic contains: PENDING",
            "    await.indefinitely();",
            "  }",
            "}")
        .doTest();
  }
}
