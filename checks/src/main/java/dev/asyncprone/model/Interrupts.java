package dev.asyncprone.model;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Interruption, Java's cancellation signal: who restores it, and where a thread's work ends. */
public final class Interrupts {
  private Interrupts() {}

  /** True for {@code Thread.currentThread().interrupt()}: the current thread re-interrupts itself. */
  public static boolean isSelfInterrupt(@Nullable Tree tree, VisitorState state) {
    if (!(tree instanceof MethodInvocationTree)) {
      return false;
    }
    MethodSymbol method = ASTHelpers.getSymbol((MethodInvocationTree) tree);
    if (method == null
        || !Symbols.name(method, state).equals("interrupt")
        || !method.getParameters().isEmpty()
        || !AsyncTypes.isOwnedBy(method, "java.lang.Thread", state)) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver((MethodInvocationTree) tree);
    if (receiver == null) {
      return false;
    }
    Symbol current = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(receiver));
    return current instanceof MethodSymbol
        && Symbols.name(current, state).equals("currentThread")
        && Symbols.qualifiedName(current.owner, state).equals("java.lang.Thread");
  }

  /**
   * True for a call that passes the caught exception (or a variable holding it) to a method that
   * declares a type variable as what it throws ({@code <E extends Throwable> void
   * throwAsUnchecked(Throwable t) throws E}, Lombok-style {@code sneakyThrow}): it rethrows the
   * same exception, unchecked.
   */
  public static boolean isSneakyRethrow(@Nullable Tree tree, java.util.Set<Symbol> carriers) {
    if (!(tree instanceof MethodInvocationTree)) {
      return false;
    }
    MethodInvocationTree call = (MethodInvocationTree) tree;
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null
        || method.getThrownTypes().stream()
            .noneMatch(t -> t.hasTag(TypeTag.TYPEVAR))) {
      return false;
    }
    return call.getArguments().stream().anyMatch(a -> Variables.readsAny(a, carriers));
  }

  /**
   * True for {@code interrupted = true}, where the method or lambda around it restores the flag
   * itself later ({@code if (interrupted) Thread.currentThread().interrupt();}, often in a {@code
   * finally}): the idiom of code that waits on uninterruptibly and reports the interrupt at the end.
   */
  public static boolean isRememberedForLater(
      @Nullable Tree tree, TreePath at, VisitorState state) {
    if (!(tree instanceof AssignmentTree)) {
      return false;
    }
    AssignmentTree assignment = (AssignmentTree) tree;
    Type type = ASTHelpers.getType(assignment.getVariable());
    if (type == null
        || type.getTag() != TypeTag.BOOLEAN
        || !Boolean.TRUE.equals(ASTHelpers.constValue(assignment.getExpression(), Boolean.class))) {
      return false;
    }
    TreePath body = at;
    while (body != null
        && !(body.getLeaf() instanceof MethodTree
            || body.getLeaf() instanceof LambdaExpressionTree
            || body.getLeaf() instanceof ClassTree)) {
      body = body.getParentPath();
    }
    if (body == null || body.getLeaf() instanceof ClassTree) {
      return false;
    }
    Boolean restores =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
            return isSelfInterrupt(invocation, state) || super.visitMethodInvocation(invocation, null);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(body.getLeaf(), null);
    return Boolean.TRUE.equals(restores);
  }

  /**
   * True if {@code body} (a method or lambda) is the top-level code of a thread or task, whose end
   * ends the work the thread was asked to do: {@code run()} of a Runnable or Thread, a lambda that
   * is a Runnable, a {@code main} method.
   */
  public static boolean isThreadTopLevel(Tree body, VisitorState state) {
    if (body instanceof LambdaExpressionTree) {
      Type type = ASTHelpers.getType(body);
      return type != null && Symbols.qualifiedName(type.tsym, state).equals("java.lang.Runnable");
    }
    if (!(body instanceof MethodTree)) {
      return false;
    }
    MethodSymbol method = ASTHelpers.getSymbol((MethodTree) body);
    if (method == null || method.getReturnType().getTag() != TypeTag.VOID) {
      return false;
    }
    String name = Symbols.name(method, state);
    if (name.equals("run") && method.getParameters().isEmpty()) {
      return AsyncTypes.isSubtypeNamed(method.owner.type, "java.lang.Runnable", state);
    }
    return name.equals("main")
        && method.isStatic()
        && method.getParameters().size() == 1
        && method.getParameters().get(0).type.getTag() == TypeTag.ARRAY;
  }

  /**
   * True if the catch at {@code catchPath} is in the top-level code of a thread or task ({@link
   * #isThreadTopLevel}) and every one of {@code exits} (ways out of the catch block) ends that
   * code: there no one is left to read an interrupt flag.
   */
  public static boolean endsThreadWork(
      TreePath catchPath, List<EveryPath.Exit> exits, VisitorState state) {
    TreePath body = catchPath;
    while (body != null
        && !(body.getLeaf() instanceof MethodTree || body.getLeaf() instanceof LambdaExpressionTree)) {
      body = body.getParentPath();
    }
    if (body == null
        || !(catchPath.getLeaf() instanceof CatchTree)
        || !isThreadTopLevel(body.getLeaf(), state)) {
      return false;
    }
    TreePath block = new TreePath(catchPath, ((CatchTree) catchPath.getLeaf()).getBlock());
    for (EveryPath.Exit exit : exits) {
      if (!EveryPath.endsBody(block, exit, body.getLeaf())) {
        return false;
      }
    }
    return true;
  }
}
