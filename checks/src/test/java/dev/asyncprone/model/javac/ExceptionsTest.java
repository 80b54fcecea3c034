package dev.asyncprone.model.javac;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class ExceptionsTest {
  /** At each probe() call: may a TimeoutException be thrown there and still compile? */
  @BugPattern(summary = "handled", severity = WARNING)
  public static final class Handled extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!Trees.methodName(tree).equals("probe")) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage(
              "handled="
                  + Exceptions.isHandledAt(
                      state.getPath(), "java.util.concurrent.TimeoutException", state))
          .build();
    }
  }

  @Test
  public void whereATimeoutExceptionMayBeThrown() {
    CompilationTestHelper.newInstance(Handled.class, getClass())
        .addSourceLines(
            "Probe.java",
            "import java.util.concurrent.Callable;",
            "import java.util.concurrent.TimeoutException;",
            "abstract class Probe {",
            "  abstract int probe();",
            "  void declaresException() throws Exception {",
            "    // BUG: Diagnostic contains: handled=true",
            "    probe();",
            "  }",
            "  void declaresNothing() {",
            "    // BUG: Diagnostic contains: handled=false",
            "    probe();",
            "  }",
            "  void caught() {",
            "    try {",
            "      // BUG: Diagnostic contains: handled=true",
            "      probe();",
            "      throw new TimeoutException();",
            "    } catch (IllegalStateException | TimeoutException e) {",
            "      // BUG: Diagnostic contains: handled=false",
            "      probe();",
            "    }",
            "  }",
            "  void rethrown() throws Exception {",
            "    try {",
            "      // BUG: Diagnostic contains: handled=false",
            "      probe();",
            "    } catch (Exception e) {",
            "      throw e;",
            "    }",
            "  }",
            "  Callable<Integer> lambdas() {",
            "    Runnable r = () -> {",
            "      // BUG: Diagnostic contains: handled=false",
            "      probe();",
            "    };",
            "    // BUG: Diagnostic contains: handled=true",
            "    return () -> probe();",
            "  }",
            "  // BUG: Diagnostic contains: handled=false",
            "  int field = probe();",
            "}")
        .doTest();
  }
}
