package dev.asyncprone.model.await;

import com.google.common.collect.ImmutableSet;
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
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
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
  private static final String COMPLETABLE_FUTURE = AsyncKind.COMPLETABLE_FUTURE.className();
  private static final String GUAVA_FUTURES = "com.google.common.util.concurrent.Futures";

  /** Awaits that hand back something to read later instead of waiting for the whole result. */
  private static final ImmutableSet<String> LAZY_AWAITS =
      ImmutableSet.of(
          "toIterable",
          "toStream",
          "blockingIterable",
          "blockingStream",
          "blockingForEach",
          "blockingSubscribe",
          "subscribe().asIterable",
          "subscribe().asStream");

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
      for (com.sun.tools.javac.code.Symbol.VarSymbol parameter : method.getParameters()) {
        if (AsyncTypes.isSubtypeNamed(parameter.type, "java.lang.Runnable", state)
            || AsyncTypes.isSubtypeNamed(
                parameter.type, "io.reactivex.rxjava3.functions.Action", state)) {
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

  /** The wrap that {@code call} is, or null. */
  public static @Nullable Wrap of(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || call.getArguments().isEmpty()) {
      return null;
    }
    String name = Symbols.name(method, state);
    String owner = Symbols.qualifiedName(method.owner, state);
    List<? extends ExpressionTree> arguments = call.getArguments();
    ExpressionTree first = ASTHelpers.stripParentheses(arguments.get(0));
    if (!(first instanceof LambdaExpressionTree || first instanceof MemberReferenceTree)) {
      return null;
    }
    ExpressionTree second = arguments.size() > 1 ? arguments.get(1) : null;
    boolean wraps = false;
    ExpressionTree executor = null;
    if (method.isStatic()) {
      switch (owner) {
        case "java.util.concurrent.CompletableFuture":
          wraps = name.equals("supplyAsync") || name.equals("runAsync");
          executor = second;
          break;
        case "com.google.common.util.concurrent.Futures":
          wraps = name.equals("submit") && second != null;
          executor = second;
          break;
        case "reactor.core.publisher.Mono":
          wraps = name.equals("fromCallable") || name.equals("fromSupplier");
          break;
        default:
          wraps =
              owner.startsWith("io.reactivex.rxjava3.core.")
                  && (name.equals("fromCallable") || name.equals("fromSupplier"));
          break;
      }
    } else if (name.equals("submit")
        && AsyncTypes.isOwnedBy(method, "java.util.concurrent.ExecutorService", state)) {
      wraps = true;
      executor = ASTHelpers.getReceiver(call);
    } else if (name.equals("item")
        && owner.equals("io.smallrye.mutiny.groups.UniCreate")
        && AsyncTypes.isSubtypeNamed(
            method.getParameters().get(0).type, "java.util.function.Supplier", state)) {
      wraps = true;
    }
    return wraps ? new Wrap(call, first, executor) : null;
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
      if (body instanceof ExpressionTree) {
        waiting = ASTHelpers.stripParentheses((ExpressionTree) body);
      } else if (body instanceof BlockTree) {
        StatementTree only = onlyStatement((BlockTree) body);
        if (only instanceof TryTree) {
          TryTree tryTree = (TryTree) only;
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
        || LAZY_AWAITS.contains(await.methodName())
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
        || (Symbols.name(method, state).endsWith("Async")
            && AsyncTypes.isOwnedBy(method, AsyncKind.COMPLETION_STAGE.className(), state))) {
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
    return Trees.isStaticCall(call, COMPLETABLE_FUTURE, "supplyAsync", state)
        || Trees.isStaticCall(call, COMPLETABLE_FUTURE, "runAsync", state);
  }

  /**
   * The name of the factory if {@code call} wraps a value that is already there in a completed
   * future-like: {@code completedFuture(v)}, {@code completedStage(v)}, {@code Mono.just(v)},
   * Guava's {@code immediateFuture(v)}. Null otherwise.
   */
  public static @Nullable String valueWrap(MethodInvocationTree call, VisitorState state) {
    if (call.getArguments().size() != 1) {
      return null;
    }
    boolean wraps =
        Trees.isStaticCall(call, COMPLETABLE_FUTURE, "completedFuture", state)
            || Trees.isStaticCall(call, COMPLETABLE_FUTURE, "completedStage", state)
            || Trees.isStaticCall(call, AsyncKind.MONO.className(), "just", state)
            || Trees.isStaticCall(call, GUAVA_FUTURES, "immediateFuture", state);
    return wraps ? Trees.methodName(call) : null;
  }

  /**
   * For a composition whose function may return the value wrap {@code valueWrap}, the operator that
   * takes the plain value instead: {@code thenCompose} to {@code thenApply} (and the Async forms),
   * Reactor's {@code flatMap} and {@code concatMap} to {@code map}, Guava's {@code transformAsync}
   * to {@code transform}. Null for anything else.
   */
  public static @Nullable String plainOperator(
      MethodInvocationTree compose, String valueWrap, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(compose);
    if (method == null) {
      return null;
    }
    String name = Symbols.name(method, state);
    String owner = Symbols.qualifiedName(method.owner, state);
    switch (valueWrap) {
      case "completedFuture":
      case "completedStage":
        return !method.isStatic()
                && AsyncTypes.isOwnedBy(method, AsyncKind.COMPLETION_STAGE.className(), state)
                && (name.equals("thenCompose") || name.equals("thenComposeAsync"))
            ? name.replace("Compose", "Apply")
            : null;
      case "just":
        return (owner.equals(AsyncKind.MONO.className())
                    || owner.equals(AsyncKind.FLUX.className()))
                && (name.equals("flatMap") || name.equals("concatMap"))
                && compose.getArguments().size() == 1
            ? "map"
            : null;
      case "immediateFuture":
        return name.equals("transformAsync")
                && (owner.equals(GUAVA_FUTURES)
                    || owner.equals("com.google.common.util.concurrent.FluentFuture"))
            ? "transform"
            : null;
      default:
        return null;
    }
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
