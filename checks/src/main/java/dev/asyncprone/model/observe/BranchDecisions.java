package dev.asyncprone.model.observe;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import dev.asyncprone.model.javac.Uses;

/**
 * A drop that its author chose, in writing, against a branch that keeps the same call's futures:
 * {@code if (consumer.isAckReceiptEnabled()) { ids.forEach(id -> futures.add(ack(id))); return
 * waitForAll(futures); } else { ids.forEach(id -> ack(id)); return completedFuture(null); }}. The
 * other branch shows that the author knows the call returns a future worth keeping, and decided,
 * under this condition, that it is not.
 */
public final class BranchDecisions {
  private BranchDecisions() {}

  /**
   * True if the call or method reference at {@code path} (a drop) is inside one branch of an {@code
   * if} whose other branch calls the same method and keeps its future: returns, stores or passes it
   * on, or chains on it.
   */
  public static boolean keptOnTheOtherBranch(TreePath path, VisitorState state) {
    Symbol method = ASTHelpers.getSymbol(path.getLeaf());
    if (method == null) {
      return false;
    }
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof IfTree branch) {
        Tree other =
            child == branch.getThenStatement()
                ? branch.getElseStatement()
                : child == branch.getElseStatement() ? branch.getThenStatement() : null;
        if (other != null && keeps(new TreePath(p, other), method, state)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean keeps(TreePath branch, Symbol method, VisitorState state) {
    boolean[] kept = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        note(node);
        return super.visitMethodInvocation(node, unused);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree node, Void unused) {
        note(node);
        return super.visitMemberReference(node, unused);
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }

      private void note(Tree node) {
        if (!kept[0] && ASTHelpers.getSymbol(node) == method) {
          kept[0] = !Uses.of(getCurrentPath(), state).isDiscarded();
        }
      }
    }.scan(branch, null);
    return kept[0];
  }
}
