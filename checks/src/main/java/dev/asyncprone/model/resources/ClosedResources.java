package dev.asyncprone.model.resources;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The resources a {@code try} statement closes when its block ends: the variables its resource list
 * declares or names ({@code try (Channel ch = lease())}, {@code try (ch)}), and the local variables
 * its {@code finally} closes on every path ({@code ch.close()}, also under {@code if (ch != null)}
 * or inside a {@code try} that catches what close throws, or handed to a static closer such as
 * {@code closeQuietly(ch)}).
 *
 * <p>Left out: a variable the block sets to null (it hands the resource over and clears it, {@code
 * ch = null}, so that the {@code finally} does not close it); a {@code finally} that closes only
 * under another condition (a flag the block sets once a callback owns the resource); a resource
 * whose {@code close()} waits for the work started on it ({@link Libraries#closeWaits}: an {@code
 * ExecutorService}).
 */
public final class ClosedResources {
  /** How a try closes the resource. */
  public enum How {
    TRY_WITH_RESOURCES,
    FINALLY
  }

  /**
   * A resource a try closes.
   *
   * @param variable its variable
   * @param declaration its declaration in the resource list; null for {@code try (ch)} and for a
   *     {@code finally} close
   * @param tryPath the try statement
   * @param how how the try closes it
   * @param closedAt where: the try statement, or the close call in the {@code finally}
   */
  public record ClosedResource(
      VarSymbol variable,
      @Nullable VariableTree declaration,
      TreePath tryPath,
      How how,
      Tree closedAt) {

    public TryTree tryTree() {
      return (TryTree) tryPath.getLeaf();
    }

    /** The block that uses the resource; it is closed when the block ends. */
    public BlockTree block() {
      return tryTree().getBlock();
    }

    public String name() {
      return variable.getSimpleName().toString();
    }

    /** Where it is closed, in words: "when the try-with-resources block that declares it ends". */
    public String whereClosed(VisitorState state) {
      long line =
          state
              .getPath()
              .getCompilationUnit()
              .getLineMap()
              .getLineNumber(ASTHelpers.getStartPosition(closedAt));
      return how == How.TRY_WITH_RESOURCES
          ? "when the try-with-resources block on line " + line + " ends"
          : "by the finally block on line " + line;
    }
  }

  private ClosedResources() {}

  /** The resources the try at {@code tryPath} closes, in the order it declares them. */
  public static List<ClosedResource> of(TreePath tryPath, VisitorState state) {
    TryTree tryTree = (TryTree) tryPath.getLeaf();
    List<ClosedResource> resources = new ArrayList<>();
    for (Tree resource : tryTree.getResources()) {
      Symbol symbol = ASTHelpers.getSymbol(resource);
      if (symbol instanceof VarSymbol variable && Variables.isLocal(variable)) {
        VariableTree declaration = resource instanceof VariableTree v ? v : null;
        add(resources, variable, declaration, tryPath, How.TRY_WITH_RESOURCES, tryTree, state);
      }
    }
    if (tryTree.getFinallyBlock() != null) {
      List<Close> closes = new ArrayList<>();
      collectCloses(tryTree.getFinallyBlock().getStatements(), null, closes);
      for (Close close : closes) {
        VarSymbol closed = closedVariable(close.call());
        if (closed != null && (close.unlessNull() == null || close.unlessNull() == closed)) {
          add(resources, closed, null, tryPath, How.FINALLY, close.call(), state);
        }
      }
    }
    return resources;
  }

  private static void add(
      List<ClosedResource> resources,
      VarSymbol variable,
      @Nullable VariableTree declaration,
      TreePath tryPath,
      How how,
      Tree closedAt,
      VisitorState state) {
    TryTree tryTree = (TryTree) tryPath.getLeaf();
    if (Libraries.closeWaits(variable.type, state)
        || setsToNull(tryTree.getBlock(), variable)
        || resources.stream().anyMatch(r -> r.variable() == variable)) {
      return;
    }
    resources.add(new ClosedResource(variable, declaration, tryPath, how, closedAt));
  }

  /** True if {@code block} assigns {@code null} to {@code variable}: it hands the resource over. */
  private static boolean setsToNull(BlockTree block, VarSymbol variable) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitAssignment(AssignmentTree node, Void unused) {
            return (ASTHelpers.getSymbol(node.getVariable()) == variable
                    && ASTHelpers.stripParentheses(node.getExpression()).getKind()
                        == Tree.Kind.NULL_LITERAL)
                || Boolean.TRUE.equals(super.visitAssignment(node, unused));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(block, null);
    return Boolean.TRUE.equals(found);
  }

  /** A close call in a finally, and the variable it runs only if not null, if any. */
  private record Close(MethodInvocationTree call, @Nullable Symbol unlessNull) {}

  /**
   * The close calls that {@code statements} make on every path: as statements, in nested blocks, in
   * the body of a try that catches what they throw, and under a null check ({@code if (ch !=
   * null)}), which {@code unlessNull} notes: it must test the variable the call closes.
   */
  private static void collectCloses(
      List<? extends StatementTree> statements, @Nullable Symbol unlessNull, List<Close> closes) {
    for (StatementTree statement : statements) {
      if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof MethodInvocationTree call) {
        closes.add(new Close(call, unlessNull));
      } else if (statement instanceof BlockTree block) {
        collectCloses(block.getStatements(), unlessNull, closes);
      } else if (statement instanceof TryTree nested) {
        collectCloses(nested.getBlock().getStatements(), unlessNull, closes);
      } else if (unlessNull == null && statement instanceof IfTree test) {
        Symbol tested = nullChecked(test);
        if (tested != null) {
          collectCloses(List.of(test.getThenStatement()), tested, closes);
        }
      }
    }
  }

  /** The variable of {@code if (x != null) ...} with no else, or null. */
  private static @Nullable Symbol nullChecked(IfTree test) {
    if (test.getElseStatement() != null
        || !(ASTHelpers.stripParentheses(test.getCondition()) instanceof BinaryTree comparison)
        || comparison.getKind() != Tree.Kind.NOT_EQUAL_TO) {
      return null;
    }
    ExpressionTree tested = Trees.comparedWithNull(comparison);
    return tested == null ? null : ASTHelpers.getSymbol(tested);
  }

  /**
   * The local variable a call closes: {@code ch.close()}, or a static or unqualified closer given
   * it first ({@code closeQuietly(ch)}, {@code Closeables.close(ch, true)}); null for any other
   * call.
   */
  private static @Nullable VarSymbol closedVariable(MethodInvocationTree call) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || !method.getSimpleName().toString().startsWith("close")) {
      return null;
    }
    ExpressionTree closed;
    if (!method.isStatic() && call.getArguments().isEmpty()) {
      closed = Trees.receiver(call);
    } else if (method.isStatic() && !call.getArguments().isEmpty()) {
      closed = call.getArguments().get(0);
    } else {
      return null;
    }
    Symbol symbol = closed == null ? null : ASTHelpers.getSymbol(closed);
    return symbol instanceof VarSymbol variable && Variables.isLocal(variable) ? variable : null;
  }
}
