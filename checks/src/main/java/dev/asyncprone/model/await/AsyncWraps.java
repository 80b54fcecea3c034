package dev.asyncprone.model.await;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Library;
import dev.asyncprone.model.api.libraries.RxJava;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Async wraps: calls that run a function on another thread, or at subscription, and hand back a
 * future-like of its result: {@code CompletableFuture.supplyAsync/runAsync}, {@code
 * ExecutorService.submit}, Guava's {@code Futures.submit} and {@code
 * ListeningExecutorService.submit}, Reactor's {@code Mono.fromCallable/fromSupplier}, RxJava's
 * {@code fromCallable/fromSupplier}, Mutiny's {@code Uni.createFrom().item(supplier)}.
 *
 * <p>And the wraps whose function does nothing but wait for another future-like: {@code
 * supplyAsync(() -> fetch(id).join())}, the same with {@code get()} in a try, {@code
 * supplyAsync(future::join)}, {@code Mono.fromCallable(() -> other.block())}.
 *
 * <p>And the wraps of a value that is already there ({@code completedFuture(v)}, {@code
 * Mono.just(v)}, {@code immediateFuture(v)}), with the compositions that accept them and the plain
 * operators that would take the value itself.
 */
public final class AsyncWraps {
  /**
   * A wrap: the call, the function it runs, and its executor argument (null where it has none).
   *
   * @param call the wrapping call, such as {@code supplyAsync(...)}
   * @param function the lambda or method reference it runs
   * @param executor the executor argument, if the call takes one
   */
  public record Wrap(
      MethodInvocationTree call, ExpressionTree function, @Nullable ExpressionTree executor) {
    /** The name of the wrapping method, with its class for static ones: {@code supplyAsync}. */
    public String methodName() {
      return Trees.methodName(call);
    }

    /** True for {@code runAsync}, {@code submit(Runnable)}: the function has no value. */
    public boolean runsVoidFunction(VisitorState state) {
      MethodSymbol method = ASTHelpers.getSymbol(call);
      if (method == null) {
        return false;
      }
      for (Symbol.VarSymbol parameter : method.getParameters()) {
        if (AsyncTypes.isSubtypeNamed(parameter.type, Jdk.RUNNABLE, state)
            || AsyncTypes.isSubtypeNamed(parameter.type, RxJava.ACTION, state)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * A wrap whose function only waits for another future-like.
   *
   * @param wrap the wrap
   * @param await the wait: the function's single result or statement
   * @param inTry true if the wait is the only statement of a try block, whose catch clauses then
   *     decide what a failure becomes
   */
  public record WaitingWrap(Wrap wrap, Awaits.Await await, boolean inTry) {
    /** The future-like waited for. */
    public ExpressionTree awaited() {
      return java.util.Objects.requireNonNull(await.future());
    }
  }

  private AsyncWraps() {}

  /** The wrap that {@code call} is, from the library tables, or null. */
  public static @Nullable Wrap of(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || call.getArguments().isEmpty()) {
      return null;
    }
    List<? extends ExpressionTree> arguments = call.getArguments();
    ExpressionTree first = ASTHelpers.stripParentheses(arguments.get(0));
    if (!(first instanceof LambdaExpressionTree || first instanceof MemberReferenceTree)) {
      return null;
    }
    Library.AsyncWrap wrap = Libraries.asyncWrap(method, state);
    if (wrap == null || arguments.size() < wrap.minArguments()) {
      return null;
    }
    ExpressionTree executor =
        switch (wrap.executor()) {
          case NONE -> null;
          case SECOND_ARGUMENT -> arguments.size() > 1 ? arguments.get(1) : null;
          case RECEIVER -> ASTHelpers.getReceiver(call);
        };
    return new Wrap(call, first, executor);
  }

  /**
   * The wrap {@code call} is, if its function does nothing but wait, without a bound or with one,
   * for another future-like to complete: {@code () -> f.join()}, {@code () -> { return f.get(); }},
   * {@code f::join}, {@code () -> { try { return f.get(); } catch (...) { ... } }}, and for
   * functions without a value {@code () -> f.join()} as a statement. Null otherwise, and for awaits
   * such as {@code toIterable()} that hand back something to read later.
   */
  public static @Nullable WaitingWrap waiting(MethodInvocationTree call, VisitorState state) {
    Wrap wrap = of(call, state);
    if (wrap == null) {
      return null;
    }
    Tree waiting = null;
    boolean inTry = false;
    if (wrap.function() instanceof MemberReferenceTree) {
      waiting = wrap.function();
    } else {
      Tree body = ((LambdaExpressionTree) wrap.function()).getBody();
      if (body instanceof ExpressionTree expression) {
        waiting = ASTHelpers.stripParentheses(expression);
      } else if (body instanceof BlockTree block) {
        StatementTree only = onlyStatement(block);
        if (only instanceof TryTree tryTree) {
          if (tryTree.getResources().isEmpty() && tryTree.getFinallyBlock() == null) {
            only = onlyStatement(tryTree.getBlock());
            inTry = true;
          }
        }
        waiting = resultOf(only);
      }
    }
    if (waiting == null) {
      return null;
    }
    Awaits.Await await = Awaits.of(waiting, state);
    if (await == null
        || await.future() == null
        || await.rule().handsBackLater()
        || AsyncTypes.kindOf(await.future(), state) == null) {
      return null;
    }
    return new WaitingWrap(wrap, await, inTry);
  }

  /**
   * True if the future-like at {@code state}'s path is the receiver of a call that hands it a
   * callback that runs where it completes or emits: {@code wrap.thenApply(...)}, {@code
   * wrap.whenComplete(...)}, {@code mono.map(...)}; not the CompletionStage *Async methods, which
   * hop to an executor anyway. Where a wrap feeds such a callback, the thread it completes on
   * decides where the callback runs, and removing the wrap would move it.
   */
  public static boolean feedsCallback(VisitorState state) {
    TreePath select = state.getPath().getParentPath();
    TreePath call = select == null ? null : select.getParentPath();
    if (call == null
        || !(select.getLeaf() instanceof MemberSelectTree)
        || !(call.getLeaf() instanceof MethodInvocationTree)
        || ((MethodInvocationTree) call.getLeaf()).getMethodSelect() != select.getLeaf()) {
      return false;
    }
    MethodSymbol method = ASTHelpers.getSymbol((MethodInvocationTree) call.getLeaf());
    if (method == null
        || (Symbols.name(method, state).endsWith(Jdk.ASYNC_SUFFIX)
            && AsyncTypes.isOwnedBy(method, Jdk.COMPLETION_STAGE, state))) {
      return false;
    }
    for (ExpressionTree argument : ((MethodInvocationTree) call.getLeaf()).getArguments()) {
      if (Trees.isFunctional(ASTHelpers.stripParentheses(argument))) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code call} is {@code CompletableFuture.supplyAsync} or {@code runAsync}. */
  public static boolean isSupplyOrRunAsync(MethodInvocationTree call, VisitorState state) {
    return Jdk.SUPPLY_OR_RUN.contains(Trees.methodName(call))
        && Trees.isStaticCall(call, Jdk.COMPLETABLE_FUTURE, Trees.methodName(call), state);
  }

  /**
   * The value wrap {@code call} is, if it wraps a value that is already there in a completed
   * future-like: {@code completedFuture(v)}, {@code completedStage(v)}, {@code Mono.just(v)},
   * Guava's {@code immediateFuture(v)}. Null otherwise.
   */
  public static Library.@Nullable ValueWrap valueWrap(
      MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    return method == null || call.getArguments().size() != 1
        ? null
        : Libraries.valueWrap(method, state);
  }

  /**
   * For a composition whose function may return only what {@code wrap} makes, the operator that
   * takes the plain value instead: {@code thenCompose} to {@code thenApply} (and the Async forms),
   * Reactor's {@code flatMap} and {@code concatMap} to {@code map}, Guava's {@code transformAsync}
   * to {@code transform}. Null for anything else.
   */
  public static @Nullable String plainOperator(
      MethodInvocationTree compose, Library.ValueWrap wrap, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(compose);
    if (method == null
        || !wrap.compositions().matches(method, state)
        || (wrap.singleArgumentOnly() && compose.getArguments().size() != 1)) {
      return null;
    }
    return wrap.plainTwins().get(Symbols.name(method, state));
  }

  private static @Nullable StatementTree onlyStatement(@Nullable BlockTree block) {
    if (block == null || block.getStatements().size() != 1) {
      return null;
    }
    return block.getStatements().get(0);
  }

  private static @Nullable Tree resultOf(@Nullable StatementTree statement) {
    if (statement instanceof ReturnTree && ((ReturnTree) statement).getExpression() != null) {
      return ASTHelpers.stripParentheses(((ReturnTree) statement).getExpression());
    }
    if (statement instanceof ExpressionStatementTree) {
      return ASTHelpers.stripParentheses(((ExpressionStatementTree) statement).getExpression());
    }
    return null;
  }
}
