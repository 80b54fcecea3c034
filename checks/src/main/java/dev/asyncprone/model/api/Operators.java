package dev.asyncprone.model.api;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.javac.Symbols;
import org.jspecify.annotations.Nullable;

/**
 * The operators that map a future's or publisher's value ({@code thenApply}, Guava's {@code
 * transform}, {@code map}) and their composing twins, which wait for a future or publisher the
 * function returns ({@code thenCompose}, {@code transformAsync}, {@code flatMap}, {@code
 * concatMap}, {@code compose}).
 */
public final class Operators {
  private static final String GUAVA_FUTURES = "com.google.common.util.concurrent.Futures";
  private static final String FLUENT_FUTURE = "com.google.common.util.concurrent.FluentFuture";

  private Operators() {}

  /**
   * True if {@code call} maps the value of a future or publisher with a function: CompletionStage
   * {@code thenApply(Async)}, Guava {@code Futures.transform} and {@code FluentFuture.transform},
   * and {@code map} on Reactor, RxJava, Vert.x and Mutiny types.
   */
  public static boolean isMap(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return false;
    }
    String name = Symbols.name(method, state);
    String owner = Symbols.qualifiedName(method.owner, state);
    if (method.isStatic()) {
      return owner.equals(GUAVA_FUTURES) && name.equals("transform");
    }
    AsyncKind kind = AsyncTypes.kindOf(method.owner.type, state);
    if (kind == null) {
      return false;
    }
    switch (kind.family()) {
      case JDK:
        return name.equals("thenApply") || name.equals("thenApplyAsync");
      case GUAVA:
        return owner.equals(FLUENT_FUTURE) && name.equals("transform");
      case REACTOR:
      case RXJAVA:
      case VERTX:
      case MUTINY:
        return name.equals("map");
      default:
        return false;
    }
  }

  /**
   * The function argument of a map: the second argument of {@code Futures.transform(input,
   * function, executor)}, else the first.
   */
  public static @Nullable ExpressionTree mapper(MethodInvocationTree call) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    int index = method != null && method.isStatic() ? 1 : 0;
    return call.getArguments().size() > index ? call.getArguments().get(index) : null;
  }

  /**
   * The operator to call instead of the map {@code call} when its function returns a future or
   * publisher of kind {@code inner}, so that the result waits for it; null where there is none that
   * takes the same arguments.
   */
  public static @Nullable String composeTwin(
      MethodInvocationTree call, @Nullable AsyncKind inner, VisitorState state) {
    if (inner == null || !isMap(call, state)) {
      return null;
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    String name = Symbols.name(method, state);
    if (method.isStatic() || Symbols.qualifiedName(method.owner, state).equals(FLUENT_FUTURE)) {
      return inner == AsyncKind.LISTENABLE_FUTURE ? "transformAsync" : null;
    }
    AsyncKind outer = AsyncTypes.kindOf(method.owner.type, state);
    if (outer == null) {
      return null;
    }
    boolean publisher =
        inner == AsyncKind.MONO || inner == AsyncKind.FLUX || inner == AsyncKind.PUBLISHER;
    switch (outer) {
      case COMPLETABLE_FUTURE:
      case COMPLETION_STAGE:
        if (inner == AsyncKind.COMPLETABLE_FUTURE || inner == AsyncKind.COMPLETION_STAGE) {
          return name.endsWith("Async") ? "thenComposeAsync" : "thenCompose";
        }
        return null;
      case MONO:
        if (inner == AsyncKind.MONO) {
          return "flatMap";
        }
        return publisher ? "flatMapMany" : null;
      case FLUX:
        return publisher ? "concatMap" : null;
      case VERTX_FUTURE:
        return inner == AsyncKind.VERTX_FUTURE ? "compose" : null;
      case RX_SINGLE:
        return inner == AsyncKind.RX_SINGLE ? "flatMap" : null;
      case RX_MAYBE:
        return inner == AsyncKind.RX_MAYBE ? "flatMap" : null;
      case RX_OBSERVABLE:
        return inner == AsyncKind.RX_OBSERVABLE ? "concatMap" : null;
      case RX_FLOWABLE:
        return inner == AsyncKind.RX_FLOWABLE || inner == AsyncKind.PUBLISHER ? "concatMap" : null;
      default:
        return null;
    }
  }
}
