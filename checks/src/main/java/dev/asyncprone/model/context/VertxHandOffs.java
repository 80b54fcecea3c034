package dev.asyncprone.model.context;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Vertx;
import dev.asyncprone.model.context.AsyncContext.Kind;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where Vert.x runs the code it is handed: {@code executeBlocking}'s on a worker; a Future's
 * callbacks on the event loop that completes it; any other handler on the event loop.
 */
final class VertxHandOffs {
  private VertxHandOffs() {}

  static @Nullable AsyncContext contextOf(HandOff handOff, VisitorState state) {
    if (!handOff.owner().startsWith(Vertx.PACKAGE)) {
      return null;
    }
    if (handOff.name().equals(Vertx.EXECUTE_BLOCKING)) {
      return ContextWords.offloaded(
          handOff.functional(),
          handOff.call(),
          null,
          handOff.what() + " runs on a Vert.x worker thread");
    }
    if (!handOff.method().isStatic()
        && Vertx.FUTURE_CALLBACKS.contains(handOff.name())
        && AsyncTypes.isOwnedBy(handOff.method(), Vertx.FUTURE, state)) {
      return ContextWords.eventLoopCallback(handOff, state);
    }
    int index = argumentIndex(handOff);
    List<Symbol.VarSymbol> parameters = handOff.method().getParameters();
    if (index >= 0 && !parameters.isEmpty()) {
      Symbol.VarSymbol parameter = parameters.get(Math.min(index, parameters.size() - 1));
      if (AsyncTypes.isSubtypeNamed(parameter.type, Vertx.HANDLER, state)) {
        return ContextWords.eventLoopHandler(handOff);
      }
    }
    return AsyncContext.of(Kind.UNKNOWN);
  }

  private static int argumentIndex(HandOff handOff) {
    List<? extends ExpressionTree> arguments = handOff.call().getArguments();
    for (TreePath p = handOff.functional();
        p != null && p.getLeaf() != handOff.call();
        p = p.getParentPath()) {
      int index = arguments.indexOf(p.getLeaf());
      if (index >= 0) {
        return index;
      }
    }
    return -1;
  }
}
