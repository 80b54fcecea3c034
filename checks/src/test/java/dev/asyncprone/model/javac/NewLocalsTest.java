package dev.asyncprone.model.javac;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import java.util.HashSet;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class NewLocalsTest {
  /** For {@code probe(e)}: e's type as source, the indentation, and whether "taken" is taken. */
  @BugPattern(summary = "test probe for NewLocals", severity = WARNING)
  public static final class Probe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!Trees.methodName(tree).equals("probe")) {
        return Description.NO_MATCH;
      }
      String type =
          NewLocals.typeSource(
              ASTHelpers.getType(tree.getArguments().get(0)), SuggestedFix.builder(), state);
      Set<String> taken = NewLocals.takenNames(state);
      return buildDescription(tree)
          .setMessage(
              "type="
                  + type
                  + " indent="
                  + NewLocals.indentOf(tree, state).length()
                  + " later="
                  + taken.contains("later")
                  + " field="
                  + taken.contains("field")
                  + " elsewhere="
                  + taken.contains("elsewhere"))
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void freshNames() {
    Set<String> taken = new HashSet<>(Set.of("future", "future2"));
    assertEquals("future3", NewLocals.freshName("future", taken));
    assertEquals("other", NewLocals.freshName("other", taken));
    assertTrue(taken.contains("future3") && taken.contains("other"));
  }

  @Test
  public void typesIndentsAndNames() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class T {",
            "  int field;",
            "  abstract CompletableFuture<? extends Number> mean();",
            "  abstract <X> CompletableFuture<List<X>> all(X x);",
            "  static void probe(Object o) {}",
            "  void m() {",
            "    // BUG: Diagnostic contains: type=CompletableFuture<? extends Number> indent=4"
                + " later=true field=true elsewhere=false",
            "    probe(mean());",
            "    if (field > 0) {",
            "      // BUG: Diagnostic contains: type=CompletableFuture<List<String>> indent=6",
            "      probe(all(\"a\"));",
            "      // BUG: Diagnostic contains: type=null",
            "      probe(new Object() {});",
            "    }",
            "    int later = 1;",
            "  }",
            "  void other() { int elsewhere = 2; }",
            "}")
        .doTest();
  }
}
