package dev.asyncprone.model.javac;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link Expressions}: which values are already there, and which are never null. */
@RunWith(JUnit4.class)
public class ExpressionsTest {

  /** Reports, for the argument of every probe(...) call, whether it is trivial and non-null. */
  @BugPattern(summary = "expression probe", severity = WARNING)
  public static final class ExpressionProbe extends BugChecker
      implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!Trees.methodName(tree).equals("probe") || tree.getArguments().size() != 1) {
        return Description.NO_MATCH;
      }
      ExpressionTree e = tree.getArguments().get(0);
      return buildDescription(tree)
          .setMessage(
              (Expressions.isTrivial(e, state) ? "TRIVIAL" : "COMPUTED")
                  + " "
                  + (Expressions.isNonNull(e, state) ? "NONNULL" : "NULLABLE"))
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ExpressionProbe.class, getClass());

  @Test
  public void valuesThatAreAlreadyThere() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.List;",
            "import java.util.concurrent.TimeUnit;",
            "class T {",
            "  static void probe(Object o) {}",
            "  static final int LIMIT = 3;",
            "  static final List<String> NAMES = List.of();",
            "  private final String name;",
            "  private final int size = 0;",
            "  T(String name) { this.name = name; }",
            "  class Inner {",
            "    void g() {",
            "      // BUG: Diagnostic contains: TRIVIAL NULLABLE",
            "      probe(T.this.name);",
            "    }",
            "  }",
            "  void f(String param, int count) {",
            "    String local = param;",
            "    // BUG: Diagnostic contains: TRIVIAL NONNULL",
            "    probe(\"literal\");",
            "    // BUG: Diagnostic contains: TRIVIAL NULLABLE",
            "    probe(null);",
            "    // BUG: Diagnostic contains: TRIVIAL NONNULL",
            "    probe(LIMIT);",
            "    // BUG: Diagnostic contains: TRIVIAL NONNULL",
            "    probe(-1);",
            "    // BUG: Diagnostic contains: TRIVIAL NULLABLE",
            "    probe(NAMES);",
            "    // BUG: Diagnostic contains: TRIVIAL NONNULL",
            "    probe(TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: TRIVIAL NULLABLE",
            "    probe(Boolean.TRUE);",
            "    // BUG: Diagnostic contains: TRIVIAL NULLABLE",
            "    probe(param);",
            "    // BUG: Diagnostic contains: TRIVIAL NONNULL",
            "    probe(count);",
            "    // BUG: Diagnostic contains: TRIVIAL NULLABLE",
            "    probe(local);",
            "    // BUG: Diagnostic contains: TRIVIAL NULLABLE",
            "    probe(name);",
            "    // BUG: Diagnostic contains: TRIVIAL NULLABLE",
            "    probe(this.name);",
            "    // BUG: Diagnostic contains: TRIVIAL NONNULL",
            "    probe(this);",
            "    // BUG: Diagnostic contains: TRIVIAL NONNULL",
            "    probe(size);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void valuesThatAreComputedOrMayChange() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.List;",
            "class T {",
            "  static void probe(Object o) {}",
            "  static class Other { static final List<String> NAMES = List.of(); final String id ="
                + " \"\".trim(); }",
            "  private String mutable = \"\";",
            "  static List<String> shared = List.of();",
            "  String compute() { return \"\"; }",
            "  void f(Other other, String s, int n, boolean c) {",
            "    // BUG: Diagnostic contains: COMPUTED NULLABLE",
            "    probe(compute());",
            "    // BUG: Diagnostic contains: COMPUTED NULLABLE",
            "    probe(mutable);",
            "    // BUG: Diagnostic contains: COMPUTED NULLABLE",
            "    probe(shared);",
            "    // BUG: Diagnostic contains: COMPUTED NULLABLE",
            "    probe(other.id);",
            "    // BUG: Diagnostic contains: COMPUTED NULLABLE",
            "    probe(Other.NAMES);",
            "    // BUG: Diagnostic contains: COMPUTED NONNULL",
            "    probe(new StringBuilder());",
            "    // BUG: Diagnostic contains: COMPUTED NONNULL",
            "    probe(s + n);",
            "    // BUG: Diagnostic contains: COMPUTED NONNULL",
            "    probe(n * 2);",
            "    // BUG: Diagnostic contains: COMPUTED NONNULL",
            "    probe(c ? \"a\" : \"b\");",
            "    // BUG: Diagnostic contains: COMPUTED NULLABLE",
            "    probe(c ? \"a\" : s);",
            "    // BUG: Diagnostic contains: TRIVIAL NONNULL",
            "    probe(String.class);",
            "    // BUG: Diagnostic contains: COMPUTED NONNULL",
            "    probe((Runnable) () -> {});",
            "  }",
            "}")
        .doTest();
  }
}
