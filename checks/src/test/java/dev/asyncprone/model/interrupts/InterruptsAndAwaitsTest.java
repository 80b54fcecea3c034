package dev.asyncprone.model.interrupts;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.flow.KnownDone;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class InterruptsAndAwaitsTest {
  /** Self-interrupts, thread top levels, and awaits already waited for earlier. */
  @BugPattern(summary = "interrupts", severity = WARNING)
  public static final class Probe extends BugChecker
      implements MethodInvocationTreeMatcher,
          MemberReferenceTreeMatcher,
          MethodTreeMatcher,
          LambdaExpressionTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (Interrupts.isSelfInterrupt(tree, state)) {
        return buildDescription(tree).setMessage("self-interrupt").build();
      }
      return awaited(tree, state);
    }

    @Override
    public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
      return awaited(tree, state);
    }

    private Description awaited(Tree tree, VisitorState state) {
      Awaits.Await await = Awaits.of(tree, state);
      if (await == null) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage("earlier=" + KnownDone.isKnownDone(await, state))
          .build();
    }

    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      return Interrupts.isThreadTopLevel(tree, state)
          ? buildDescription(tree).setMessage("top level").build()
          : Description.NO_MATCH;
    }

    @Override
    public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
      return Interrupts.isThreadTopLevel(tree, state)
          ? buildDescription(tree).setMessage("top level").build()
          : Description.NO_MATCH;
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void selfInterruptsAndTopLevels() {
    helper
        .addSourceLines(
            "Threads.java",
            "import java.util.concurrent.Callable;",
            "class Threads {",
            "  void interrupts(Thread other) {",
            "    // BUG: Diagnostic contains: self-interrupt",
            "    Thread.currentThread().interrupt();",
            "    other.interrupt();",
            "    Thread.interrupted();",
            "  }",
            "  static class Task implements Runnable {",
            "    // BUG: Diagnostic contains: top level",
            "    @Override public void run() {}",
            "    void run(int times) {}",
            "  }",
            "  // BUG: Diagnostic contains: top level",
            "  public static void main(String[] args) {",
            "    // BUG: Diagnostic contains: top level",
            "    Runnable r = () -> {};",
            "    Callable<String> c = () -> \"\";",
            "  }",
            "  void run() {}",
            "}")
        .doTest();
  }

  @Test
  public void awaitedEarlier() {
    helper
        .addSourceLines(
            "Earlier.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.TimeUnit;",
            "import reactor.core.publisher.Mono;",
            "class Earlier {",
            "  int sum(CompletableFuture<Integer> a, CompletableFuture<Integer> b,",
            "      CompletableFuture<Integer> c, Mono<Integer> m) throws Exception {",
            "    // BUG: Diagnostic contains: earlier=false",
            "    CompletableFuture.allOf(a, b).join();",
            "    // BUG: Diagnostic contains: earlier=true",
            "    int x = a.join();",
            "    if (x > 0) {",
            "      // BUG: Diagnostic contains: earlier=true",
            "      x += b.get();",
            "    }",
            "    // BUG: Diagnostic contains: earlier=false",
            "    x += c.join();",
            "    // BUG: Diagnostic contains: earlier=false",
            "    m.block();",
            "    // BUG: Diagnostic contains: earlier=false",
            "    m.block();",
            // c returned above and cannot be assigned again: done wherever the lambda runs
            "    // BUG: Diagnostic contains: earlier=true",
            "    Runnable r = () -> c.join();",
            "    return x;",
            "  }",
            "  List<Integer> all(List<CompletableFuture<Integer>> fs) throws Exception {",
            "    // BUG: Diagnostic contains: earlier=false",
            "    CompletableFuture.allOf(fs.toArray(new CompletableFuture<?>[0])).get(1,"
                + " TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: earlier=true",
            "    return fs.stream().map(CompletableFuture::join).toList();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void receiverOfAnythingIsSafe() {
    helper
        .addSourceLines(
            "Chains.java",
            "import io.smallrye.mutiny.Uni;",
            "import io.smallrye.mutiny.groups.UniAwait;",
            "import java.util.concurrent.CompletableFuture;",
            "class Chains {",
            "  String await(Uni<String> uni, CompletableFuture<String> f) {",
            "    UniAwait<String> waiting = uni.await();",
            "    // BUG: Diagnostic contains: earlier=false",
            "    waiting.indefinitely();",
            "    // BUG: Diagnostic contains: earlier=false",
            "    return CompletableFuture.allOf(f).thenApply(v -> f).join().join();",
            "  }",
            "}")
        .doTest();
  }
}
