package dev.asyncprone.model.observe;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class StoredResultsTest {
  /** Reports every call of a method that stores what it returns. */
  @BugPattern(summary = "Reports StoredResults", severity = WARNING)
  public static final class StoredProbe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      MethodSymbol method = ASTHelpers.getSymbol(tree);
      return method != null && StoredResults.storesWhatItReturns(method, state)
          ? describeMatch(tree)
          : Description.NO_MATCH;
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(StoredProbe.class, getClass());

  @Test
  public void methodsThatKeepWhatTheyReturn() {
    helper
        .addSourceLines(
            "Holder.java",
            "import java.util.*;",
            "abstract class Holder {",
            "  Object current;",
            "  static Object shared;",
            "  Object stored(boolean b) {",
            "    if (b) return null;",
            "    Object o = new Object();",
            "    current = o;",
            "    return o;",
            "  }",
            "  Object assigned() { return this.current = new Object(); }",
            "  Object staticField() { Object o = new Object(); shared = o; return (o); }",
            "  Object fresh() { return new Object(); }",
            "  Object getter() { return current; }",
            "  Object onlyNull() { return null; }",
            "  Object other() { Object o = new Object(); current = o; return new Object(); }",
            "  Object inLambda() {",
            "    Object o = new Object();",
            "    Runnable r = () -> { current = o; };",
            "    return o;",
            "  }",
            "  Object local() { Object o = new Object(); Object p = o; return o; }",
            "  abstract Object abstractOne();",
            "  void use(List<Object> list) {",
            "    // BUG: Diagnostic contains: StoredResults",
            "    stored(true);",
            "    // BUG: Diagnostic contains: StoredResults",
            "    assigned();",
            "    // BUG: Diagnostic contains: StoredResults",
            "    staticField();",
            "    fresh();",
            "    // A field: the object's own value, held for whoever asks.",
            "    // BUG: Diagnostic contains: StoredResults",
            "    getter();",
            "    onlyNull();",
            "    other();",
            "    inLambda();",
            "    local();",
            "    abstractOne();",
            "    list.get(0);",
            "  }",
            "}")
        .doTest();
  }
}
