package dev.asyncprone.model.api;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Library.ComposeTwin;
import org.jspecify.annotations.Nullable;

/**
 * The operators that map a future's or publisher's value ({@code thenApply}, Guava's {@code
 * transform}, {@code map}) and their composing twins, which wait for a future or publisher the
 * function returns ({@code thenCompose}, {@code transformAsync}, {@code flatMap}, {@code
 * concatMap}, {@code compose}), as the library tables pair them.
 */
public final class Operators {
  private Operators() {}

  /**
   * True if {@code call} maps the value of a future or publisher with a function: CompletionStage
   * {@code thenApply(Async)}, Guava {@code Futures.transform} and {@code FluentFuture.transform},
   * and {@code map} on Reactor, RxJava, Vert.x and Mutiny types.
   */
  public static boolean isMap(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    return method != null && Libraries.isMap(method, state);
  }

  /**
   * The function argument of a map: the second argument of a static one, whose first is the input
   * ({@code Futures.transform(input, function, executor)}), else the first.
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
    ComposeTwin twin = composeTwinOf(call, inner, state);
    return twin == null ? null : twin.twin();
  }

  /** {@link #composeTwin}, with what its table says about it. */
  public static @Nullable ComposeTwin composeTwinOf(
      MethodInvocationTree call, @Nullable AsyncKind inner, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    return method == null || !Libraries.isMap(method, state)
        ? null
        : Libraries.composeTwin(method, inner, state);
  }
}
