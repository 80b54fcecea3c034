package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.javac.PrivateCalls;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.ContextLocal;
import dev.asyncprone.model.support.PerCompilationCache;
import dev.asyncprone.model.support.PerUnitCache;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What holds where a private method starts because it holds at every call of it: the parameters
 * whose futures are done at each call ({@code getException(request)} called only under {@code
 * request.isCompletedExceptionally()}, {@code synchronize(executions)} only in an all-of
 * continuation over {@code executions}). One level: what the callers know comes from their own
 * code, not from their callers. Kept for the compilation.
 */
final class CallSiteFacts {
  private static final PerCompilationCache<MethodSymbol, Set<Integer>> DONE =
      new PerCompilationCache<>();

  /** The callers' flows, which start from nothing their own callers know. */
  private static final ContextLocal<PerUnitCache<Tree, Flow<DoneFacts>>> CALLER_FLOWS =
      new ContextLocal<>();

  private CallSiteFacts() {}

  /** The parameters of the method at {@code methodPath} whose futures are done where it starts. */
  static Set<Symbol> doneAtEntry(TreePath methodPath, VisitorState state) {
    MethodTree method = (MethodTree) methodPath.getLeaf();
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    if (symbol == null || method.getParameters().isEmpty() || method.getBody() == null) {
      return Set.of();
    }
    Set<Integer> positions = DONE.get(symbol, state, m -> compute(m, state));
    if (positions.isEmpty()) {
      return Set.of();
    }
    Set<Symbol> done = new HashSet<>();
    for (int i = 0; i < method.getParameters().size(); i++) {
      if (positions.contains(i)) {
        done.add(ASTHelpers.getSymbol(method.getParameters().get(i)));
      }
    }
    // A parameter the method assigns holds what its caller passed only until then: the flow
    // forgets it where it is assigned.
    done.removeIf(p -> p == null);
    return done;
  }

  private static Set<Integer> compute(MethodSymbol method, VisitorState state) {
    List<TreePath> calls = PrivateCalls.of(method, state);
    if (calls == null || calls.isEmpty()) {
      return Set.of();
    }
    int parameters = method.getParameters().size() - (method.isVarArgs() ? 1 : 0);
    Set<Integer> done = new HashSet<>();
    for (int i = 0; i < parameters; i++) {
      done.add(i);
    }
    for (TreePath call : calls) {
      if (done.isEmpty()) {
        break;
      }
      DoneFacts before =
          Flow.before(
              call,
              CALLER_FLOWS.get(state, PerUnitCache::new),
              new KnownDone.Analysis(0, true, false, state),
              state);
      List<? extends ExpressionTree> arguments =
          ((MethodInvocationTree) call.getLeaf()).getArguments();
      done.removeIf(
          i ->
              before == null
                  || i >= arguments.size()
                  || !before.anyDone(Trees.rootSymbols(arguments.get(i), state)));
    }
    return Set.copyOf(done);
  }
}
