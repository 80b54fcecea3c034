package dev.asyncprone.model.observe;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Operators;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Uses;
import org.jspecify.annotations.Nullable;

/**
 * A future of a future ({@code thenApply(x -> fetchAsync(x))} makes a {@code
 * CompletableFuture<CompletableFuture<T>>}; Reactor's {@code map(x -> repo.save(x))} a {@code
 * Flux<Mono<T>>}) and where its inner future is lost: dropped, returned or stored as a future of
 * anything ({@code CompletableFuture<?>}), or followed by an operator that waits for the outer one
 * only ({@code thenRun}, {@code then()}, a bare {@code subscribe()}).
 *
 * <p>A nested value that is unwrapped ({@code thenCompose(Function.identity())}, {@code concatMap(m
 * -> m)}), passed on ({@code Flux.merge(...)}), collected, or declared nested is not lost.
 */
public final class NestedFutures {
  /**
   * A lost nested future.
   *
   * @param map the map that makes it
   * @param type the map's result type, the future of a future
   * @param inner the kind of the inner future
   * @param lost how it is lost, for a message: "it is dropped", "thenRun() waits for the outer one
   *     only"
   * @param direct true if it is lost at the map itself, with no operator in between, so that
   *     composing instead changes nothing else
   */
  public record Nested(
      MethodInvocationTree map, Type type, AsyncKind inner, String lost, boolean direct) {
    /** The composing twin of the map ({@code thenCompose}, {@code concatMap}, ...), or null. */
    public @Nullable String twin(VisitorState state) {
      return Operators.composeTwin(map, inner, state);
    }
  }

  private NestedFutures() {}

  /** The lost nested future that the map at {@code path} makes, or null. */
  public static @Nullable Nested of(TreePath path, VisitorState state) {
    if (!(path.getLeaf() instanceof MethodInvocationTree map)) {
      return null;
    }
    Type type = ASTHelpers.getType(map);
    AsyncKind inner = AsyncTypes.valueKind(type, state);
    if (inner == null || !Operators.isMap(map, state)) {
      return null;
    }
    boolean direct = true;
    for (TreePath p = path; p != null; direct = false) {
      Uses.Use use = Uses.of(p, state);
      switch (use.kind()) {
        case STATEMENT:
        case VOID_CALLBACK:
          return new Nested(map, type, inner, "it is dropped", direct);
        case RETURNED:
        case STORED:
          if (!AsyncTypes.isFutureLike(use.target(), state)
              || AsyncTypes.valueKind(use.target(), state) != null) {
            return null;
          }
          return new Nested(
              map,
              type,
              inner,
              "it goes on as a " + SuggestedFixes.prettyType(use.target(), state),
              direct);
        case CHAINED:
          MethodInvocationTree next = use.chainedCall();
          String name = Trees.methodName(next);
          if (Libraries.losesInner(name)
              && (!Libraries.isSubscriberName(name) || next.getArguments().isEmpty())) {
            return new Nested(map, type, inner, name + "() waits for the outer one only", direct);
          }
          if (!Libraries.keepsNesting(name)) {
            return null;
          }
          p = Trees.pathOf(next, p);
          break;
        default:
          return null;
      }
    }
    return null;
  }
}
