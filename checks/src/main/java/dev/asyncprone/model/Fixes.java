package dev.asyncprone.model;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.google.errorprone.util.FindIdentifiers;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Shared builders for suggested fixes. */
public final class Fixes {
  private Fixes() {}

  /** Renames the method that {@code invocation} calls, keeping receiver and arguments. */
  public static SuggestedFix renameMethod(
      MethodInvocationTree invocation, String newName, VisitorState state) {
    return SuggestedFixes.renameMethodInvocation(invocation, newName, state);
  }

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

  /**
   * The future an await waits on, with a trailing {@code toCompletableFuture()} dropped: {@code
   * g(x)} for {@code g(x).toCompletableFuture()}.
   */
  public static ExpressionTree stripToCompletableFuture(ExpressionTree future) {
    ExpressionTree e = ASTHelpers.stripParentheses(future);
    if (e instanceof MethodInvocationTree
        && Trees.methodName(e).equals("toCompletableFuture")
        && ((MethodInvocationTree) e).getArguments().isEmpty()
        && Trees.receiver(e) != null) {
      return Trees.receiver(e);
    }
    return e;
  }

  /** The source of {@link #stripToCompletableFuture}, to put in place of an await. */
  public static String awaitedSource(ExpressionTree future, VisitorState state) {
    return state.getSourceForNode(stripToCompletableFuture(future));
  }

  /**
   * An expression for the empty, already completed value of a future-like type, with the import it
   * needs: {@code CompletableFuture.completedFuture(null)}, {@code Mono.empty()}, ... Null where the
   * type has no such value (RxJava's Single) or the declared type is a subclass it would not fit.
   */
  public static @Nullable String emptyValue(
      Type declared, SuggestedFix.Builder fix, VisitorState state) {
    AsyncKind kind = AsyncTypes.kindOf(declared, state);
    if (kind == null
        || declared.tsym == null
        || !declared.tsym.getQualifiedName().contentEquals(kind.className())) {
      return null;
    }
    switch (kind) {
      case COMPLETABLE_FUTURE:
      case COMPLETION_STAGE:
      case FUTURE:
        return qualify(fix, state, AsyncKind.COMPLETABLE_FUTURE.className()) + ".completedFuture(null)";
      case LISTENABLE_FUTURE:
        return qualify(fix, state, "com.google.common.util.concurrent.Futures") + ".immediateFuture(null)";
      case MONO:
      case FLUX:
      case RX_MAYBE:
      case RX_OBSERVABLE:
      case RX_FLOWABLE:
        return qualify(fix, state, kind.className()) + ".empty()";
      case RX_COMPLETABLE:
        return qualify(fix, state, kind.className()) + ".complete()";
      case UNI:
        return qualify(fix, state, kind.className()) + ".createFrom().nullItem()";
      case MULTI:
        return qualify(fix, state, kind.className()) + ".createFrom().empty()";
      case VERTX_FUTURE:
        return qualify(fix, state, kind.className()) + ".succeededFuture()";
      default:
        return null;
    }
  }

  /**
   * The one executor that code at {@code path} can name by its simple name and that is annotated
   * {@code @BlockingExecutor}: a field, parameter or local variable whose type is an Executor. Null
   * if there is none, or more than one, so that a fix never has to guess. A variable hidden by
   * another of the same name does not count; nor does an instance field in a static context, or a
   * local that a lambda could not capture.
   */
  public static @Nullable VarSymbol soleBlockingExecutor(TreePath path, VisitorState state) {
    Set<String> names = new HashSet<>();
    VarSymbol found = null;
    for (VarSymbol variable : FindIdentifiers.findAllIdents(state.withPath(path))) {
      if (!names.add(variable.getSimpleName().toString())) {
        continue;
      }
      if (Annotations.has(variable, Annotations.BLOCKING_EXECUTOR)
          && AsyncTypes.isSubtypeNamed(variable.type, "java.util.concurrent.Executor", state)) {
        if (found != null) {
          return null;
        }
        found = variable;
      }
    }
    return found;
  }

  /**
   * {@code base}, or {@code base2}, {@code base3}, ...: the first that names no variable in scope
   * at {@code state}'s path, for a lambda parameter that a fix introduces there.
   */
  public static String freshName(String base, VisitorState state) {
    return NewLocals.freshName(base, NewLocals.visibleNames(state));
  }

  /**
   * Passes the executor named {@code executor} to the call that hands over the code of {@code
   * context}: in place of its executor argument ({@code supplyAsync(s, cpu)}, Guava's {@code
   * transform(f, fn, ForkJoinPool.commonPool())}), or as a new last argument of supplyAsync,
   * runAsync or a CompletionStage *Async method that has none. Null where the executor is not an
   * argument: a receiver ({@code pool.submit(task)}), a parallel stream.
   */
  public static @Nullable SuggestedFix passExecutor(
      AsyncContext context, String executor, VisitorState state) {
    MethodInvocationTree callback = context.callbackOf();
    ExpressionTree current = context.source();
    if (callback == null
        || callback.getArguments().isEmpty()
        || !(context.isSharedPool() || context.kind() == AsyncContext.Kind.OFFLOADED)) {
      return null;
    }
    if (current != null) {
      return Trees.isArgument(current, callback) ? SuggestedFix.replace(current, executor) : null;
    }
    com.sun.tools.javac.code.Symbol method = ASTHelpers.getSymbol(callback);
    boolean takesExecutor =
        AsyncWraps.isSupplyOrRunAsync(callback)
            || (method != null
                && !method.isStatic()
                && method.getSimpleName().toString().endsWith("Async")
                && AsyncTypes.isOwnedBy(method, AsyncKind.COMPLETION_STAGE.className(), state));
    return takesExecutor
        ? SuggestedFix.postfixWith(
            callback.getArguments().get(callback.getArguments().size() - 1), ", " + executor)
        : null;
  }

  private static String qualify(SuggestedFix.Builder fix, VisitorState state, String className) {
    return SuggestedFixes.qualifyType(state, fix, className);
  }
}
