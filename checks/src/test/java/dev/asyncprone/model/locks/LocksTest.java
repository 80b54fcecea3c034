package dev.asyncprone.model.locks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.AssignmentTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.javac.Trees;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class LocksTest {
  /**
   * At each probe() call, the locks held; at each await() on a Condition, its lock; at each
   * unlock(), whether the lock is owned by a thread; at each write of a field, its guards.
   */
  @BugPattern(summary = "locks", severity = WARNING)
  public static final class HeldLocks extends BugChecker
      implements MethodInvocationTreeMatcher, AssignmentTreeMatcher {
    private final Locks locks = new Locks();

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      String name = Trees.methodName(tree);
      ExpressionTree receiver = ASTHelpers.getReceiver(tree);
      String message;
      if (name.equals("probe")) {
        message =
            "held="
                + dev.asyncprone.model.flow.HeldLocks.at(state.getPath(), state).stream()
                    .map(h -> h.kind() + ":" + h.name())
                    .collect(Collectors.joining(","));
      } else if (name.equals("await") && receiver != null) {
        message = "condition of " + Locks.conditionOwner(receiver, state.getPath(), state);
      } else if (name.equals("unlock") && receiver != null) {
        message = "owned=" + Locks.isOwnedByThread(receiver, state.getPath(), state);
      } else {
        return Description.NO_MATCH;
      }
      return buildDescription(tree).setMessage(message + ";").build();
    }

    @Override
    public Description matchAssignment(AssignmentTree tree, VisitorState state) {
      VarSymbol field = Locks.writtenField(tree);
      if (field == null) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage(
              "guards of "
                  + field.getSimpleName()
                  + "="
                  + new TreeSet<>(locks.writtenOnlyUnder(field, state))
                  + " guardedBy="
                  + Locks.guardedBy(field)
                  + ";")
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(HeldLocks.class, getClass());

  @Test
  public void monitorsAndLocksAlongTheStatementOrder() {
    helper
        .addSourceLines(
            "Probe.java",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantReadWriteLock;",
            "abstract class Probe {",
            "  abstract void probe();",
            "  abstract boolean c();",
            "  final Object m = new Object();",
            "  final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();",
            "  void idiom(Lock lock) {",
            "    // BUG: Diagnostic contains: held=;",
            "    probe();",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: held=LOCK:lock;",
            "      probe();",
            "      synchronized (m) {",
            "        // BUG: Diagnostic contains: held=LOCK:lock,MONITOR:m;",
            "        probe();",
            "      }",
            "    } catch (RuntimeException e) {",
            "      // BUG: Diagnostic contains: held=LOCK:lock;",
            "      probe();",
            "    } finally {",
            "      // BUG: Diagnostic contains: held=LOCK:lock;",
            "      probe();",
            "      // BUG: Diagnostic contains: owned=false;",
            "      lock.unlock();",
            "      // BUG: Diagnostic contains: held=;",
            "      probe();",
            "    }",
            "    // BUG: Diagnostic contains: held=;",
            "    probe();",
            "  }",
            "  synchronized void method(Lock lock) {",
            "    // BUG: Diagnostic contains: held=MONITOR:this;",
            "    probe();",
            "    Runnable r = () -> {",
            "      // BUG: Diagnostic contains: held=;",
            "      probe();",
            "    };",
            "  }",
            "  static synchronized void statics() {",
            "    // BUG: Diagnostic contains: held=MONITOR:Probe.class;",
            "    new Probe() { void probe() {} boolean c() { return true; } }.probe();",
            "  }",
            "  void tryLocks(Lock lock) throws InterruptedException {",
            "    if (lock.tryLock() && c()) {",
            "      // BUG: Diagnostic contains: held=LOCK:lock;",
            "      probe();",
            "    } else {",
            "      // BUG: Diagnostic contains: held=;",
            "      probe();",
            "    }",
            "    if (!lock.tryLock(1, java.util.concurrent.TimeUnit.SECONDS)) {",
            "      throw new IllegalStateException();",
            "    }",
            "    // BUG: Diagnostic contains: held=LOCK:lock;",
            "    probe();",
            "    this.rw.readLock().lock();",
            "    // BUG: Diagnostic contains: held=LOCK:lock,LOCK:rw.readLock();",
            "    probe();",
            "    // BUG: Diagnostic contains: owned=true;",
            "    try { c(); } finally { rw.readLock().unlock(); }",
            "    // BUG: Diagnostic contains: held=LOCK:lock;",
            "    probe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void qualifiedThisIsThisInItsOwnClass() {
    helper
        .addSourceLines(
            "Outer.java",
            "abstract class Outer {",
            "  abstract void probe();",
            "  void lambda() {",
            "    Runnable r = () -> {",
            "      synchronized (Outer.this) {",
            "        // BUG: Diagnostic contains: held=MONITOR:this;",
            "        probe();",
            "      }",
            "    };",
            "    synchronized ((Outer.this)) {",
            "      // BUG: Diagnostic contains: held=MONITOR:this;",
            "      probe();",
            "    }",
            "  }",
            "  class Inner {",
            "    void inner() {",
            "      synchronized (Outer.this) {",
            "        // BUG: Diagnostic contains: held=MONITOR:Outer.this;",
            "        probe();",
            "      }",
            "      synchronized (Inner.this) {",
            "        // BUG: Diagnostic contains: held=MONITOR:this;",
            "        probe();",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void conditionsAndOwners() {
    helper
        .addSourceLines(
            "Owners.java",
            "import java.util.concurrent.locks.*;",
            "class Owners {",
            "  private final Lock lock = new ReentrantLock();",
            "  private final Lock read = new ReentrantReadWriteLock().readLock();",
            "  private final Lock stamped = new StampedLock().asWriteLock();",
            "  private final Condition ready = lock.newCondition();",
            "  private Condition assigned;",
            "  void run(Lock param, ReentrantLock typed) throws InterruptedException {",
            "    // BUG: Diagnostic contains: condition of lock;",
            "    ready.await();",
            "    // BUG: Diagnostic contains: condition of null;",
            "    assigned.await();",
            "    // BUG: Diagnostic contains: owned=true;",
            "    lock.unlock();",
            "    // BUG: Diagnostic contains: owned=true;",
            "    read.unlock();",
            "    // BUG: Diagnostic contains: owned=true;",
            "    typed.unlock();",
            "    // BUG: Diagnostic contains: owned=false;",
            "    stamped.unlock();",
            "    // BUG: Diagnostic contains: owned=false;",
            "    param.unlock();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void fieldsWrittenOnlyUnderALock() {
    helper
        .addSourceLines(
            "Account.java",
            "import com.google.errorprone.annotations.concurrent.GuardedBy;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Account {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private long balance;",
            "  private long audits;",
            "  @GuardedBy(\"this.lock\") private String owner;",
            "  Account() {",
            "    // BUG: Diagnostic contains: guards of balance=[lock] guardedBy=null;",
            "    balance = 0;",
            "  }",
            "  void deposit(long amount) {",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: guards of balance=[lock] guardedBy=null;",
            "      balance = balance + amount;",
            "      // BUG: Diagnostic contains: guards of audits=[] guardedBy=null;",
            "      audits = audits + 1;",
            "      // BUG: Diagnostic contains: guards of owner=[lock] guardedBy=lock;",
            "      this.owner = \"x\";",
            "    } finally {",
            "      // BUG: Diagnostic contains: owned=true;",
            "      lock.unlock();",
            "    }",
            "  }",
            "  synchronized void audit() {",
            "    // BUG: Diagnostic contains: guards of audits=[] guardedBy=null;",
            "    audits = 0;",
            "  }",
            "  void other(Account a) {",
            "    a.balance = 1;",
            "  }",
            "}")
        .doTest();
  }
}
