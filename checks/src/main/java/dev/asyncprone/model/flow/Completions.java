package dev.asyncprone.model.flow;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which futures are complete once another one is: the sources of a chain of stages (a stage
 * completes after the stage it was made from), the inputs of an all-of combinator, and what a
 * callback handed to a stage may take as done when it runs.
 */
final class Completions {
  private static final String GUAVA_FUTURES = "com.google.common.util.concurrent.Futures";

  /**
   * Stage methods whose result may complete before their receiver: the first of two, or a timeout's
   * default value. A callback on their result proves nothing about the receiver.
   */
  private static final ImmutableSet<String> MAY_COMPLETE_FIRST =
      ImmutableSet.of(
          "applyToEither",
          "applyToEitherAsync",
          "acceptEither",
          "acceptEitherAsync",
          "runAfterEither",
          "runAfterEitherAsync",
          "completeOnTimeout",
          "any",
          "anyOf",
          "whenAnyComplete");

  /** Methods that register a listener to run once their receiver completes. */
  private static final ImmutableSet<String> LISTENER_REGISTRATIONS =
      ImmutableSet.of("addListener", "addListeners", "whenComplete", "onComplete", "handle");

  private static final PerCompilationCache<ExpressionTree, Set<Symbol>> CHAIN_SOURCES =
      new PerCompilationCache<>();

  private Completions() {}

  /**
   * The variables whose futures are complete once the future {@code expression} is: the sources of
   * its chain of stages, and the inputs of any all-of combinator along it. Each call of a chain
   * keeps its answer for the compilation, and a call that adds nothing shares the set of its
   * receiver, so asking at every stage of a chain of n stages costs n steps in all.
   */
  static Set<Symbol> sources(@Nullable ExpressionTree expression, VisitorState state) {
    return CHAIN_SOURCES.along(
        expression == null ? null : ASTHelpers.stripParentheses(expression),
        e -> {
          ExpressionTree receiver = e instanceof MethodInvocationTree ? Trees.receiver(e) : null;
          return receiver == null || mayCompleteFirst(e)
              ? null
              : ASTHelpers.stripParentheses(receiver);
        },
        e -> e,
        Set.of(),
        (e, below) -> {
          if (!(e instanceof MethodInvocationTree call)) {
            return Set.copyOf(Trees.rootSymbols(e, state));
          }
          MethodSymbol m = ASTHelpers.getSymbol(call);
          if (m == null || !isAllOf(m)) {
            return below;
          }
          Set<Symbol> withInputs = new HashSet<>(below);
          for (ExpressionTree argument : call.getArguments()) {
            withInputs.addAll(Trees.rootSymbols(argument, state));
          }
          return Set.copyOf(withInputs);
        },
        state);
  }

  private static boolean mayCompleteFirst(ExpressionTree call) {
    return MAY_COMPLETE_FIRST.contains(Trees.methodName(call));
  }

  /** The all-of combinators: their result completes once every input has. */
  static boolean isAllOf(MethodSymbol m) {
    String name = m.getSimpleName().toString();
    String owner = m.owner.getQualifiedName().toString();
    switch (owner) {
      case "java.util.concurrent.CompletableFuture":
        return name.equals("allOf");
      case GUAVA_FUTURES:
        return name.equals("whenAllSucceed")
            || name.equals("whenAllComplete")
            || name.equals("allAsList")
            || name.equals("successfulAsList");
      case "io.vertx.core.Future":
        return name.equals("all") || name.equals("join");
      default:
        return false;
    }
  }

  /**
   * The variables whose futures are complete when a callback passed to {@code invocation} runs: the
   * sources of its receiver's chain, the other input of a two-input stage method ({@code
   * thenCombine}), the input of Guava's static {@code Futures.transform(input, ...)}.
   */
  static Set<Symbol> doneWhenCallbackRuns(MethodInvocationTree invocation, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(invocation);
    if (method == null || !isStageCallback(method, state) || mayCompleteFirst(invocation)) {
      return Set.of();
    }
    Set<Symbol> done = new HashSet<>();
    String name = Symbols.name(method, state);
    if (name.startsWith("thenCombine")
        || name.startsWith("thenAcceptBoth")
        || name.startsWith("runAfterBoth")) {
      done.addAll(Trees.rootSymbols(invocation.getArguments().get(0), state));
    }
    if (Symbols.isOwner(method, GUAVA_FUTURES, state) && !invocation.getArguments().isEmpty()) {
      done.addAll(sources(invocation.getArguments().get(0), state));
    }
    done.addAll(sources(ASTHelpers.getReceiver(invocation), state));
    return done;
  }

  /**
   * The parameters of the listener at {@code lambda} that stand for the future it listens to (a
   * Netty {@code GenericFutureListener} is handed the future itself): done when it runs.
   */
  static Set<Symbol> listenedFutures(
      MethodInvocationTree invocation, TreePath lambda, VisitorState state) {
    ExpressionTree receiver = Trees.receiver(invocation);
    if (receiver == null
        || !LISTENER_REGISTRATIONS.contains(Trees.methodName(invocation))
        || !AsyncTypes.isFutureLike(ASTHelpers.getType(receiver), state)
            && !hasIsDone(ASTHelpers.getType(receiver), state)) {
      return Set.of();
    }
    Set<Symbol> done = new HashSet<>();
    for (VariableTree parameter : ((LambdaExpressionTree) lambda.getLeaf()).getParameters()) {
      Symbol symbol = ASTHelpers.getSymbol(parameter);
      if (symbol != null && hasIsDone(symbol.type, state)) {
        done.add(symbol);
      }
    }
    return done;
  }

  private static boolean isStageCallback(MethodSymbol method, VisitorState state) {
    return AsyncTypes.isOwnedBy(method, AsyncKind.COMPLETION_STAGE.className(), state)
        || AsyncTypes.isOwnedBy(method, AsyncKind.VERTX_FUTURE.className(), state)
        || Symbols.isOwner(
            method, "com.google.common.util.concurrent.Futures.FutureCombiner", state)
        || Symbols.isOwner(method, "com.google.common.util.concurrent.FluentFuture", state)
        || Symbols.isOwner(method, GUAVA_FUTURES, state)
        || (Symbols.name(method, state).equals("addListener")
            && hasIsDone(method.owner.type, state));
  }

  /** True for a type with a no-argument {@code isDone()}: a future of any library. */
  private static boolean hasIsDone(
      com.sun.tools.javac.code.@Nullable Type type, VisitorState state) {
    if (type == null || !(type.tsym instanceof Symbol.ClassSymbol)) {
      return false;
    }
    for (Symbol member :
        state.getTypes().membersClosure(type, false).getSymbolsByName(state.getName("isDone"))) {
      if (member instanceof MethodSymbol m && m.getParameters().isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
