package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.javac.Lambdas;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.support.ContextLocal;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Helper methods of the build that return an all-of of their parameters: {@code static
 * CompletableFuture<Void> allOf(Collection<CompletableFuture<?>> futures) { return
 * CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])); }}. What a helper returns is
 * read from its code: a parameter is an input where every {@code return} of the helper returns a
 * future that completes only once the parameter's futures have ({@link Completions#sources}: an
 * all-of of it, a stage made from one, another such helper). Kept for the compilation.
 */
final class AllOfSummaries {
  private static final PerCompilationCache<MethodSymbol, Set<Integer>> INPUTS =
      new PerCompilationCache<>();

  /** The helpers being read, so that a helper that returns a call of itself ends. */
  private static final ContextLocal<Set<MethodSymbol>> READING = new ContextLocal<>();

  private AllOfSummaries() {}

  /**
   * The positions of the parameters of {@code helper} whose futures are complete once the future it
   * returns is; empty for a method that no summary covers.
   */
  static Set<Integer> inputs(MethodSymbol helper, VisitorState state) {
    if (helper.getParameters().isEmpty()
        || !Symbols.cannotBeOverridden(helper)
        || !AsyncTypes.isFutureLike(helper.getReturnType(), state)) {
      return Set.of();
    }
    Set<Integer> known = INPUTS.peek(helper, state);
    if (known != null) {
      return known;
    }
    Set<MethodSymbol> reading = READING.get(state, HashSet::new);
    if (!reading.add(helper)) {
      return Set.of();
    }
    try {
      return INPUTS.get(helper, state, h -> compute(h, state));
    } finally {
      reading.remove(helper);
    }
  }

  private static Set<Integer> compute(MethodSymbol helper, VisitorState state) {
    if (!(Trees.sourceTree(helper, state) instanceof MethodTree method)
        || method.getBody() == null) {
      return Set.of();
    }
    List<Symbol> parameters = new ArrayList<>();
    for (VariableTree parameter : method.getParameters()) {
      parameters.add(ASTHelpers.getSymbol(parameter));
    }
    Set<Symbol> inputs = new HashSet<>(parameters);
    inputs.removeAll(Variables.writes(method.getBody()));
    List<ExpressionTree> returned = new ArrayList<>();
    for (ReturnTree ret : Lambdas.ownReturns(method.getBody())) {
      if (ret.getExpression() != null) {
        returned.add(ret.getExpression());
      }
    }
    if (returned.isEmpty()) {
      return Set.of();
    }
    for (ExpressionTree value : returned) {
      inputs.retainAll(Completions.sources(value, state));
    }
    Set<Integer> positions = new HashSet<>();
    for (int i = 0; i < parameters.size(); i++) {
      if (inputs.contains(parameters.get(i))) {
        positions.add(i);
      }
    }
    return Set.copyOf(positions);
  }
}
