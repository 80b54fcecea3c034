package dev.asyncprone.model.observe;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.TypeTag;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The statements a void method ends with: its last statement, or, where that is an {@code if}, the
 * last statement of each of its branches, in turn ({@code if (cached) { refreshAsync(); } else {
 * loadAsync(); }}). A statement there is the last thing the method does on its path, so a future it
 * drops is the method's own outcome, dropped: the shape of async void.
 */
public final class VoidEnds {
  /**
   * The ends of a method's body.
   *
   * @param statements the statements that end it, in source order
   * @param openEnded true if some path through the ending {@code if}s has no statement of its own
   *     to end with: an {@code if} with no {@code else}, or an empty block
   */
  public record Ends(List<StatementTree> statements, boolean openEnded) {}

  private VoidEnds() {}

  /** The ends of {@code body}. */
  public static Ends of(BlockTree body) {
    List<StatementTree> statements = new ArrayList<>();
    boolean[] open = {false};
    collect(body, statements, open);
    return new Ends(statements, open[0]);
  }

  private static void collect(StatementTree s, List<StatementTree> out, boolean[] open) {
    if (s instanceof BlockTree block) {
      if (block.getStatements().isEmpty()) {
        open[0] = true;
        return;
      }
      StatementTree last = null;
      for (StatementTree each : block.getStatements()) {
        last = each; // javac's lists are linked: walk them
      }
      collect(last, out, open);
    } else if (s instanceof IfTree branch) {
      collect(branch.getThenStatement(), out, open);
      if (branch.getElseStatement() == null) {
        open[0] = true;
      } else {
        collect(branch.getElseStatement(), out, open);
      }
    } else {
      out.add(s);
    }
  }

  /**
   * The void method (not a constructor) that {@code statement} ends (one of its {@link #of ends}),
   * or null if the statement is anywhere else.
   */
  public static @Nullable MethodTree methodEndedBy(@Nullable TreePath statement) {
    for (TreePath p = statement; p != null && p.getParentPath() != null; p = p.getParentPath()) {
      Tree child = p.getLeaf();
      Tree parent = p.getParentPath().getLeaf();
      if (parent instanceof BlockTree block) {
        if (lastOf(block) != child) {
          return null;
        }
      } else if (parent instanceof IfTree branch) {
        if (branch.getCondition() == child) {
          return null;
        }
      } else if (parent instanceof MethodTree method) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        return method.getBody() == child
                && symbol != null
                && !symbol.isConstructor()
                && symbol.getReturnType().hasTag(TypeTag.VOID)
            ? method
            : null;
      } else {
        return null;
      }
    }
    return null;
  }

  private static @Nullable StatementTree lastOf(BlockTree block) {
    StatementTree last = null;
    for (StatementTree each : block.getStatements()) {
      last = each;
    }
    return last;
  }
}
