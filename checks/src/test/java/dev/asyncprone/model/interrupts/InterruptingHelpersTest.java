package dev.asyncprone.model.interrupts;

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
public class InterruptingHelpersTest {
  /** Flags every call that {@link Interrupts#isInterruptingHelper} accepts. */
  @BugPattern(summary = "interrupting helper", severity = WARNING)
  public static final class Probe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return Interrupts.isInterruptingHelper(tree, state)
          ? buildDescription(tree).setMessage("helper").build()
          : Description.NO_MATCH;
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void helpersThatAlwaysReinterrupt() {
    helper
        .addSourceLines(
            "Uses.java",
            "class Uses {",
            "  private void restore() {",
            "    Thread t = Thread.currentThread();",
            "    Thread.currentThread().interrupt();",
            "  }",
            "  final void finalRestore() { Thread.currentThread().interrupt(); }",
            "  void overridable() { Thread.currentThread().interrupt(); }",
            "  static void restoreIf(boolean b) { if (b) Thread.currentThread().interrupt(); }",
            "  static void guarded() {",
            "    if (Boolean.getBoolean(\"x\")) return;",
            "    Thread.currentThread().interrupt();",
            "  }",
            "  static boolean returnsFlag() { Thread.currentThread().interrupt(); return true; }",
            "  static void other(Thread t) { t.interrupt(); }",
            "  void uses(Thread t) {",
            "    // BUG: Diagnostic contains: helper",
            "    restore();",
            "    // BUG: Diagnostic contains: helper",
            "    finalRestore();",
            "    // BUG: Diagnostic contains: helper",
            "    Platform.interruptCurrentThread();",
            "    overridable();",
            "    restoreIf(true);",
            "    guarded();",
            "    returnsFlag();",
            "    other(t);",
            "    Thread.currentThread().interrupt();",
            "    Thread.yield();",
            "  }",
            "}")
        .addSourceLines(
            "Platform.java",
            "final class Platform {",
            "  static void interruptCurrentThread() {",
            "    Thread.currentThread().interrupt();",
            "  }",
            "}")
        .doTest();
  }
}
