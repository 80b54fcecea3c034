package dev.asyncprone.model.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Which variables a tree reads and writes, as far as the source shows: the questions behind "does
 * this later call use an earlier result" and "did anything in between change what it reads". A
 * variable changed inside a called method is not seen; callers that need more caution say so.
 */
public final class Variables {
  private Variables() {}

  /**
   * Every variable (local, parameter or field) that {@code tree} reads, in lambdas and anonymous
   * classes inside it too: {@code a}, {@code b} and {@code f} for {@code a.f + g(b)}. The target of
   * a plain assignment is not a read; that of a compound assignment or an increment is.
   */
  public static Set<Symbol> reads(@Nullable Tree tree) {
    Set<Symbol> reads = new HashSet<>();
    if (tree == null) {
      return reads;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(node);
        if (symbol instanceof VarSymbol) {
          reads.add(symbol);
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(node);
        if (symbol instanceof VarSymbol) {
          reads.add(symbol);
        }
        return super.visitMemberSelect(node, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        ExpressionTree target = ASTHelpers.stripParentheses(node.getVariable());
        if (!(target instanceof IdentifierTree)) {
          scan(target, null);
        }
        return scan(node.getExpression(), null);
      }
    }.scan(tree, null);
    return reads;
  }

  /**
   * How many times {@code tree} names each variable, reading or writing it ({@code f}, {@code
   * this.f}, {@code o.f}), or declares it with a first value.
   */
  public static Map<Symbol, Integer> mentions(Tree tree) {
    Map<Symbol, Integer> counts = new HashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (variable.getInitializer() != null) {
          count(ASTHelpers.getSymbol(variable));
        }
        return super.visitVariable(variable, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        count(ASTHelpers.getSymbol(identifier));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        count(ASTHelpers.getSymbol(select));
        return super.visitMemberSelect(select, null);
      }

      private void count(@Nullable Symbol symbol) {
        if (symbol instanceof VarSymbol) {
          counts.merge(symbol, 1, Integer::sum);
        }
      }
    }.scan(tree, null);
    return counts;
  }

  /** True if {@code tree} reads one of {@code variables}. */
  public static boolean readsAny(@Nullable Tree tree, Set<? extends Symbol> variables) {
    return !variables.isEmpty() && !Collections.disjoint(variables, reads(tree));
  }

  /**
   * Every variable {@code tree} declares or changes: declared, assigned, compound-assigned,
   * incremented or decremented. For a target such as {@code a[i]} or {@code o.f} the variables it
   * is reached through count too ({@code a}; {@code o} and {@code f}): their state changed. Lambdas
   * and anonymous classes inside count as well, since they may run at once.
   */
  public static Set<Symbol> writes(@Nullable Tree tree) {
    Set<Symbol> writes = new HashSet<>();
    if (tree == null) {
      return writes;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(node);
        if (symbol != null) {
          writes.add(symbol);
        }
        return super.visitVariable(node, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        addTargets(node.getVariable(), writes);
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        addTargets(node.getVariable(), writes);
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        if (isIncrementOrDecrement(node)) {
          addTargets(node.getExpression(), writes);
        }
        return super.visitUnary(node, unused);
      }
    }.scan(tree, null);
    return writes;
  }

  /**
   * True if {@code tree} changes a variable in place: an assignment, compound assignment, increment
   * or decrement anywhere inside (declarations do not count).
   */
  public static boolean assigns(@Nullable Tree tree) {
    if (tree == null) {
      return false;
    }
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitAssignment(AssignmentTree node, Void unused) {
            return true;
          }

          @Override
          public Boolean visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
            return true;
          }

          @Override
          public Boolean visitUnary(UnaryTree node, Void unused) {
            return isIncrementOrDecrement(node)
                || Boolean.TRUE.equals(super.visitUnary(node, unused));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * The variables an assignment target changes: {@code x} for {@code x}; {@code f} and {@code o}
   * for {@code o.f}; {@code a} for {@code a[i]}; {@code holder} for {@code holder.get().f}.
   */
  public static Set<Symbol> targets(ExpressionTree target) {
    Set<Symbol> targets = new HashSet<>();
    addTargets(target, targets);
    return targets;
  }

  private static void addTargets(ExpressionTree target, Set<Symbol> out) {
    for (ExpressionTree e = target; e != null; ) {
      e = ASTHelpers.stripParentheses(e);
      if (e instanceof IdentifierTree || e instanceof MemberSelectTree) {
        Symbol symbol = ASTHelpers.getSymbol(e);
        if (symbol instanceof VarSymbol) {
          out.add(symbol);
        }
        e = e instanceof MemberSelectTree ? ((MemberSelectTree) e).getExpression() : null;
      } else if (e instanceof ArrayAccessTree) {
        e = ((ArrayAccessTree) e).getExpression();
      } else if (e instanceof MethodInvocationTree) {
        e = Trees.receiver(e);
      } else {
        e = null;
      }
    }
  }

  /**
   * True if {@code variable} is declared under {@code scope} (unless {@code initializer} is null: a
   * parameter, declared elsewhere), with an initializer {@code initializer} accepts, and every
   * reference to it under {@code scope} ({@code x}, {@code this.x}) passes {@code use}, given the
   * reference's path: a question about all that the code which can see a variable does with it.
   */
  public static boolean everyUse(
      Symbol variable,
      TreePath scope,
      @Nullable Predicate<@Nullable ExpressionTree> initializer,
      Predicate<TreePath> use) {
    boolean[] declared = {initializer == null};
    boolean[] every = {true};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (initializer != null && ASTHelpers.getSymbol(tree) == variable) {
          declared[0] = true;
          every[0] &= initializer.test(tree.getInitializer());
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        check(tree);
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        check(tree);
        return super.visitMemberSelect(tree, null);
      }

      private void check(ExpressionTree reference) {
        if (every[0]
            && ASTHelpers.getSymbol(reference) == variable
            && !use.test(getCurrentPath())) {
          every[0] = false;
        }
      }
    }.scan(scope, null);
    return declared[0] && every[0];
  }

  /** True for a local variable or parameter (of a method, lambda, catch or pattern). */
  public static boolean isLocal(@Nullable Symbol symbol) {
    if (!(symbol instanceof VarSymbol)) {
      return false;
    }
    ElementKind kind = symbol.getKind();
    return kind == ElementKind.LOCAL_VARIABLE
        || kind == ElementKind.PARAMETER
        || kind == ElementKind.EXCEPTION_PARAMETER
        || kind == ElementKind.RESOURCE_VARIABLE
        || kind == ElementKind.BINDING_VARIABLE;
  }

  private static boolean isIncrementOrDecrement(UnaryTree node) {
    switch (node.getKind()) {
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT:
        return true;
      default:
        return false;
    }
  }
}
