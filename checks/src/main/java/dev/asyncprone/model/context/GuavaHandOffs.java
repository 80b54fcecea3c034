package dev.asyncprone.model.context;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Symbol;
import dev.asyncprone.model.api.libraries.Guava;
import dev.asyncprone.model.javac.Symbols;
import org.jspecify.annotations.Nullable;

/**
 * Where Guava runs the function it is given with an executor ({@code transform(f, fn, executor)},
 * {@code addListener(r, executor)}): on that executor, or, with {@code directExecutor()}, on the
 * thread that completes the input future. Without an executor argument the call is left to the
 * other rules ({@code ListeningExecutorService.submit} is an executor's).
 */
final class GuavaHandOffs {
  private GuavaHandOffs() {}

  static @Nullable AsyncContext contextOf(HandOff handOff, VisitorState state) {
    if (!handOff.owner().startsWith(Guava.CONCURRENT)
        || !Guava.EXECUTOR_CALLBACKS.contains(handOff.name())) {
      return null;
    }
    ExpressionTree executor = JdkHandOffs.executorArgument(handOff.call(), state);
    if (executor != null && isDirectExecutor(executor, state)) {
      ExpressionTree source =
          handOff.method().isStatic() && !handOff.call().getArguments().isEmpty()
              ? handOff.call().getArguments().get(0)
              : handOff.receiver();
      return ContextWords.completingThread(handOff, source, " with directExecutor()", state);
    }
    return executor == null ? null : JdkHandOffs.executorContext(executor, handOff, state);
  }

  private static boolean isDirectExecutor(ExpressionTree executor, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(executor));
    return symbol != null
        && symbol.getSimpleName().contentEquals(Guava.DIRECT_EXECUTOR)
        && Symbols.qualifiedName(symbol.owner, state).equals(Guava.MORE_EXECUTORS);
  }
}
