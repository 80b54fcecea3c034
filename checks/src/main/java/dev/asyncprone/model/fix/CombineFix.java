package dev.asyncprone.model.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code thenCombine} for a {@code join()} inside a {@code thenApply} callback whose future does
 * not depend on the callback's value: {@code price.thenApply(p -> p.cents() * stock.join())}
 * becomes {@code price.thenCombine(stock, (p, s) -> p.cents() * s)}. The stage then waits for both
 * futures instead of blocking the thread that completes the first.
 *
 * <p>The fix is offered only where the rewrite keeps behaviour: the future is a local variable or
 * parameter that is never reassigned (so evaluating it when {@code thenCombine} is called gives the
 * same future as evaluating it in the callback; a call such as {@code stock(sku)} would start its
 * work before the first stage completes, and even if it fails), the callback is an expression
 * lambda with one implicitly typed parameter, and the join runs every time the callback runs (not
 * under {@code ?:}, {@code &&}, {@code ||}, a switch, or a nested lambda or class).
 */
public final class CombineFix {
  private CombineFix() {}

  /**
   * True if {@code future} reads nothing the lambda declares (its parameters and locals), so that
   * the future could be made before the stage completes: {@code thenCombine} is the rewrite, not
   * {@code thenCompose}.
   */
  public static boolean independentOf(ExpressionTree future, LambdaExpressionTree lambda) {
    Set<Symbol> declared = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(variable);
        if (symbol != null) {
          declared.add(symbol);
        }
        return super.visitVariable(variable, unused);
      }
    }.scan(lambda, null);
    boolean[] reads = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (declared.contains(ASTHelpers.getSymbol(identifier))) {
          reads[0] = true;
        }
        return null;
      }
    }.scan(future, null);
    return !reads[0];
  }

  /**
   * True if {@code thenCombine} is the rewrite for the await at {@code await} of {@code future} in
   * {@code lambda}: the future reads nothing the lambda declares, and the await runs every time the
   * lambda runs (where it runs only sometimes, waiting for the other future always would change
   * what the stage does).
   */
  public static boolean combines(
      ExpressionTree future, LambdaExpressionTree lambda, TreePath await) {
    return independentOf(future, lambda) && runsWheneverTheLambdaRuns(await, lambda);
  }

  /**
   * The {@code thenCombine} rewrite of {@code callback} ({@code thenApply} on a CompletableFuture
   * or CompletionStage, with {@code lambda} as its function) for the await {@code awaitCall} of
   * {@code future}, or null where it would not keep behaviour (see the class comment).
   */
  public static @Nullable SuggestedFix thenCombine(
      MethodInvocationTree callback,
      LambdaExpressionTree lambda,
      Tree awaitCall,
      ExpressionTree future,
      VisitorState state) {
    if (lambda.getParameters().size() != 1
        || lambda.getBodyKind() != LambdaExpressionTree.BodyKind.EXPRESSION
        || !combines(future, lambda, state.getPath())
        || !(future instanceof IdentifierTree)
        || !isLocalNeverReassigned(ASTHelpers.getSymbol(future))) {
      return null;
    }
    VariableTree parameter = lambda.getParameters().get(0);
    int start = ASTHelpers.getStartPosition(parameter);
    int end = state.getEndPosition(parameter);
    String source = state.getSourceCode().toString();
    if (start < 0
        || end < 0
        || !source.substring(start, end).equals(parameter.getName().toString())) {
      return null; // an explicitly typed parameter: (Price p) would need the other one's type too
    }
    String before = source.substring(0, start).stripTrailing();
    String futureName = state.getSourceForNode(future);
    String value = FixSources.freshName(futureName + "Value", state);
    String parameters = parameter.getName() + ", " + value;
    SuggestedFix.Builder fix =
        SuggestedFix.builder()
            .merge(SuggestedFixes.renameMethodInvocation(callback, "thenCombine", state))
            .replace(awaitCall, value);
    if (before.endsWith("(") && source.substring(end).stripLeading().startsWith(")")) {
      int open = before.length() - 1; // (p) -> ...: the other future goes before the parenthesis
      fix.replace(open, open, futureName + ", ").replace(parameter, parameters);
    } else {
      fix.replace(parameter, futureName + ", (" + parameters + ")");
    }
    return fix.build();
  }

  private static boolean isLocalNeverReassigned(@Nullable Symbol symbol) {
    return symbol != null
        && symbol.getKind() != null
        && (symbol.getKind() == javax.lang.model.element.ElementKind.LOCAL_VARIABLE
            || symbol.getKind() == javax.lang.model.element.ElementKind.PARAMETER)
        && ASTHelpers.isConsideredFinal(symbol);
  }

  /** True if nothing between the await and the lambda makes the await conditional or deferred. */
  private static boolean runsWheneverTheLambdaRuns(TreePath await, LambdaExpressionTree lambda) {
    Tree child = await.getLeaf();
    for (TreePath p = await.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf == lambda) {
        return true;
      }
      if (leaf instanceof ConditionalExpressionTree conditional
          && conditional.getCondition() != child) {
        return false;
      }
      if (leaf instanceof BinaryTree binary
          && (leaf.getKind() == Tree.Kind.CONDITIONAL_AND
              || leaf.getKind() == Tree.Kind.CONDITIONAL_OR)
          && binary.getLeftOperand() != child) {
        return false;
      }
      if (leaf instanceof SwitchExpressionTree switchExpression
          && switchExpression.getExpression() != child) {
        return false;
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
      child = leaf;
    }
    return false;
  }
}
