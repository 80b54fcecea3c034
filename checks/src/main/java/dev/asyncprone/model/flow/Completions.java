package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Library.CompletionListener;
import dev.asyncprone.model.api.libraries.Library.StageCallbacks;
import dev.asyncprone.model.javac.Lambdas;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.ContextLocal;
import dev.asyncprone.model.support.PerUnitCache;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which futures are complete once another one is: the sources of a chain of stages (a stage
 * completes after the stage it was made from), the inputs of an all-of combinator, and what a
 * callback handed to a stage may take as done when it runs.
 */
final class Completions {
  private static final ContextLocal<PerUnitCache<ExpressionTree, Set<Symbol>>> CHAIN_SOURCES =
      new ContextLocal<>();

  private Completions() {}

  /**
   * The variables whose futures are complete once the future {@code expression} is: the sources of
   * its chain of stages, and the inputs of any all-of combinator along it (one of the tables, or a
   * helper of the build that returns one: {@link AllOfSummaries}). Each call of a chain keeps its
   * answer for the compilation, and a call that adds nothing shares the set of its receiver, so
   * asking at every stage of a chain of n stages costs n steps in all.
   */
  static Set<Symbol> sources(@Nullable ExpressionTree expression, VisitorState state) {
    return CHAIN_SOURCES
        .get(state, PerUnitCache::new)
        .along(
            expression == null ? null : ASTHelpers.stripParentheses(expression),
            e -> {
              ExpressionTree receiver =
                  e instanceof MethodInvocationTree ? Trees.receiver(e) : null;
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
              if (m == null) {
                return below;
              }
              boolean allOf = Libraries.isAllOf(m, state);
              Set<Integer> inputs = allOf ? Set.of() : AllOfSummaries.inputs(m, state);
              if (!allOf && inputs.isEmpty()) {
                return below;
              }
              Set<Symbol> withInputs = new HashSet<>(below);
              int i = 0;
              int last = m.getParameters().size() - 1;
              for (ExpressionTree argument : call.getArguments()) {
                // the arguments past the last parameter of a varargs helper are its elements
                int position = m.isVarArgs() ? Math.min(i++, last) : i++;
                if (allOf || inputs.contains(position)) {
                  withInputs.addAll(Trees.rootSymbols(argument, state));
                }
              }
              return Set.copyOf(withInputs);
            },
            state);
  }

  private static boolean mayCompleteFirst(ExpressionTree call) {
    return Libraries.mayCompleteFirst(Trees.methodName(call));
  }

  /** True if a stage along the chain that ends at {@code expression} may fail before its source. */
  private static boolean mayFailFirst(@Nullable ExpressionTree expression) {
    for (ExpressionTree e = expression; e != null; e = Trees.receiver(e)) {
      e = ASTHelpers.stripParentheses(e);
      if (e instanceof MethodInvocationTree && Libraries.mayFailFirst(Trees.methodName(e))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The variables whose futures are complete when a callback passed to {@code invocation} runs: the
   * sources of its receiver's chain, the other input of a two-input stage method ({@code
   * thenCombine}), the input of Guava's static {@code Futures.transform(input, ...)}.
   */
  static Set<Symbol> doneWhenCallbackRuns(MethodInvocationTree invocation, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(invocation);
    if (method == null || mayCompleteFirst(invocation)) {
      return Set.of();
    }
    StageCallbacks callbacks = Libraries.stageCallbacks(method, state);
    CompletionListener listener = Libraries.completionListener(method, state);
    if (callbacks == null && listener == null) {
      return Set.of();
    }
    Set<Symbol> done = new HashSet<>();
    if (Libraries.takesBothInputs(Symbols.name(method, state))
        && !invocation.getArguments().isEmpty()) {
      done.addAll(Trees.rootSymbols(invocation.getArguments().get(0), state));
    }
    boolean firstArgument =
        callbacks != null ? callbacks.inputIsFirstArgument() : listener.futureIsFirstArgument();
    if ((listener != null || Libraries.isFailureHandler(method, state))
        && mayFailFirst(
            firstArgument ? invocation.getArguments().get(0) : Trees.receiver(invocation))) {
      // whenComplete on orTimeout(...): it runs on the timeout, with the source still pending
      return done;
    }
    if (firstArgument) {
      // Futures.transform(input, fn, executor): fn runs once input is done.
      if (!invocation.getArguments().isEmpty()) {
        done.addAll(sources(invocation.getArguments().get(0), state));
      }
    } else {
      done.addAll(sources(ASTHelpers.getReceiver(invocation), state));
    }
    return done;
  }

  /**
   * The variable whose value a callback passed to {@code invocation} receives first, where the code
   * shows it: the callback of a stage made by a map whose function only returns a variable ({@code
   * allOf(cs).thenApply(v -> candidates).whenComplete((value, e) -> ...)}: {@code value} is {@code
   * candidates}). Null elsewhere.
   */
  static @Nullable Symbol valueHandedOn(MethodInvocationTree invocation, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(invocation);
    StageCallbacks callbacks = method == null ? null : Libraries.stageCallbacks(method, state);
    ExpressionTree receiver = Trees.receiver(invocation);
    if (callbacks == null
        || callbacks.inputIsFirstArgument()
        || receiver == null
        || !(ASTHelpers.stripParentheses(receiver) instanceof MethodInvocationTree stage)) {
      return null;
    }
    MethodSymbol map = ASTHelpers.getSymbol(stage);
    if (map == null
        || map.isStatic()
        || !Libraries.isMap(map, state)
        || stage.getArguments().size() != 1
        || !(ASTHelpers.stripParentheses(stage.getArguments().get(0))
            instanceof LambdaExpressionTree function)) {
      return null;
    }
    ExpressionTree result = Lambdas.singleResult(function);
    Symbol returned = result == null ? null : ASTHelpers.getSymbol(result);
    return (result instanceof IdentifierTree || result instanceof MemberSelectTree)
            && returned instanceof Symbol.VarSymbol
        ? returned
        : null;
  }

  /**
   * The parameters of the listener at {@code lambda} that stand for the future it listens to (a
   * Netty {@code GenericFutureListener} is handed the future itself): done when it runs.
   */
  static Set<Symbol> listenedFutures(
      MethodInvocationTree invocation, TreePath lambda, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(invocation);
    CompletionListener listener =
        method == null ? null : Libraries.completionListener(method, state);
    if (listener == null || listener.futureIsFirstArgument()) {
      return Set.of();
    }
    ExpressionTree receiver = Trees.receiver(invocation);
    Type listened = receiver == null ? null : ASTHelpers.getType(receiver);
    if (listened == null) {
      return Set.of();
    }
    Set<Symbol> done = new HashSet<>();
    for (VariableTree parameter : ((LambdaExpressionTree) lambda.getLeaf()).getParameters()) {
      Symbol symbol = ASTHelpers.getSymbol(parameter);
      // The future itself, not a value of it: whenComplete((value, e) -> ...) on a future of a
      // future is handed the inner one, which may still be pending.
      if (symbol != null
          && AsyncTypes.isSubtypeNamed(symbol.type, Jdk.FUTURE, state)
          && state.getTypes().isSubtype(listened, symbol.type)) {
        done.add(symbol);
      }
    }
    return done;
  }
}
