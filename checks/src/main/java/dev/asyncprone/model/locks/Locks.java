package dev.asyncprone.model.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.PerUnitCache;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Which monitors and {@code java.util.concurrent} locks a thread holds at a point of a method: the
 * {@code synchronized} blocks and methods around it, and the {@code lock()} calls before it in the
 * same method that no {@code unlock()} (nor a {@code finally} that unlocks) has undone, as in
 * {@code lock.lock(); try { ... } finally { lock.unlock(); }} and {@code if (lock.tryLock()) { ...
 * }}.
 *
 * <p>A point's locks are found by walking its own path outwards to the enclosing method, lambda or
 * class; what the statements of a block do to locks is computed once per block and kept for the
 * compilation unit (a {@link PerUnitCache}), so the cost stays linear in the size of the code.
 * Locks are named as the code names them ({@code lock}, {@code this}, {@code rw.writeLock()}); a
 * lock taken in one method and released in another is not followed.
 */
public final class Locks {
  private static final String LOCK = "java.util.concurrent.locks.Lock";
  private static final String CONDITION = "java.util.concurrent.locks.Condition";
  private static final String REENTRANT_LOCK = "java.util.concurrent.locks.ReentrantLock";
  private static final String REENTRANT_READ_WRITE_LOCK =
      "java.util.concurrent.locks.ReentrantReadWriteLock";

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

  /** What the statements before each statement of a block did to locks, relative to the block. */
  private record Delta(Map<String, Held> taken, Set<String> released) {
    static final Delta NONE = new Delta(Map.of(), Set.of());
  }

  private final PerUnitCache<BlockTree, Map<Tree, Delta>> blocks = new PerUnitCache<>();
  private final PerUnitCache<ClassTree, Map<Symbol, Set<String>>> guards = new PerUnitCache<>();

  /** The locks held at {@code path}, outermost first; empty outside any locked region. */
  public List<Held> heldAt(TreePath path, VisitorState state) {
    List<Delta> levels = new ArrayList<>();
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof BlockTree) {
        Delta delta = deltas((BlockTree) leaf, state).get(child);
        if (delta != null) {
          levels.add(delta);
        }
      } else if (leaf instanceof SynchronizedTree
          && ((SynchronizedTree) leaf).getBlock() == child) {
        levels.add(
            taking(
                monitorName(((SynchronizedTree) leaf).getExpression(), p, state),
                Kind.MONITOR,
                leaf));
      } else if (leaf instanceof IfTree) {
        IfTree ifTree = (IfTree) leaf;
        boolean negated = isNegated(ifTree.getCondition());
        ExpressionTree tryLock = tryLockIn(ifTree.getCondition(), state);
        if (tryLock != null
            && child == (negated ? ifTree.getElseStatement() : ifTree.getThenStatement())) {
          levels.add(taking(lockName(tryLock, state), Kind.LOCK, tryLock));
        }
      } else if (leaf instanceof MethodTree) {
        MethodSymbol method = ASTHelpers.getSymbol((MethodTree) leaf);
        if (method != null && (method.flags() & Flags.SYNCHRONIZED) != 0) {
          String name = method.isStatic() ? method.owner.getSimpleName() + ".class" : "this";
          levels.add(taking(name, Kind.MONITOR, leaf));
        }
        break;
      } else if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        break;
      }
    }
    Map<String, Held> held = new LinkedHashMap<>();
    for (int i = levels.size() - 1; i >= 0; i--) {
      Delta delta = levels.get(i);
      held.keySet().removeAll(delta.released());
      held.putAll(delta.taken());
    }
    return List.copyOf(held.values());
  }

  /**
   * Of the locks {@code held} around a blocking call, those it keeps holding while it waits: all
   * but the monitor a {@code wait()} is called on and the lock whose Condition an {@code await()}
   * is called on, which the wait releases (the guarded-wait idiom). Empty for an {@code await()} on
   * a Condition whose lock is unknown, which may well be one of them.
   */
  public static List<Held> heldWhileWaiting(Tree call, List<Held> held, VisitorState state) {
    Symbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return held;
    }
    ExpressionTree receiver =
        call instanceof MethodInvocationTree ? ASTHelpers.getReceiver((ExpressionTree) call) : null;
    List<Held> kept = new ArrayList<>(held);
    if (Symbols.name(method, state).equals("wait")
        && Symbols.qualifiedName(method.owner, state).equals("java.lang.Object")) {
      String monitor = monitorName(receiver, state.getPath(), state);
      kept.removeIf(h -> h.kind() == Kind.MONITOR && h.name().equals(monitor));
    } else if (AsyncTypes.isOwnedBy(method, CONDITION, state)) {
      String lock = receiver == null ? null : conditionOwner(receiver, state.getPath(), state);
      if (lock == null) {
        return List.of();
      }
      kept.removeIf(h -> h.kind() == Kind.LOCK && h.name().equals(lock));
    }
    return kept;
  }

  /** True for a call of {@code lock()}, {@code unlock()} or their kin on a {@code Lock}. */
  public static boolean isLockMethod(Tree tree, String name, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(tree);
    return symbol instanceof MethodSymbol
        && Symbols.name(symbol, state).equals(name)
        && AsyncTypes.isOwnedBy(symbol, LOCK, state);
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
    if (e instanceof IdentifierTree) {
      return ((IdentifierTree) e).getName().toString();
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
    if (e instanceof MemberSelectTree
        && ((MemberSelectTree) e).getIdentifier().contentEquals("this")) {
      Symbol qualifier = ASTHelpers.getSymbol(((MemberSelectTree) e).getExpression());
      for (TreePath p = at; p != null; p = p.getParentPath()) {
        if (p.getLeaf() instanceof ClassTree) {
          if (qualifier != null && qualifier == ASTHelpers.getSymbol((ClassTree) p.getLeaf())) {
            return "this";
          }
          break;
        }
      }
    }
    return name(expression, state);
  }

  /**
   * True if unlocking {@code lock} from a thread that does not hold it throws
   * IllegalMonitorStateException: a ReentrantLock or a ReentrantReadWriteLock's read or write lock,
   * by static type or by the initializer of the field it is.
   */
  public static boolean isOwnedByThread(ExpressionTree lock, TreePath at, VisitorState state) {
    if (isReentrant(ASTHelpers.getType(lock), state)) {
      return true;
    }
    // private final Lock lock = new ReentrantLock(); Lock read = rw.readLock();
    ExpressionTree initializer = fieldInitializer(ASTHelpers.getSymbol(lock), at);
    return initializer != null && isReentrant(ASTHelpers.getType(initializer), state);
  }

  private static boolean isReentrant(
      com.sun.tools.javac.code.@Nullable Type type, VisitorState state) {
    return AsyncTypes.isSubtypeNamed(type, REENTRANT_LOCK, state)
        || AsyncTypes.isSubtypeNamed(type, REENTRANT_READ_WRITE_LOCK + ".ReadLock", state)
        || AsyncTypes.isSubtypeNamed(type, REENTRANT_READ_WRITE_LOCK + ".WriteLock", state);
  }

  /**
   * The name of the lock whose {@code newCondition()} made {@code condition}, where a field
   * initializer shows it ({@code Condition notEmpty = lock.newCondition()}); null if unknown.
   */
  public static @Nullable String conditionOwner(
      ExpressionTree condition, TreePath at, VisitorState state) {
    if (!AsyncTypes.isSubtypeNamed(ASTHelpers.getType(condition), CONDITION, state)) {
      return null;
    }
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    ExpressionTree made =
        e instanceof MethodInvocationTree ? e : fieldInitializer(ASTHelpers.getSymbol(e), at);
    if (made instanceof MethodInvocationTree
        && Trees.methodName(made).equals("newCondition")
        && AsyncTypes.isSubtypeNamed(
            ASTHelpers.getType(ASTHelpers.getReceiver(made)), LOCK, state)) {
      return lockName(made, state);
    }
    return null;
  }

  /**
   * The lock a {@code @GuardedBy} annotation on {@code field} names ({@code lock} for {@code
   * "this.lock"}), any annotation of that simple name; null if there is none.
   */
  public static @Nullable String guardedBy(Symbol field) {
    for (Attribute.Compound compound : field.getRawAttributes()) {
      if (compound.type.tsym.getSimpleName().contentEquals("GuardedBy")) {
        for (Map.Entry<MethodSymbol, Attribute> value : compound.getElementValues().entrySet()) {
          if (value.getKey().getSimpleName().contentEquals("value")
              && value.getValue().getValue() instanceof String) {
            String name = ((String) value.getValue().getValue()).replaceAll("\\s+", "");
            return name.startsWith("this.") ? name.substring("this.".length()) : name;
          }
        }
      }
    }
    return null;
  }

  /**
   * The locks that every write of {@code field} in its class holds, outside constructors,
   * initializers, lambdas and nested classes; empty if one such write holds none, or there is no
   * such write. Computed once per class for all its fields.
   */
  public Set<String> writtenOnlyUnder(VarSymbol field, VisitorState state) {
    TreePath classPath = state.getPath();
    while (classPath != null
        && !(classPath.getLeaf() instanceof ClassTree
            && ASTHelpers.getSymbol((ClassTree) classPath.getLeaf()) == field.owner)) {
      classPath = classPath.getParentPath();
    }
    if (classPath == null) {
      return Set.of();
    }
    TreePath found = classPath;
    Map<Symbol, Set<String>> byField =
        guards.get((ClassTree) found.getLeaf(), state, c -> scanWrites(found, state));
    return byField.getOrDefault(field, Set.of());
  }

  /**
   * The field of {@code owner} that {@code tree} (an assignment, compound assignment, or increment)
   * writes through {@code this} or its bare name; null for anything else.
   */
  public static @Nullable VarSymbol writtenField(Tree tree) {
    ExpressionTree target;
    if (tree instanceof AssignmentTree) {
      target = ((AssignmentTree) tree).getVariable();
    } else if (tree instanceof CompoundAssignmentTree) {
      target = ((CompoundAssignmentTree) tree).getVariable();
    } else if (tree instanceof UnaryTree
        && (tree.getKind() == Tree.Kind.PREFIX_INCREMENT
            || tree.getKind() == Tree.Kind.POSTFIX_INCREMENT
            || tree.getKind() == Tree.Kind.PREFIX_DECREMENT
            || tree.getKind() == Tree.Kind.POSTFIX_DECREMENT)) {
      target = ((UnaryTree) tree).getExpression();
    } else {
      return null;
    }
    target = ASTHelpers.stripParentheses(target);
    if (target instanceof MemberSelectTree) {
      ExpressionTree receiver = ((MemberSelectTree) target).getExpression();
      Symbol receiverSymbol = ASTHelpers.getSymbol(receiver);
      boolean ownObject =
          receiver instanceof IdentifierTree
              && (((IdentifierTree) receiver).getName().contentEquals("this")
                  || receiverSymbol instanceof ClassSymbol);
      if (!ownObject) {
        return null;
      }
    } else if (!(target instanceof IdentifierTree)) {
      return null;
    }
    Symbol symbol = ASTHelpers.getSymbol(target);
    return symbol instanceof VarSymbol && symbol.owner instanceof ClassSymbol
        ? (VarSymbol) symbol
        : null;
  }

  private Map<Symbol, Set<String>> scanWrites(TreePath classPath, VisitorState state) {
    Map<Symbol, Set<String>> byField = new HashMap<>();
    Set<Symbol> unguarded = new HashSet<>();
    ClassTree root = (ClassTree) classPath.getLeaf();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        if (tree != root) {
          return null;
        }
        TreePath here = getCurrentPath();
        for (Tree member : tree.getMembers()) {
          if (member instanceof MethodTree) {
            // Methods only: field initializers and initializer blocks run before others see the
            // object. scan(TreePath) forgets the current path when it returns: keep our own.
            scan(new TreePath(here, member), null);
          }
        }
        return null;
      }

      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        MethodSymbol method = ASTHelpers.getSymbol(tree);
        return method == null || method.isConstructor() ? null : super.visitMethod(tree, null);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        scan(tree.getEnclosingExpression(), null);
        scan(tree.getArguments(), null);
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        record(tree);
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
        record(tree);
        return super.visitCompoundAssignment(tree, null);
      }

      @Override
      public Void visitUnary(UnaryTree tree, Void unused) {
        record(tree);
        return super.visitUnary(tree, null);
      }

      private void record(Tree write) {
        VarSymbol field = writtenField(write);
        if (field == null
            || field.owner != ASTHelpers.getSymbol(root)
            || unguarded.contains(field)) {
          return;
        }
        Set<String> names = new HashSet<>();
        for (Held held : heldAt(getCurrentPath(), state)) {
          names.add(held.name());
        }
        Set<String> previous = byField.get(field);
        if (previous != null) {
          names.retainAll(previous);
        }
        if (names.isEmpty()) {
          unguarded.add(field);
          byField.remove(field);
        } else {
          byField.put(field, names);
        }
      }
    }.scan(classPath, null);
    return byField;
  }

  /**
   * For each statement of {@code block} after its first {@code lock()} or {@code unlock()}, what
   * the statements before it did to locks; statements missing from the map come before any. One
   * pass over the block, once per compilation unit.
   */
  private Map<Tree, Delta> deltas(BlockTree block, VisitorState state) {
    return blocks.get(block, state, b -> computeDeltas(b, state));
  }

  private static Map<Tree, Delta> computeDeltas(BlockTree block, VisitorState state) {
    Map<Tree, Delta> deltas = Map.of();
    Map<String, Held> taken = new LinkedHashMap<>();
    Set<String> released = new HashSet<>();
    Delta current = Delta.NONE;
    for (StatementTree statement : block.getStatements()) {
      if (current != Delta.NONE) {
        deltas.put(statement, current);
      }
      ExpressionTree taking = taking(statement, state);
      String releasing = taking == null ? releasing(statement, state) : null;
      if (taking != null) {
        String name = lockName(taking, state);
        released.remove(name);
        taken.put(name, new Held(name, Kind.LOCK, taking));
      } else if (releasing != null) {
        if (taken.remove(releasing) == null) {
          released.add(releasing);
        }
      } else {
        continue;
      }
      if (deltas.isEmpty()) {
        deltas = new IdentityHashMap<>();
      }
      current =
          new Delta(Collections.unmodifiableMap(new LinkedHashMap<>(taken)), Set.copyOf(released));
    }
    return deltas;
  }

  /** The {@code lock()} (or the failed-{@code tryLock()} guard) that {@code statement} is. */
  private static @Nullable ExpressionTree taking(StatementTree statement, VisitorState state) {
    ExpressionTree call = expressionOf(statement);
    if (call != null
        && (isLockMethod(call, "lock", state) || isLockMethod(call, "lockInterruptibly", state))) {
      return call;
    }
    // if (!lock.tryLock()) { return; }: past it, the lock is held.
    if (statement instanceof IfTree
        && ((IfTree) statement).getElseStatement() == null
        && isNegated(((IfTree) statement).getCondition())
        && !canCompleteNormally(((IfTree) statement).getThenStatement())) {
      return tryLockIn(((IfTree) statement).getCondition(), state);
    }
    return null;
  }

  /** The name of the lock {@code statement} releases: an {@code unlock()}, or a try that does. */
  private static @Nullable String releasing(StatementTree statement, VisitorState state) {
    ExpressionTree call = expressionOf(statement);
    if (call != null && isLockMethod(call, "unlock", state)) {
      return lockName(call, state);
    }
    if (statement instanceof TryTree && ((TryTree) statement).getFinallyBlock() != null) {
      for (StatementTree inFinally : ((TryTree) statement).getFinallyBlock().getStatements()) {
        String name = releasing(inFinally, state);
        if (name != null) {
          return name;
        }
      }
    }
    return null;
  }

  private static @Nullable ExpressionTree expressionOf(StatementTree statement) {
    return statement instanceof ExpressionStatementTree
        ? ASTHelpers.stripParentheses(((ExpressionStatementTree) statement).getExpression())
        : null;
  }

  private static boolean canCompleteNormally(StatementTree statement) {
    StatementTree last = statement;
    while (last instanceof BlockTree && !((BlockTree) last).getStatements().isEmpty()) {
      List<? extends StatementTree> statements = ((BlockTree) last).getStatements();
      last = statements.get(statements.size() - 1);
    }
    return !(last.getKind() == Tree.Kind.RETURN
        || last.getKind() == Tree.Kind.THROW
        || last.getKind() == Tree.Kind.BREAK
        || last.getKind() == Tree.Kind.CONTINUE);
  }

  private static boolean isNegated(ExpressionTree condition) {
    return ASTHelpers.stripParentheses(condition).getKind() == Tree.Kind.LOGICAL_COMPLEMENT;
  }

  /** The {@code tryLock(...)} call a condition is, or begins with ({@code tryLock() && ...}). */
  private static @Nullable ExpressionTree tryLockIn(ExpressionTree condition, VisitorState state) {
    ExpressionTree c = ASTHelpers.stripParentheses(condition);
    if (c instanceof UnaryTree && c.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      c = ASTHelpers.stripParentheses(((UnaryTree) c).getExpression());
    } else if (c.getKind() == Tree.Kind.CONDITIONAL_AND) {
      c = ASTHelpers.stripParentheses(((com.sun.source.tree.BinaryTree) c).getLeftOperand());
    }
    return isLockMethod(c, "tryLock", state) ? c : null;
  }

  private static Delta taking(String name, Kind kind, Tree takenBy) {
    return new Delta(Map.of(name, new Held(name, kind, takenBy)), Set.of());
  }

  /** The initializer of the field {@code symbol} names, found in the classes around {@code at}. */
  private static @Nullable ExpressionTree fieldInitializer(@Nullable Symbol symbol, TreePath at) {
    if (!(symbol instanceof VarSymbol) || !(symbol.owner instanceof ClassSymbol)) {
      return null;
    }
    for (TreePath p = at; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree
          && ASTHelpers.getSymbol((ClassTree) p.getLeaf()) == symbol.owner) {
        for (Tree member : ((ClassTree) p.getLeaf()).getMembers()) {
          if (member instanceof VariableTree && ASTHelpers.getSymbol(member) == symbol) {
            VariableTree variable = (VariableTree) member;
            return variable.getModifiers().getFlags().contains(Modifier.FINAL)
                ? variable.getInitializer()
                : null;
          }
        }
        return null;
      }
    }
    return null;
  }
}
