package dev.asyncprone.model.oneshot;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.flow.Facts;
import dev.asyncprone.model.flow.Flow;
import dev.asyncprone.model.flow.RecordingTransfer;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.oneshot.OneShotValues.Origin;
import dev.asyncprone.model.oneshot.OneShotValues.Use;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

/**
 * Where a local holding a value that may be consumed only once ({@link OneShotValues}) is consumed
 * again, found on the control-flow graph of its method with Error Prone's dataflow framework, so
 * that "on one path" is real: the two arms of an if, two switch cases, a try and the catch that
 * runs when its consuming call threw are separate paths; a consumption in a loop of a value made
 * before the loop meets itself on the next iteration.
 *
 * <p>A forward analysis maps each tracked local to the consumptions that may have happened on some
 * path to the current point (join: union). Assigning a local starts it afresh. A lambda or method
 * reference counts, where it is created, as the consumptions its body makes of the locals it
 * captures; each lambda body is analysed on its own graph as well.
 *
 * <p>A method is analysed once, when the check's matchers reach the first declaration or assignment
 * that gives one of its locals a one-shot value ({@link #noteVariable}); its violations are kept
 * for the compilation unit, so that asking about a tree is a lookup. Most methods have no such
 * local and are never walked a second time. A first pass over a method's trees decides whether a
 * graph is needed at all: only where a tracked local is used twice, or inside a loop or lambda that
 * its declaration is not in. Graphs are built from the path of the body, so the cost grows with the
 * size of the method, times the number of its tracked locals (at most {@code 128}).
 */
public final class OneShotFlow {
  /** What is wrong with a use. */
  public enum Kind {
    /** Consumed again after an earlier consumption on the same path. */
    AGAIN,
    /** Consumed on every iteration of a loop, the value made before the loop. */
    LOOP,
    /** Consumed in a lambda that may run many times, the value made outside it. */
    REPEATED,
    /** Returned or stored after it was consumed. */
    ESCAPED
  }

  /**
   * A use of a one-shot value that breaks its contract.
   *
   * @param use the offending use
   * @param origin why the value may be consumed only once
   * @param kind what is wrong
   * @param earlier the consumptions that may precede it on some path, first in the source first
   * @param repeatedBy for {@link Kind#REPEATED}, the method that runs the lambda many times
   * @param declaration the declaration of the local, for fixes; null if not found
   * @param first true for the first violation of this local in the source: fixes go there only
   */
  public record Violation(
      Use use,
      Origin origin,
      Kind kind,
      List<Use> earlier,
      @Nullable String repeatedBy,
      @Nullable VariableTree declaration,
      boolean first) {
    public VarSymbol variable() {
      return use.variable();
    }
  }

  private @Nullable CompilationUnitTree unit;
  private final Set<Tree> analyzed = new HashSet<>();
  private final Map<Tree, Violation> violations = new HashMap<>();

  /**
   * Notes the variable declared at {@code state}'s path; call it from a variable matcher. The first
   * time a local or parameter of a method may hold a one-shot value, the method is analysed (Error
   * Prone matches a declaration before the code that uses it), and {@link #at} then finds its
   * violations. Methods without such a local are never walked again.
   */
  public void noteVariable(VariableTree tree, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (!Variables.isLocal(symbol)) {
      return;
    }
    VarSymbol variable = (VarSymbol) symbol;
    if (OneShotValues.ofDeclaration(variable, tree, state) != null) {
      analyzeEnclosingMethod(state);
    }
  }

  /**
   * Notes the assignment at {@code state}'s path, as {@link #noteVariable} does declarations. A
   * local that only gets a one-shot value by assignment is analysed from there on: a use earlier in
   * the source (in a loop, before the assignment) is not reported.
   */
  public void noteAssignment(AssignmentTree tree, VisitorState state) {
    VarSymbol variable = OneShotValues.local(tree.getVariable());
    if (variable != null && OneShotValues.ofValue(variable, tree.getExpression(), state) != null) {
      analyzeEnclosingMethod(state);
    }
  }

  /** The violation at {@code site}, found when its method was analysed, or null. */
  public @Nullable Violation at(Tree site) {
    return violations.isEmpty() ? null : violations.get(site);
  }

  private void analyzeEnclosingMethod(VisitorState state) {
    TreePath methodPath = Trees.enclosingMethodPath(state.getPath());
    if (methodPath == null) {
      return;
    }
    CompilationUnitTree current = methodPath.getCompilationUnit();
    if (current != unit) {
      analyzed.clear();
      violations.clear();
      unit = current;
    }
    if (analyzed.add(methodPath.getLeaf())) {
      violations.putAll(analyze(methodPath, state));
    }
  }

  private static Map<Tree, Violation> analyze(TreePath methodPath, VisitorState state) {
    MethodTree method = (MethodTree) methodPath.getLeaf();
    if (method.getBody() == null) {
      return Map.of();
    }
    OneShotPrescan prescan = new OneShotPrescan(state);
    prescan.scan(methodPath, null);
    if (!prescan.mayBreakContract()) {
      return Map.of();
    }
    OneShotResults results = new OneShotResults();
    Flow.analyzeAll(methodPath, new Analysis(prescan, results, state), state);
    return results.bySite(prescan);
  }

  /**
   * The analysis: a method starts with its one-shot parameters unconsumed; a lambda with the
   * one-shot locals it captures, unconsumed (whether its uses exclude each other is its own
   * business; how often it runs, the enclosing graph's), and its own one-shot parameters. A lambda
   * that neither captures nor declares one is not analysed.
   */
  private record Analysis(OneShotPrescan prescan, OneShotResults results, VisitorState state)
      implements Flow.Analysis<Facts<VarSymbol, VarState>> {
    @Override
    public Facts<VarSymbol, VarState> entry(TreePath code) {
      List<? extends VariableTree> parameters =
          code.getLeaf() instanceof MethodTree m ? m.getParameters() : List.of();
      return withTrackedParameters(Facts.may(VarState::join), parameters);
    }

    @Override
    public @Nullable Facts<VarSymbol, VarState> lambdaEntry(
        Facts<VarSymbol, VarState> atCreation, TreePath lambda) {
      LambdaExpressionTree tree = (LambdaExpressionTree) lambda.getLeaf();
      Set<VarSymbol> used = new HashSet<>();
      prescan.capturedBy(tree).forEach(use -> used.add(use.variable()));
      Facts<VarSymbol, VarState> inner = Facts.may(VarState::join);
      for (Map.Entry<VarSymbol, VarState> held : atCreation.asMap().entrySet()) {
        if (used.contains(held.getKey())) {
          inner =
              inner.with(held.getKey(), new VarState(held.getValue().origin(), ImmutableSet.of()));
        }
      }
      if (inner.isEmpty() && !prescan.declaringLambdas.contains(tree)) {
        return null;
      }
      return withTrackedParameters(inner, tree.getParameters());
    }

    @Override
    public RecordingTransfer<Facts<VarSymbol, VarState>> transfer(
        TreePath code,
        Facts<VarSymbol, VarState> entry,
        Map<Node, Facts<VarSymbol, VarState>> recorded) {
      return new OneShotTransfer(entry, recorded, prescan, results, state);
    }

    private Facts<VarSymbol, VarState> withTrackedParameters(
        Facts<VarSymbol, VarState> store, List<? extends VariableTree> parameters) {
      for (VariableTree parameter : parameters) {
        Origin origin = prescan.tracked.get(parameter);
        Symbol symbol = ASTHelpers.getSymbol(parameter);
        if (origin != null && symbol instanceof VarSymbol variable) {
          store = store.with(variable, new VarState(origin, ImmutableSet.of()));
        }
      }
      return store;
    }
  }
}
