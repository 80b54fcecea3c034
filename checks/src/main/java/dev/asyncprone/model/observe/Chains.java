package dev.asyncprone.model.observe;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.javac.Symbols;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A chain of calls on a future or publisher ({@code fetch(id).thenApply(...).exceptionally(...)})
 * read from its last call back to its source: whether some stage of it handles failure, and whether
 * it subscribes to a publisher.
 */
public final class Chains {
  private static final String GUAVA_FUTURES = "com.google.common.util.concurrent.Futures";
  private static final String FLUENT_FUTURE = "com.google.common.util.concurrent.FluentFuture";

  /**
   * The operators that see a failure, by the family of the type that declares them: each receives
   * the exception (or a signal that carries it) and so observes it.
   */
  private static final ImmutableMap<AsyncKind.Family, ImmutableSet<String>> FAILURE_HANDLERS =
      ImmutableMap.of(
          AsyncKind.Family.JDK,
          ImmutableSet.of(
              "exceptionally",
              "exceptionallyAsync",
              "exceptionallyCompose",
              "exceptionallyComposeAsync",
              "handle",
              "handleAsync",
              "whenComplete",
              "whenCompleteAsync"),
          AsyncKind.Family.GUAVA,
          ImmutableSet.of("catching", "catchingAsync"),
          AsyncKind.Family.VERTX,
          ImmutableSet.of(
              "onFailure", "onComplete", "recover", "otherwise", "andThen", "transform"),
          AsyncKind.Family.REACTOR,
          ImmutableSet.of(
              "onErrorResume",
              "onErrorReturn",
              "onErrorContinue",
              "onErrorComplete",
              "doOnError",
              "doOnEach",
              "materialize"),
          AsyncKind.Family.RXJAVA,
          ImmutableSet.of(
              "onErrorReturn",
              "onErrorReturnItem",
              "onErrorResumeNext",
              "onErrorResumeWith",
              "onErrorComplete",
              "doOnError",
              "doOnEvent",
              "doOnEach",
              "materialize"),
          AsyncKind.Family.MUTINY,
          ImmutableSet.of("onFailure", "onItemOrFailure", "onTermination"));

  /** The operators that subscribe to a publisher, making it run. */
  private static final ImmutableSet<String> SUBSCRIBERS =
      ImmutableSet.of(
          "subscribe",
          "subscribeWith",
          "subscribeAsCompletionStage",
          "toFuture",
          "toCompletionStage",
          "toIterable",
          "toStream",
          "connect",
          "await",
          "test");

  private Chains() {}

  /**
   * The calls of the chain that ends in {@code expression}, last first: {@code exceptionally},
   * {@code thenApply}, {@code fetch} for {@code fetch(id).thenApply(...).exceptionally(...)}. A
   * static Guava {@code Futures} method ({@code Futures.transform(input, ...)}) and {@code
   * FluentFuture.from(input)} continue into their input.
   */
  public static List<MethodInvocationTree> stages(
      @Nullable ExpressionTree expression, VisitorState state) {
    List<MethodInvocationTree> stages = new ArrayList<>();
    ExpressionTree e = expression;
    while (e != null) {
      e = ASTHelpers.stripParentheses(e);
      if (!(e instanceof MethodInvocationTree)) {
        break;
      }
      MethodInvocationTree call = (MethodInvocationTree) e;
      stages.add(call);
      MethodSymbol method = ASTHelpers.getSymbol(call);
      if (method != null && method.isStatic()) {
        String owner = Symbols.qualifiedName(method.owner, state);
        boolean continues =
            (owner.equals(GUAVA_FUTURES) || owner.equals(FLUENT_FUTURE))
                && !call.getArguments().isEmpty();
        e = continues ? call.getArguments().get(0) : null;
      } else {
        e = ASTHelpers.getReceiver(call);
      }
    }
    return stages;
  }

  /** The first call, from the end of the chain, that sees a failure; null if none does. */
  public static @Nullable MethodInvocationTree failureHandler(
      @Nullable ExpressionTree expression, VisitorState state) {
    for (MethodInvocationTree stage : stages(expression, state)) {
      if (isFailureHandler(stage, state)) {
        return stage;
      }
    }
    return null;
  }

  /**
   * True if some stage of the chain sees a failure: {@code exceptionally}, {@code handle}, {@code
   * whenComplete}, Guava {@code catching}, Vert.x {@code onFailure}/{@code onComplete}/{@code
   * recover}, Reactor and RxJava {@code onError*}/{@code doOnError}, Mutiny {@code onFailure()}.
   */
  public static boolean handlesFailure(@Nullable ExpressionTree expression, VisitorState state) {
    return failureHandler(expression, state) != null;
  }

  /** True if {@code call} is an operator that sees a failure. */
  public static boolean isFailureHandler(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return false;
    }
    String name = Symbols.name(method, state);
    String owner = Symbols.qualifiedName(method.owner, state);
    if (method.isStatic()) {
      return owner.equals(GUAVA_FUTURES)
          && FAILURE_HANDLERS.get(AsyncKind.Family.GUAVA).contains(name);
    }
    AsyncKind kind = AsyncTypes.kindOf(method.owner.type, state);
    if (kind == null) {
      return false;
    }
    if (kind == AsyncKind.LISTENABLE_FUTURE && !owner.equals(FLUENT_FUTURE)) {
      return false;
    }
    ImmutableSet<String> names = FAILURE_HANDLERS.get(kind.family());
    return names != null && names.contains(name);
  }

  /**
   * The call in the chain that subscribes to a publisher ({@code subscribe}, {@code block*}, {@code
   * blocking*}, {@code toFuture}, ...), or null: a publisher whose chain has one has run, or will
   * run, whatever happens to the chain's value.
   */
  public static @Nullable MethodInvocationTree subscription(
      @Nullable ExpressionTree expression, VisitorState state) {
    for (MethodInvocationTree stage : stages(expression, state)) {
      MethodSymbol method = ASTHelpers.getSymbol(stage);
      if (method == null || method.isStatic()) {
        continue;
      }
      AsyncKind owner = AsyncTypes.kindOf(method.owner.type, state);
      String name = Symbols.name(method, state);
      if (owner != null
          && owner.isLazy()
          && (SUBSCRIBERS.contains(name) || name.startsWith("block"))) {
        return stage;
      }
    }
    return null;
  }
}
