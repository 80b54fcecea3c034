package dev.asyncprone.model.javac;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import org.jspecify.annotations.Nullable;

/**
 * Where the value of an expression goes: dropped (an expression statement, or the result of a
 * lambda or method reference whose functional interface returns void), returned, stored, passed on,
 * or chained on. The same test Error Prone's {@code FutureReturnValueIgnored} makes for "result
 * discarded", with the other uses named too, because a check that leaves them alone must say so.
 */
public final class Uses {
  /** The ways a value is used. */
  public enum Kind {
    /** {@code send(x);}: an expression statement drops the value. */
    STATEMENT,
    /**
     * {@code xs.forEach(x -> send(x))}, {@code xs.forEach(this::send)}: the body of a lambda, or
     * the method of a method reference, whose functional interface returns void.
     */
    VOID_CALLBACK,
    /** {@code return send(x);}, or a lambda body whose functional interface returns a value. */
    RETURNED,
    /** {@code f = send(x);}, {@code var f = send(x);}. */
    STORED,
    /** {@code allOf(send(x), ...)}: an argument of a call or constructor. */
    PASSED,
    /** {@code send(x).thenRun(...)}: the receiver of another call. */
    CHAINED,
    /** Anything else: an operand, an array element, a switch arm... */
    OTHER;

    /** True for uses that drop the value. */
    public boolean isDiscarded() {
      return this == STATEMENT || this == VOID_CALLBACK;
    }
  }

  /**
   * How one value is used.
   *
   * @param kind the way it is used
   * @param user the tree that uses it: the statement, lambda, method reference, return, variable,
   *     assignment or call
   * @param target for RETURNED and STORED, the declared type the value goes into
   * @param handedTo for a lambda or method reference (VOID_CALLBACK, or RETURNED from a lambda),
   *     the call it is passed to, if any: {@code thenAccept}, {@code forEach}, {@code execute}
   */
  public record Use(
      Kind kind, Tree user, @Nullable Type target, @Nullable MethodInvocationTree handedTo) {
    public boolean isDiscarded() {
      return kind.isDiscarded();
    }

    /** For CHAINED, the call made on the value; null otherwise. */
    public @Nullable MethodInvocationTree chainedCall() {
      return kind == Kind.CHAINED ? (MethodInvocationTree) user : null;
    }

    /**
     * How a dropped value is dropped, to follow "that" in a message: "is dropped here", "this
     * lambda drops (it is a thenAccept callback, a Consumer, which returns void)".
     */
    public String describeDrop() {
      if (kind == Kind.STATEMENT) {
        return "is dropped here";
      }
      String what = user instanceof LambdaExpressionTree ? "lambda" : "method reference";
      String implemented = functionalInterface() + ", which returns void";
      if (handedTo == null) {
        return "this " + what + " drops (it implements " + implemented + ")";
      }
      String callback = Trees.methodName(handedTo);
      return "this "
          + what
          + " drops (it is "
          + (callback.matches("[aeiou].*") ? "an " : "a ")
          + callback
          + " callback, a "
          + implemented
          + ")";
    }

    /** For a lambda or method reference, the simple name of its functional interface. */
    public String functionalInterface() {
      Type type = ASTHelpers.getType(user);
      return type == null || type.tsym == null ? "" : type.tsym.getSimpleName().toString();
    }
  }

  private Uses() {}

  /**
   * The use of the value that the tree at {@code path} produces. For a method reference, that is
   * the value its method returns, given to whoever calls the functional interface.
   */
  public static Use of(TreePath path, VisitorState state) {
    Tree leaf = path.getLeaf();
    if (leaf instanceof MemberReferenceTree) {
      return resultOf(path, state);
    }
    TreePath child = path;
    TreePath parentPath = path.getParentPath();
    while (parentPath != null
        && (parentPath.getLeaf() instanceof ParenthesizedTree
            || parentPath.getLeaf() instanceof TypeCastTree
            || (parentPath.getLeaf() instanceof ConditionalExpressionTree
                && ((ConditionalExpressionTree) parentPath.getLeaf()).getCondition()
                    != child.getLeaf()))) {
      child = parentPath;
      parentPath = parentPath.getParentPath();
    }
    if (parentPath == null) {
      return new Use(Kind.OTHER, leaf, null, null);
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof ExpressionStatementTree) {
      return new Use(Kind.STATEMENT, parent, null, null);
    }
    if (parent instanceof LambdaExpressionTree) {
      return resultOf(parentPath, state);
    }
    if (parent instanceof ReturnTree) {
      return new Use(Kind.RETURNED, parent, returnTarget(parentPath, state), null);
    }
    if (parent instanceof VariableTree) {
      Symbol variable = ASTHelpers.getSymbol(parent);
      return new Use(Kind.STORED, parent, variable == null ? null : variable.type, null);
    }
    if (parent instanceof AssignmentTree
        && ((AssignmentTree) parent).getExpression() == child.getLeaf()) {
      return new Use(
          Kind.STORED, parent, ASTHelpers.getType(((AssignmentTree) parent).getVariable()), null);
    }
    if (parent instanceof MemberSelectTree) {
      TreePath grandparent = parentPath.getParentPath();
      if (grandparent != null
          && grandparent.getLeaf() instanceof MethodInvocationTree
          && ((MethodInvocationTree) grandparent.getLeaf()).getMethodSelect() == parent) {
        return new Use(Kind.CHAINED, grandparent.getLeaf(), null, null);
      }
      return new Use(Kind.OTHER, parent, null, null);
    }
    if ((parent instanceof MethodInvocationTree || parent instanceof NewClassTree)
        && Trees.isArgument(child.getLeaf(), parent)) {
      return new Use(Kind.PASSED, parent, null, null);
    }
    return new Use(Kind.OTHER, parent, null, null);
  }

  /**
   * The use of what the lambda or method reference at {@code functionalPath} returns: dropped if
   * its functional interface returns void, else returned to whoever calls it.
   */
  private static Use resultOf(TreePath functionalPath, VisitorState state) {
    Type returned = descriptorReturnType(functionalPath.getLeaf(), state);
    return new Use(
        returned != null && returned.hasTag(TypeTag.VOID) ? Kind.VOID_CALLBACK : Kind.RETURNED,
        functionalPath.getLeaf(),
        returned,
        handedTo(functionalPath));
  }

  /** The call that the lambda or method reference at {@code functionalPath} is an argument of. */
  public static @Nullable MethodInvocationTree handedTo(TreePath functionalPath) {
    TreePath call = Trees.callTakingAsArgument(functionalPath);
    return call != null && call.getLeaf() instanceof MethodInvocationTree
        ? (MethodInvocationTree) call.getLeaf()
        : null;
  }

  /**
   * The return type of the method a lambda or method reference implements (void for a Runnable or
   * Consumer), or null if it cannot be told.
   */
  public static @Nullable Type descriptorReturnType(Tree functional, VisitorState state) {
    Type type = ASTHelpers.getType(functional);
    if (type == null) {
      return null;
    }
    try {
      Type descriptor = state.getTypes().findDescriptorType(type);
      return descriptor == null ? null : descriptor.getReturnType();
    } catch (RuntimeException notFunctional) {
      return null;
    }
  }

  /** The declared return type of the method or lambda that a return statement leaves. */
  private static @Nullable Type returnTarget(TreePath returnPath, VisitorState state) {
    for (TreePath p = returnPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree) {
        return descriptorReturnType(leaf, state);
      }
      if (leaf instanceof MethodTree) {
        MethodSymbol method = ASTHelpers.getSymbol((MethodTree) leaf);
        return method == null ? null : method.getReturnType();
      }
      if (leaf instanceof com.sun.source.tree.ClassTree) {
        return null;
      }
    }
    return null;
  }
}
