package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import dev.asyncprone.model.api.Operators;
import dev.asyncprone.model.javac.Lambdas;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The variables a future handed to a wait helper stands for, besides its own: a local that is never
 * reassigned and was set to another variable ({@code var selected = candidates;}, made to be
 * captured by a lambda), and the value of a callback on a map whose function returns a variable
 * ({@code allOf(candidates).thenApply(v -> candidates).whenComplete((all, e) -> join(all))}). What
 * is known done of those is known of it. Asked only for the arguments of the helpers that wait for
 * their parameter, so the walk of the method that declares a local is paid rarely.
 */
final class ArgumentAliases {
  private static final int DEPTH = 4;

  private ArgumentAliases() {}

  /** {@code roots} with the variables they stand for, at {@code state}'s path. */
  static Set<Symbol> of(Set<Symbol> roots, VisitorState state) {
    Set<Symbol> all = new HashSet<>(roots);
    Deque<Symbol> pending = new ArrayDeque<>(roots);
    for (int step = 0; !pending.isEmpty() && step < DEPTH * Math.max(1, roots.size()); step++) {
      Symbol alias = aliasOf(pending.pop(), state);
      if (alias != null && all.add(alias)) {
        pending.add(alias);
      }
    }
    return all;
  }

  private static @Nullable Symbol aliasOf(Symbol variable, VisitorState state) {
    if (!(variable instanceof Symbol.VarSymbol)
        || variable.owner == null
        || variable.owner.getKind().isClass()) {
      return null;
    }
    for (TreePath p = state.getPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree lambda
          && !lambda.getParameters().isEmpty()
          && ASTHelpers.getSymbol(lambda.getParameters().get(0)) == variable) {
        return mappedTo(p);
      }
      if (leaf instanceof MethodTree method) {
        return (variable.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0
            ? null
            : initializer(method, variable);
      }
    }
    return null;
  }

  /**
   * For the value parameter of the lambda at {@code lambdaPath}, handed to a call on a map whose
   * function returns a variable: that variable.
   */
  private static @Nullable Symbol mappedTo(TreePath lambdaPath) {
    Tree parent = lambdaPath.getParentPath().getLeaf();
    if (!(parent instanceof MethodInvocationTree callback)
        || !(ASTHelpers.getReceiver(callback) instanceof MethodInvocationTree map)) {
      return null;
    }
    ExpressionTree mapper = Operators.mapper(map);
    ExpressionTree result =
        mapper instanceof LambdaExpressionTree function ? Lambdas.singleResult(function) : null;
    return result instanceof IdentifierTree returned ? ASTHelpers.getSymbol(returned) : null;
  }

  /** The variable a local is set to where it is declared, if it is set to one. */
  private static @Nullable Symbol initializer(MethodTree method, Symbol local) {
    Symbol[] found = {null};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) == local
            && tree.getInitializer() != null
            && ASTHelpers.stripParentheses(tree.getInitializer()) instanceof IdentifierTree init) {
          found[0] = ASTHelpers.getSymbol(init);
        }
        return found[0] == null ? super.visitVariable(tree, null) : null;
      }
    }.scan(method.getBody(), null);
    return found[0];
  }
}
