package dev.asyncprone.model.javac;

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
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class UsesTest {
  /** Reports the use of every call of, and reference to, a method named {@code work}. */
  @BugPattern(summary = "Reports Uses.of", severity = WARNING)
  public static final class UsesProbe extends BugChecker
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
      if (!Trees.methodName(tree).equals("work")) {
        return Description.NO_MATCH;
      }
      Uses.Use use = Uses.of(state.getPath(), state);
      return buildDescription(tree)
          .setMessage(
              "use="
                  + use.kind()
                  + " discarded="
                  + use.isDiscarded()
                  + " target="
                  + use.target()
                  + " handedTo="
                  + (use.handedTo() == null ? "none" : Trees.methodName(use.handedTo()))
                  + " chained="
                  + (use.chainedCall() == null ? "none" : Trees.methodName(use.chainedCall()))
                  + " via="
                  + use.functionalInterface())
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UsesProbe.class, getClass());

  @Test
  public void everyUse() {
    helper
        .addSourceLines(
            "Uses.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Function;",
            "import java.util.function.Supplier;",
            "class Uses {",
            "  CompletableFuture<String> work() { return null; }",
            "  CompletableFuture<String> work(String s) { return null; }",
            "  CompletableFuture<String> field;",
            "  Object run(List<String> xs, CompletableFuture<String> f, boolean b) {",
            "    // BUG: Diagnostic contains: use=STATEMENT discarded=true target=null"
                + " handedTo=none",
            "    work();",
            "    // BUG: Diagnostic contains: use=VOID_CALLBACK discarded=true target=void"
                + " handedTo=forEach chained=none via=Consumer",
            "    xs.forEach(x -> work(x));",
            "    // BUG: Diagnostic contains: use=VOID_CALLBACK discarded=true target=void"
                + " handedTo=forEach",
            "    xs.forEach(this::work);",
            "    // BUG: Diagnostic contains: use=VOID_CALLBACK discarded=true target=void"
                + " handedTo=thenRun",
            "    f.thenRun(() -> work());",
            "    // BUG: Diagnostic contains: use=RETURNED discarded=false"
                + " target=java.util.concurrent.CompletableFuture<java.lang.String> handedTo=none",
            "    Supplier<CompletableFuture<String>> s = () -> work();",
            "    // BUG: Diagnostic contains: use=RETURNED discarded=false"
                + " target=java.util.concurrent.CompletionStage<",
            "    f.thenCompose(x -> work(x));",
            "    // BUG: Diagnostic contains: use=STORED discarded=false"
                + " target=java.util.concurrent.CompletableFuture<?>",
            "    CompletableFuture<?> stored = work();",
            "    // BUG: Diagnostic contains: use=STORED",
            "    field = (work());",
            "    // BUG: Diagnostic contains: use=PASSED",
            "    CompletableFuture.allOf(work());",
            "    // BUG: Diagnostic contains: use=CHAINED discarded=false target=null handedTo=none"
                + " chained=thenAccept",
            "    work().thenAccept(x -> {});",
            "    // BUG: Diagnostic contains: use=STORED discarded=false"
                + " target=java.util.concurrent.CompletableFuture<java.lang.String>",
            "    var unused = b ? work() : field;",
            "    // BUG: Diagnostic contains: use=RETURNED discarded=false target=java.lang.Object",
            "    return work();",
            "  }",
            "}")
        .doTest();
  }
}
