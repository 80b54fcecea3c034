package dev.asyncprone.model.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.flow.HeldLocks;
import dev.asyncprone.model.flow.HeldLocks.Held;
import dev.asyncprone.model.flow.HeldLocks.Kind;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.PerUnitCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * What locks mean beyond which are held ({@link HeldLocks}): the locks a wait releases while it
 * waits (the guarded-wait idiom), whether a lock belongs to the thread that took it, the lock a
 * {@code Condition} was made from, and the fields a lock guards, by {@code @GuardedBy} or because
 * every write of them in their class holds it.
 */
public final class Locks {

  private final PerUnitCache<ClassTree, Map<Symbol, Set<String>>> guards = new PerUnitCache<>();

  /** One for the compilation, shared by the checks that ask which fields a lock guards. */
  @Inject
  public Locks() {}

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
        && Symbols.qualifiedName(method.owner, state).equals(JdkTypes.OBJECT)) {
      String monitor = HeldLocks.monitorName(receiver, state.getPath(), state);
      kept.removeIf(h -> h.kind() == Kind.MONITOR && h.name().equals(monitor));
    } else if (AsyncTypes.isOwnedBy(method, Jdk.CONDITION, state)) {
      String lock = receiver == null ? null : conditionOwner(receiver, state.getPath(), state);
      if (lock == null) {
        return List.of();
      }
      kept.removeIf(h -> h.kind() == Kind.LOCK && h.name().equals(lock));
    }
    return kept;
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
    return AsyncTypes.isSubtypeNamed(type, Jdk.REENTRANT_LOCK, state)
        || AsyncTypes.isSubtypeNamed(type, Jdk.REENTRANT_READ_WRITE_LOCK + ".ReadLock", state)
        || AsyncTypes.isSubtypeNamed(type, Jdk.REENTRANT_READ_WRITE_LOCK + ".WriteLock", state);
  }

  /**
   * The name of the lock whose {@code newCondition()} made {@code condition}, where a field
   * initializer shows it ({@code Condition notEmpty = lock.newCondition()}); null if unknown.
   */
  public static @Nullable String conditionOwner(
      ExpressionTree condition, TreePath at, VisitorState state) {
    if (!AsyncTypes.isSubtypeNamed(ASTHelpers.getType(condition), Jdk.CONDITION, state)) {
      return null;
    }
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    ExpressionTree made =
        e instanceof MethodInvocationTree ? e : fieldInitializer(ASTHelpers.getSymbol(e), at);
    if (made instanceof MethodInvocationTree
        && Trees.methodName(made).equals("newCondition")
        && AsyncTypes.isSubtypeNamed(
            ASTHelpers.getType(ASTHelpers.getReceiver(made)), Jdk.LOCK, state)) {
      return HeldLocks.lockName(made, state);
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
        for (Held held : HeldLocks.at(getCurrentPath(), state)) {
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
