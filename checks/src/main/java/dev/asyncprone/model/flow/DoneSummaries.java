package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.node.ReturnNode;

/**
 * Helper methods that prove their arguments complete: {@code isReady(f)} that returns true only
 * when {@code f.isDone()}, {@code getIfReady(f)} that returns null unless it is. What a helper
 * proves is read from its own code with the same analysis (every {@code return} that is not {@code
 * false} or {@code null} sits where the parameter is known done, or returns a condition that
 * requires it), so a helper of the build counts whatever it is called; followed {@link
 * #HELPER_DEPTH} helpers deep, and kept for the compilation.
 */
final class DoneSummaries {
  /** How many helpers deep a proof is followed: {@code isReady(f)} calls {@code getIfReady(f)}. */
  static final int HELPER_DEPTH = 3;

  private static final PerCompilationCache<MethodSymbol, Set<Integer>> PROVEN =
      new PerCompilationCache<>();

  private DoneSummaries() {}

  /**
   * The variables passed to {@code call} that the helper it calls proves done when it returns true
   * ({@code wantBoolean}: {@code if (isReady(f))}) or a value other than null ({@code getIfReady(f)
   * != null}).
   */
  static Set<Symbol> provenBy(
      MethodInvocationTree call, boolean wantBoolean, int depth, VisitorState state) {
    if (call.getArguments().isEmpty() || depth >= HELPER_DEPTH) {
      return Set.of();
    }
    MethodSymbol helper = ASTHelpers.getSymbol(call);
    if (helper == null
        || helper.isVarArgs()
        || (helper.getReturnType().getTag() == TypeTag.BOOLEAN) != wantBoolean) {
      return Set.of();
    }
    Set<Integer> positions = positions(helper, depth, state);
    if (positions.isEmpty()) {
      return Set.of();
    }
    Set<Symbol> done = new HashSet<>();
    int i = 0;
    for (ExpressionTree argument : call.getArguments()) {
      if (positions.contains(i++)) {
        done.addAll(Trees.rootSymbols(argument, state));
      }
    }
    return done;
  }

  private static Set<Integer> positions(MethodSymbol helper, int depth, VisitorState state) {
    if (depth == 0) {
      return PROVEN.get(helper, state, h -> compute(h, 0, state));
    }
    Set<Integer> kept = PROVEN.peek(helper, state);
    return kept != null ? kept : compute(helper, depth, state);
  }

  /**
   * The positions of the parameters of {@code helper}, a method compiled from source that no
   * subclass can override, known done wherever it returns true (a {@code boolean} helper) or a
   * value other than null (any other reference type).
   */
  private static Set<Integer> compute(MethodSymbol helper, int depth, VisitorState state) {
    Type returned = helper.getReturnType();
    boolean bool = returned.getTag() == TypeTag.BOOLEAN;
    TreePath methodPath =
        helper.getParameters().isEmpty()
                || (!bool && !returned.isReference())
                || !Symbols.cannotBeOverridden(helper)
            ? null
            : Trees.sourcePath(helper, state);
    if (methodPath == null) {
      return Set.of();
    }
    MethodTree method = (MethodTree) methodPath.getLeaf();
    List<Symbol> parameters = new ArrayList<>();
    for (VariableTree parameter : method.getParameters()) {
      parameters.add(ASTHelpers.getSymbol(parameter));
    }
    Flow<DoneFacts> flow =
        Flow.analyzeAll(methodPath, new KnownDone.Analysis(depth + 1, false, false, state), state);
    ControlFlowGraph graph = null;
    for (ControlFlowGraph g : flow.graphs()) {
      graph = g; // only the method's own: lambdas are not analysed for a helper
    }
    if (graph == null) {
      return Set.of();
    }
    Set<Symbol> proven = new HashSet<>(parameters);
    // A parameter assigned in the helper no longer holds what the caller passed.
    proven.removeAll(Variables.writes(method.getBody()));
    boolean anyReturn = false;
    for (ReturnNode node : graph.getReturnNodes()) {
      ReturnTree ret = node.getTree();
      ExpressionTree value =
          ret == null || ret.getExpression() == null
              ? null
              : ASTHelpers.stripParentheses(ret.getExpression());
      if (value == null || holdsNever(value, bool)) {
        continue;
      }
      anyReturn = true;
      DoneFacts before = flow.storeBefore(node);
      Set<Symbol> tested =
          bool ? DoneConditions.whenTrue(value, depth + 1, state) : Set.<Symbol>of();
      proven.removeIf(p -> !tested.contains(p) && (before == null || !before.isDone(p)));
    }
    if (!anyReturn || proven.isEmpty()) {
      return Set.of();
    }
    Set<Integer> positions = new HashSet<>();
    for (int i = 0; i < parameters.size(); i++) {
      if (proven.contains(parameters.get(i))) {
        positions.add(i);
      }
    }
    return positions;
  }

  /** True for a returned {@code false} (of a boolean helper) or {@code null} (of any other). */
  private static boolean holdsNever(ExpressionTree value, boolean bool) {
    return bool
        ? value instanceof LiteralTree literal && Boolean.FALSE.equals(literal.getValue())
        : value.getKind() == Tree.Kind.NULL_LITERAL;
  }
}
