package dev.asyncprone.model.observe;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A function that wraps another function of the same interface and passes on its null: {@code resp
 * -> { Future<X> f = handler.apply(resp); if (f != null) { return f.compose(...); } else { return
 * null; } }}, where the lambda and {@code handler} are both {@code Function}s (Vert.x's redirect
 * handlers, whose null means "no redirect"). Whether that null is allowed is the wrapped function's
 * contract: a finding belongs where a null is made, not where a decorator hands it on.
 */
public final class NullRelays {
  private NullRelays() {}

  /**
   * True if the return at {@code returnPath} runs only when such a wrapped function's result is
   * null: inside {@code if (f == null)}, in the else of {@code if (f != null)}, or after {@code if
   * (f != null) { return ...; }} in the same block.
   */
  public static boolean returnsOnlyWhenWrappedIsNull(TreePath returnPath, VisitorState state) {
    Tree child = returnPath.getLeaf();
    for (TreePath p = returnPath.getParentPath();
        p != null;
        child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof IfTree branch) {
        if ((child == branch.getThenStatement()
                && testsWrapped(branch.getCondition(), true, p, state))
            || (child == branch.getElseStatement()
                && testsWrapped(branch.getCondition(), false, p, state))) {
          return true;
        }
      } else if (leaf instanceof BlockTree block) {
        for (StatementTree before : block.getStatements()) {
          if (before == child) {
            break;
          }
          // if (f != null) { return ...; } and then this return: it runs only when f is null.
          if (before instanceof IfTree guard
              && guard.getElseStatement() == null
              && !Reachability.canCompleteNormally(guard.getThenStatement())
              && testsWrapped(guard.getCondition(), false, new TreePath(p, before), state)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * True for {@code f == null} ({@code isNull}) or {@code f != null} (not {@code isNull}) at {@code
   * at}, where {@code f} is a local future that the code around {@code at} got by calling the
   * functional method it implements itself, on another function ({@link NullRelays}).
   */
  public static boolean testsWrapped(
      ExpressionTree condition, boolean isNull, TreePath at, VisitorState state) {
    ExpressionTree c = ASTHelpers.stripParentheses(condition);
    if (c.getKind() != (isNull ? Tree.Kind.EQUAL_TO : Tree.Kind.NOT_EQUAL_TO)) {
      return false;
    }
    BinaryTree test = (BinaryTree) c;
    ExpressionTree other = Trees.comparedWithNull(test);
    Symbol variable = other instanceof IdentifierTree ? ASTHelpers.getSymbol(other) : null;
    if (!(variable instanceof VarSymbol)
        || variable.getKind() != ElementKind.LOCAL_VARIABLE
        || !AsyncTypes.isFutureLike(variable.type, state)) {
      return false;
    }
    Tree body = null;
    ExpressionTree initializer = null;
    Tree child = null;
    for (TreePath p = at; p != null && body == null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof ClassTree) {
        break;
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof MethodTree) {
        body = leaf;
      }
      if (leaf instanceof BlockTree block && child != null && initializer == null) {
        for (StatementTree statement : block.getStatements()) {
          if (statement == child) {
            break;
          }
          if (statement instanceof VariableTree && ASTHelpers.getSymbol(statement) == variable) {
            initializer = ((VariableTree) statement).getInitializer();
            break;
          }
        }
      }
    }
    return body != null
        && initializer instanceof MethodInvocationTree
        && implementsCalled(body, ASTHelpers.getSymbol((MethodInvocationTree) initializer), state);
  }

  /** True if {@code body} (a lambda or method) implements the functional method {@code called}. */
  private static boolean implementsCalled(
      Tree body, @Nullable MethodSymbol called, VisitorState state) {
    if (called == null || called.isStatic() || !(called.owner instanceof Symbol.TypeSymbol)) {
      return false;
    }
    Symbol descriptor;
    try {
      descriptor = state.getTypes().findDescriptorSymbol((Symbol.TypeSymbol) called.owner);
    } catch (RuntimeException notFunctional) {
      return false;
    }
    if (descriptor != called) {
      return false;
    }
    if (body instanceof LambdaExpressionTree) {
      Type type = ASTHelpers.getType(body);
      return type != null && type.tsym == called.owner;
    }
    MethodSymbol method = ASTHelpers.getSymbol((MethodTree) body);
    return method != null && Symbols.superMethods(method, state).contains(called);
  }
}
