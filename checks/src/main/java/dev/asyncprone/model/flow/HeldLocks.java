package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.ContextLocal;
import dev.asyncprone.model.support.PerUnitCache;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

/**
 * Which monitors and {@code java.util.concurrent} locks a thread holds at a point of a method: the
 * {@code synchronized} blocks and methods around it, and the locks that a forward analysis of the
 * method ({@link Flow}) finds held on every path to it: {@code lock()} and {@code
 * lockInterruptibly()} take a lock, {@code unlock()} releases the one it is called on, {@code
 * tryLock()} takes it where it returned true ({@code if (lock.tryLock())}, {@code if
 * (!lock.tryLock()) return;}), and a {@code finally} that unlocks releases it on every way out of
 * its try. Locks are named by the symbols of the expressions that denote them ({@link LockRef}), so
 * assigning the variable that names a held lock does not release it. A lambda starts with no lock
 * held (it runs later, or on another thread); a lock taken in one method and released in another is
 * not followed.
 */
public final class HeldLocks {
  private static final ContextLocal<PerUnitCache<Tree, Flow<LockFacts>>> FLOWS =
      new ContextLocal<>();
  private static final PerUnitCache<Tree, Boolean> NAMES_A_LOCK_CALL = new PerUnitCache<>();

  /** How a lock is held. */
  public enum Kind {
    /** A {@code synchronized} block or method. */
    MONITOR,
    /** A {@code java.util.concurrent.locks.Lock} between {@code lock()} and {@code unlock()}. */
    LOCK
  }

  /**
   * A lock held at a point: its name as the code says it, how it is held, and the tree that took it
   * (the {@code synchronized} statement or method, the {@code lock()} or {@code tryLock()}).
   */
  public record Held(String name, Kind kind, Tree takenBy) {
    /** "the monitor of 'this'", "'lock'": for messages. */
    public String describe() {
      return kind == Kind.MONITOR ? "the monitor of '" + name + "'" : "'" + name + "'";
    }
  }

  private HeldLocks() {}

  /** The locks held at {@code path}, outermost (first taken) first; empty if none. */
  public static List<Held> at(TreePath path, VisitorState state) {
    List<Held> held = new ArrayList<>(monitorsAround(path, state));
    LockFacts facts =
        mayHoldALock(path, state)
            ? Flow.before(path, FLOWS.get(state, PerUnitCache::new), new Analysis(state), state)
            : null;
    if (facts != null) {
      held.addAll(facts.held().values());
    }
    if (held.size() > 1) {
      held.sort(Comparator.comparingInt(h -> ASTHelpers.getStartPosition(h.takenBy())));
    }
    return held;
  }

  /**
   * False where no {@code Lock} can be held at {@code path}, which spares building a graph: the
   * innermost method or lambda around it calls no method named as one that takes a lock, and a
   * lambda is not handed to a helper that runs it under one. A lambda starts with no lock of the
   * code around it held (the analysis's {@code lambdaEntry}), so only its own calls and its helper
   * count.
   */
  private static boolean mayHoldALock(TreePath path, VisitorState state) {
    // A lambda itself is where it is created, in the code around it.
    TreePath from = path.getLeaf() instanceof LambdaExpressionTree ? path.getParentPath() : path;
    for (TreePath p = from; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree lambda) {
        TreePath handedTo = Trees.callTakingAsArgument(p);
        return (handedTo != null
                && !LockingHelpers.heldByCaller(handedTo.getLeaf(), lambda, state).isEmpty())
            || callsALockMethod(lambda.getBody(), state);
      }
      if (leaf instanceof MethodTree method) {
        return callsALockMethod(method, state);
      }
    }
    return true;
  }

  private static boolean callsALockMethod(Tree code, VisitorState state) {
    return NAMES_A_LOCK_CALL.get(
        code,
        state,
        c -> Trees.anyCall(c, call -> Jdk.LOCK_TAKING.contains(Trees.methodName(call))));
  }

  /** True for a call of {@code lock()}, {@code unlock()} or their kin on a {@code Lock}. */
  public static boolean isLockMethod(Tree tree, String name, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(tree);
    return symbol instanceof MethodSymbol
        && Symbols.name(symbol, state).equals(name)
        && AsyncTypes.isOwnedBy(symbol, Jdk.LOCK, state);
  }

  /** The name of the lock {@code invocation} (a {@code Lock} method call) is called on. */
  public static String lockName(ExpressionTree invocation, VisitorState state) {
    return name(ASTHelpers.getReceiver(invocation), state);
  }

  /** A lock's or monitor's name as the code says it: {@code lock} for {@code this.lock}. */
  public static String name(@Nullable ExpressionTree expression, VisitorState state) {
    if (expression == null) {
      return "this";
    }
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    if (e instanceof IdentifierTree id) {
      return id.getName().toString();
    }
    String source = state.getSourceForNode(e);
    if (source == null) {
      Symbol symbol = ASTHelpers.getSymbol(e);
      return symbol == null ? e.toString() : Symbols.name(symbol, state);
    }
    String name = source.replaceAll("\\s+", "");
    return name.startsWith("this.") ? name.substring("this.".length()) : name;
  }

  /**
   * The name of the monitor {@code expression} (a {@code synchronized} expression or the receiver
   * of {@code wait()}) as {@link #name} gives it, except that {@code Outer.this} is {@code this}
   * where {@code Outer} is the innermost class around {@code at} (as in a lambda of {@code Outer}):
   * the same object whose monitor a {@code synchronized} method of {@code Outer} takes.
   */
  public static String monitorName(
      @Nullable ExpressionTree expression, TreePath at, VisitorState state) {
    ExpressionTree e = expression == null ? null : ASTHelpers.stripParentheses(expression);
    if (e instanceof MemberSelectTree select && select.getIdentifier().contentEquals("this")) {
      Symbol qualifier = ASTHelpers.getSymbol(select.getExpression());
      ClassTree innermost = ASTHelpers.findEnclosingNode(at, ClassTree.class);
      if (innermost != null && qualifier != null && qualifier == ASTHelpers.getSymbol(innermost)) {
        return "this";
      }
    }
    return name(expression, state);
  }

  /**
   * The monitors of the {@code synchronized} blocks (and method) around {@code path}, up to the
   * lambda or method it is in.
   */
  private static List<Held> monitorsAround(TreePath path, VisitorState state) {
    List<Held> monitors = new ArrayList<>();
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof SynchronizedTree sync && sync.getBlock() == child) {
        monitors.add(new Held(monitorName(sync.getExpression(), p, state), Kind.MONITOR, leaf));
      } else if (leaf instanceof MethodTree method) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        if (symbol != null && (symbol.flags() & Flags.SYNCHRONIZED) != 0) {
          String name = symbol.isStatic() ? symbol.owner.getSimpleName() + ".class" : "this";
          monitors.add(new Held(name, Kind.MONITOR, leaf));
        }
        break;
      } else if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        break;
      }
    }
    return monitors;
  }

  private static final class Analysis implements Flow.Analysis<LockFacts> {
    private final VisitorState state;

    Analysis(VisitorState state) {
      this.state = state;
    }

    @Override
    public LockFacts entry(TreePath code) {
      return LockFacts.NONE;
    }

    @Override
    public LockFacts lambdaEntry(LockFacts atCreation, TreePath lambda) {
      // It runs later, or elsewhere: nothing it did not take itself, unless it is handed to a
      // helper that runs it under a lock (LockingHelpers).
      TreePath handedTo = Trees.callTakingAsArgument(lambda);
      LockFacts entry = LockFacts.NONE;
      if (handedTo != null) {
        for (Held held : LockingHelpers.heldByCaller(handedTo.getLeaf(), lambda.getLeaf(), state)) {
          entry = entry.taking(LockRef.lost(held.takenBy()), held);
        }
      }
      return entry;
    }

    @Override
    public RecordingTransfer<LockFacts> transfer(
        TreePath code, LockFacts entry, Map<Node, LockFacts> recorded) {
      ClassTree type = ASTHelpers.findEnclosingNode(code, ClassTree.class);
      ClassSymbol self = type == null ? null : ASTHelpers.getSymbol(type);
      return new LockTransfer(entry, recorded, self, state);
    }
  }
}
