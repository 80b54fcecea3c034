package dev.asyncprone.model.javac;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class VariablesTest {
  /** Reports what the lambda passed to {@code probe(() -> ...)} reads and writes, and isLocal. */
  @BugPattern(summary = "test probe for Variables", severity = WARNING)
  public static final class Probe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!Trees.methodName(tree).equals("probe")) {
        return Description.NO_MATCH;
      }
      Tree body = ((com.sun.source.tree.LambdaExpressionTree) tree.getArguments().get(0)).getBody();
      Set<Symbol> reads = Variables.reads(body);
      Set<Symbol> writes = Variables.writes(body);
      Set<String> locals = new TreeSet<>();
      for (Symbol s : reads) {
        if (Variables.isLocal(s)) {
          locals.add(s.getSimpleName().toString());
        }
      }
      return buildDescription(tree)
          .setMessage(
              "reads="
                  + names(reads)
                  + " writes="
                  + names(writes)
                  + " locals="
                  + locals
                  + " assigns="
                  + Variables.assigns(body))
          .build();
    }

    private static Set<String> names(Set<Symbol> symbols) {
      Set<String> names = new TreeSet<>();
      for (Symbol s : symbols) {
        names.add(s.getSimpleName().toString());
      }
      return names;
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void readsAndWrites() {
    helper
        .addSourceLines(
            "T.java",
            "class T {",
            "  int f; int[] arr = new int[3]; T other;",
            "  static void probe(Runnable r) {}",
            "  void m(int a, int b) {",
            "    int c = 0;",
            "    // BUG: Diagnostic contains: reads=[a, b, f] writes=[] locals=[a, b]"
                + " assigns=false",
            "    probe(() -> System.identityHashCode(a + f + b));",
            "    // BUG: Diagnostic contains: reads=[a] writes=[f] locals=[a] assigns=true",
            "    probe(() -> { f = a; });",
            "    // BUG: Diagnostic contains: reads=[a, arr, b] writes=[arr] locals=[a, b]"
                + " assigns=true",
            "    probe(() -> { arr[b] += a; });",
            "    // BUG: Diagnostic contains: reads=[f, other] writes=[f, other] locals=[]"
                + " assigns=true",
            "    probe(() -> { other.f++; });",
            "    // BUG: Diagnostic contains: reads=[a, x] writes=[x] locals=[a, x] assigns=false",
            "    probe(() -> { int x = a; System.identityHashCode(x); });",
            "    // BUG: Diagnostic contains: reads=[b, y] writes=[y] locals=[b, y] assigns=false",
            "    probe(() -> java.util.List.of(b).forEach(y -> System.identityHashCode(y)));",
            "  }",
            "}")
        .doTest();
  }
}
