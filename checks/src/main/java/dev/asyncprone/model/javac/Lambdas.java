package dev.asyncprone.model.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a lambda or a method body produces: its single result, its own return statements. */
public final class Lambdas {
  private Lambdas() {}

  /**
   * The single value a lambda produces: its expression body, or the expression of the one return
   * statement of a block body. Null for anything else.
   */
  public static @Nullable ExpressionTree singleResult(LambdaExpressionTree lambda) {
    Tree body = lambda.getBody();
    if (body instanceof ExpressionTree) {
      return ASTHelpers.stripParentheses((ExpressionTree) body);
    }
    if (body instanceof BlockTree) {
      java.util.List<? extends StatementTree> statements = ((BlockTree) body).getStatements();
      if (statements.size() == 1 && statements.get(0) instanceof ReturnTree) {
        ExpressionTree result = ((ReturnTree) statements.get(0)).getExpression();
        return result == null ? null : ASTHelpers.stripParentheses(result);
      }
    }
    return null;
  }

  /** {@link #singleResult(LambdaExpressionTree)} of an argument that is a lambda, else null. */
  public static @Nullable ExpressionTree singleResult(ExpressionTree argument) {
    ExpressionTree e = ASTHelpers.stripParentheses(argument);
    return e instanceof LambdaExpressionTree ? singleResult((LambdaExpressionTree) e) : null;
  }

  /**
   * The path of the lambda whose {@linkplain #singleResult(LambdaExpressionTree) single result} is
   * the expression at {@code path}, or null: {@code x -> HERE}, {@code x -> { return HERE; }}.
   */
  public static @Nullable TreePath lambdaReturning(TreePath path) {
    TreePath p = path.getParentPath();
    while (p != null && p.getLeaf() instanceof ParenthesizedTree) {
      p = p.getParentPath();
    }
    if (p != null && p.getLeaf() instanceof ReturnTree && p.getParentPath() != null) {
      p = p.getParentPath().getParentPath();
    }
    return p != null
            && p.getLeaf() instanceof LambdaExpressionTree
            && singleResult((LambdaExpressionTree) p.getLeaf()) == path.getLeaf()
        ? p
        : null;
  }

  /** The return statements of a method body, not those of the lambdas or classes in it. */
  public static List<ReturnTree> ownReturns(BlockTree body) {
    List<ReturnTree> returns = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        returns.add(tree);
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(body, null);
    return returns;
  }

  /**
   * {@link #ownReturns} of the method body at {@code body} (a path from a method, or from {@link
   * Trees#detachedPath} of one), as paths, for questions about what comes before each return.
   */
  public static List<TreePath> ownReturnPaths(TreePath body) {
    List<TreePath> paths = new ArrayList<>();
    if (body.getLeaf() instanceof BlockTree block) {
      for (ReturnTree returned : ownReturns(block)) {
        TreePath path = TreePath.getPath(body, returned);
        if (path != null) {
          paths.add(path);
        }
      }
    }
    return paths;
  }
}
