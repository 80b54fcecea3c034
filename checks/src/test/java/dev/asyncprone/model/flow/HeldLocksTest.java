package dev.asyncprone.model.flow;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import dev.asyncprone.model.javac.Trees;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The forward analysis of held locks: a lock is named by the symbols of the expression that denotes
 * it, not by its text, so assigning the variable that names a held lock does not release it; a lock
 * counts as held where it is held on every path.
 */
@RunWith(JUnit4.class)
public class HeldLocksTest {
  /** At each probe() call: the locks held there, by the tree that took them. */
  @BugPattern(summary = "held locks", severity = WARNING)
  public static final class Probe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!Trees.methodName(tree).equals("probe")) {
        return Description.NO_MATCH;
      }
      String held =
          HeldLocks.at(state.getPath(), state).stream()
              .map(h -> h.kind() + ":" + state.getSourceForNode(h.takenBy()).split("\n")[0])
              .collect(Collectors.joining(","));
      return buildDescription(tree).setMessage("held=" + held + ";").build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void assigningTheVariableThatNamesAHeldLockDoesNotReleaseIt() {
    helper
        .addSourceLines(
            "Renamed.java",
            "import java.util.concurrent.locks.Lock;",
            "abstract class Renamed {",
            "  abstract void probe();",
            "  abstract Lock next();",
            "  void straight(Lock a, Lock b) {",
            "    Lock lock = a;",
            "    lock.lock();",
            "    lock = b;",
            "    lock.unlock();",
            "    // BUG: Diagnostic contains: held=LOCK:lock.lock();",
            "    probe();",
            "  }",
            "  void onBothBranches(Lock a, Lock b, Lock c, boolean which) {",
            "    Lock lock = a;",
            "    lock.lock();",
            "    if (which) {",
            "      lock = b;",
            "    } else {",
            "      lock = c;",
            "    }",
            "    lock.unlock();",
            "    // BUG: Diagnostic contains: held=LOCK:lock.lock();",
            "    probe();",
            "  }",
            "  void inALoopThatRuns(Lock a, int n) {",
            "    Lock lock = a;",
            "    lock.lock();",
            "    do {",
            "      lock = next();",
            "    } while (--n > 0);",
            "    lock.unlock();",
            "    // BUG: Diagnostic contains: held=LOCK:lock.lock();",
            "    probe();",
            "  }",
            "  void onOnePathOnly(Lock a, Lock b, boolean which) {",
            "    Lock lock = a;",
            "    lock.lock();",
            "    if (which) {",
            "      lock = b;",
            "    }",
            "    lock.unlock();",
            "    // held on one path only: not reported (as a lock taken and released under the",
            "    // same condition would not be)",
            "    // BUG: Diagnostic contains: held=;",
            "    probe();",
            "  }",
            "  void notAssigned(Lock a) {",
            "    Lock lock = a;",
            "    lock.lock();",
            "    lock.unlock();",
            "    // BUG: Diagnostic contains: held=;",
            "    probe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void oneLockUnderItsManyNames() {
    helper
        .addSourceLines(
            "Names.java",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "abstract class Names {",
            "  abstract void probe();",
            "  private final Lock lock = new ReentrantLock();",
            "  private final Lock other = new ReentrantLock();",
            "  void alias() {",
            "    Lock l = this.lock;",
            "    l.lock();",
            "    // BUG: Diagnostic contains: held=LOCK:l.lock();",
            "    probe();",
            "    lock.unlock();",
            "    // BUG: Diagnostic contains: held=;",
            "    probe();",
            "  }",
            "  void anotherLockOfTheSameText(Names that) {",
            "    that.lock.lock();",
            "    lock.unlock();",
            "    // that.lock is another object's lock",
            "    // BUG: Diagnostic contains: held=LOCK:that.lock.lock();",
            "    probe();",
            "  }",
            "  void perTurnOfALoop(int n) {",
            "    for (int i = 0; i < n; i++) {",
            "      lock.lock();",
            "      try {",
            "        // BUG: Diagnostic contains: held=LOCK:lock.lock();",
            "        probe();",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "      // BUG: Diagnostic contains: held=;",
            "      probe();",
            "    }",
            "  }",
            "  void twoLocks() {",
            "    lock.lock();",
            "    other.lock();",
            "    lock.unlock();",
            "    // BUG: Diagnostic contains: held=LOCK:other.lock();",
            "    probe();",
            "    other.unlock();",
            "  }",
            "  void monitorThenLock() {",
            "    synchronized (this) {",
            "      lock.lock();",
            "      // BUG: Diagnostic contains: held=MONITOR:synchronized (this)"
                + " {,LOCK:lock.lock();",
            "      probe();",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
