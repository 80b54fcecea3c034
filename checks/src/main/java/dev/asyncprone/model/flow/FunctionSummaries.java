package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

/**
 * What holds wherever a method of the build runs a function it was handed: the constructor that
 * runs its converter in {@code allOf(executions.values()...).thenRun(() ->
 * complete(converter.apply(this)))} runs it only once every future of {@code executions} is done;
 * the helper that calls {@code mapping.apply(candidate)} only under {@code candidate.isDone()}
 * applies it only to done futures. Read from the callee's code with the same analysis ({@link
 * KnownDone}), for a constructor or a method no subclass can override, and a functional parameter
 * used only to run it; kept for the compilation.
 */
final class FunctionSummaries {
  /**
   * Wherever the function is run: {@code doneParameters}, the positions of the callee's parameters
   * whose futures are done; {@code argumentsDone}, true if every argument it is run on is a done
   * future.
   */
  record Summary(Set<Integer> doneParameters, boolean argumentsDone) {
    static final Summary NONE = new Summary(Set.of(), false);
  }

  private static final PerCompilationCache<MethodSymbol, Map<Integer, Summary>> SUMMARIES =
      new PerCompilationCache<>();

  private FunctionSummaries() {}

  /** What holds where {@code callee} runs the function passed at {@code position}. */
  static Summary of(MethodSymbol callee, int position, int depth, VisitorState state) {
    if (depth >= DoneSummaries.HELPER_DEPTH
        || position >= callee.getParameters().size()
        || !(callee.isConstructor() || Symbols.cannotBeOverridden(callee))
        || (callee.isVarArgs() && position == callee.getParameters().size() - 1)) {
      return Summary.NONE;
    }
    Map<Integer, Summary> all =
        depth == 0 ? SUMMARIES.get(callee, state, c -> compute(c, 0, state)) : null;
    if (all == null) {
      all = SUMMARIES.peek(callee, state);
    }
    if (all == null) {
      all = compute(callee, depth, state);
    }
    return all.getOrDefault(position, Summary.NONE);
  }

  private static Map<Integer, Summary> compute(MethodSymbol callee, int depth, VisitorState state) {
    TreePath methodPath = Trees.sourcePath(callee, state);
    if (methodPath == null) {
      return Map.of();
    }
    MethodTree method = (MethodTree) methodPath.getLeaf();
    List<Symbol> parameters = new ArrayList<>();
    Map<Symbol, Integer> functions = new HashMap<>();
    for (VariableTree parameter : method.getParameters()) {
      Symbol symbol = ASTHelpers.getSymbol(parameter);
      if (symbol != null && state.getTypes().isFunctionalInterface(symbol.type)) {
        functions.put(symbol, parameters.size());
      }
      parameters.add(symbol);
    }
    // Not javac's EFFECTIVELY_FINAL: a callee in a file javac has not reached yet has no such flag.
    functions.keySet().removeAll(Variables.writes(method.getBody()));
    functions.keySet().removeAll(otherUses(method, functions.keySet()));
    if (functions.isEmpty()) {
      return Map.of();
    }
    Flow<DoneFacts> flow =
        Flow.analyzeAll(methodPath, new KnownDone.Analysis(depth + 1, true, false, state), state);
    Map<Symbol, Summary> found = new HashMap<>();
    for (ControlFlowGraph graph : flow.graphs()) {
      for (Node node : graph.getAllNodes()) {
        if (!(node instanceof MethodInvocationNode invocation)
            || invocation.getTree() == null
            || !(ASTHelpers.getReceiver(invocation.getTree()) instanceof IdentifierTree receiver)) {
          continue;
        }
        Symbol function = ASTHelpers.getSymbol(receiver);
        if (!functions.containsKey(function)) {
          continue;
        }
        DoneFacts before = flow.storeBefore(node);
        Summary here = summary(invocation.getTree(), before, parameters, state);
        Summary so = found.get(function);
        found.put(function, so == null ? here : meet(so, here));
      }
    }
    Map<Integer, Summary> byPosition = new HashMap<>();
    found.forEach((function, summary) -> byPosition.put(functions.get(function), summary));
    return Map.copyOf(byPosition);
  }

  private static Summary summary(
      MethodInvocationTree run,
      @Nullable DoneFacts before,
      List<Symbol> parameters,
      VisitorState state) {
    if (before == null) {
      return Summary.NONE;
    }
    Set<Integer> done = new HashSet<>();
    for (int i = 0; i < parameters.size(); i++) {
      if (before.isDone(parameters.get(i))) {
        done.add(i);
      }
    }
    boolean argumentsDone = !run.getArguments().isEmpty();
    for (ExpressionTree argument : run.getArguments()) {
      argumentsDone &= before.anyDone(Trees.rootSymbols(argument, state));
    }
    return new Summary(Set.copyOf(done), argumentsDone);
  }

  private static Summary meet(Summary a, Summary b) {
    Set<Integer> done = new HashSet<>(a.doneParameters());
    done.retainAll(b.doneParameters());
    return new Summary(Set.copyOf(done), a.argumentsDone() && b.argumentsDone());
  }

  /**
   * The functions among {@code functions} that {@code method} uses other than by calling a method
   * on them: handed on, stored, returned; what holds where they run then is not in this method.
   */
  static Set<Symbol> otherUses(MethodTree method, Set<Symbol> functions) {
    Set<Symbol> escaped = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        MethodSymbol called = ASTHelpers.getSymbol(call);
        if (call.getMethodSelect() instanceof MemberSelectTree select
            && functions.contains(ASTHelpers.getSymbol(select.getExpression()))
            && called != null
            && (called.flags() & Flags.ABSTRACT) != 0) {
          // f.apply(x): the function run, not another use of it (f.andThen(g) is one)
          scan(call.getArguments(), null);
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(identifier);
        if (functions.contains(symbol)) {
          escaped.add(symbol);
        }
        return null;
      }
    }.scan(method.getBody(), null);
    return escaped;
  }
}
