package dev.asyncprone.model.oneshot;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.flow.Facts;
import dev.asyncprone.model.flow.RecordingTransfer;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.oneshot.OneShotFlow.Kind;
import dev.asyncprone.model.oneshot.OneShotFlow.Violation;
import dev.asyncprone.model.oneshot.OneShotValues.How;
import dev.asyncprone.model.oneshot.OneShotValues.Origin;
import dev.asyncprone.model.oneshot.OneShotValues.Use;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.analysis.UnusedAbstractValue;
import org.checkerframework.errorprone.dataflow.cfg.node.ArrayAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FunctionalInterfaceNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.ObjectCreationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ReturnNode;
import org.jspecify.annotations.Nullable;

/**
 * The transfer function: consumption, escape and assignment, node by node. (The framework calls
 * lambdas and method references alike "member references".)
 */
final class OneShotTransfer extends RecordingTransfer<Facts<VarSymbol, VarState>> {
  private final OneShotPrescan prescan;
  private final OneShotResults results;
  private final VisitorState state;

  OneShotTransfer(
      Facts<VarSymbol, VarState> entry,
      Map<Node, Facts<VarSymbol, VarState>> recorded,
      OneShotPrescan prescan,
      OneShotResults results,
      VisitorState state) {
    super(entry, recorded);
    this.prescan = prescan;
    this.results = results;
    this.state = state;
  }

  @Override
  protected TransferResult<UnusedAbstractValue, Facts<VarSymbol, VarState>> flow(
      Node node, TransferInput<UnusedAbstractValue, Facts<VarSymbol, VarState>> input) {
    if (node instanceof AssignmentNode assignment) {
      return assignment(assignment, input);
    }
    if (node instanceof MethodInvocationNode invocation) {
      return invocation(invocation, input);
    }
    if (node instanceof ObjectCreationNode creation) {
      return creation(creation, input);
    }
    if (node instanceof ReturnNode ret) {
      return returned(ret, input);
    }
    if (node instanceof FunctionalInterfaceNode functional) {
      return functional(functional, input);
    }
    return pass(node, input);
  }

  private TransferResult<UnusedAbstractValue, Facts<VarSymbol, VarState>> assignment(
      AssignmentNode node, TransferInput<UnusedAbstractValue, Facts<VarSymbol, VarState>> input) {
    Facts<VarSymbol, VarState> store = input.getRegularStore();
    List<Violation> found = new ArrayList<>();
    Node target = node.getTarget();
    if (target instanceof LocalVariableNode) {
      VarSymbol variable = (VarSymbol) ((LocalVariableNode) target).getElement();
      Origin origin = prescan.tracked.get(node.getTree());
      store =
          origin != null
              ? store.with(variable, new VarState(origin, ImmutableSet.of()))
              : store.without((v, unused) -> v == variable);
    } else if ((target instanceof FieldAccessNode || target instanceof ArrayAccessNode)
        && node.getTree() instanceof AssignmentTree) {
      escape(store, ((AssignmentTree) node.getTree()).getExpression(), How.FIELD, null, found);
    }
    return result(node, found, store);
  }

  private TransferResult<UnusedAbstractValue, Facts<VarSymbol, VarState>> invocation(
      MethodInvocationNode node,
      TransferInput<UnusedAbstractValue, Facts<VarSymbol, VarState>> input) {
    Facts<VarSymbol, VarState> store = input.getRegularStore();
    List<Violation> found = new ArrayList<>();
    if (!store.isEmpty()) {
      MethodInvocationTree call = node.getTree();
      if (node.getIterableExpression() == null) { // not the next() of a for-each loop
        Use iteration = prescan.iterationBy(call);
        for (Use use : iteration != null ? List.of(iteration) : prescan.usesIn(call)) {
          store = consume(store, use, found);
        }
        if (storesInCollection(call)) {
          for (ExpressionTree argument : call.getArguments()) {
            escape(store, argument, How.COLLECTION, call, found);
          }
        }
      }
    }
    return result(node, found, store);
  }

  private TransferResult<UnusedAbstractValue, Facts<VarSymbol, VarState>> creation(
      ObjectCreationNode node,
      TransferInput<UnusedAbstractValue, Facts<VarSymbol, VarState>> input) {
    Facts<VarSymbol, VarState> store = input.getRegularStore();
    List<Violation> found = new ArrayList<>();
    if (!store.isEmpty()) {
      for (Use use : prescan.usesIn(node.getTree())) {
        store = consume(store, use, found);
      }
    }
    return result(node, found, store);
  }

  private TransferResult<UnusedAbstractValue, Facts<VarSymbol, VarState>> returned(
      ReturnNode node, TransferInput<UnusedAbstractValue, Facts<VarSymbol, VarState>> input) {
    Facts<VarSymbol, VarState> store = input.getRegularStore();
    List<Violation> found = new ArrayList<>();
    ReturnTree tree = node.getTree();
    if (tree != null && tree.getExpression() != null) {
      escape(store, tree.getExpression(), How.RETURN, null, found);
    }
    return result(node, found, store);
  }

  private TransferResult<UnusedAbstractValue, Facts<VarSymbol, VarState>> functional(
      FunctionalInterfaceNode node,
      TransferInput<UnusedAbstractValue, Facts<VarSymbol, VarState>> input) {
    Facts<VarSymbol, VarState> before = input.getRegularStore();
    Tree functional = node.getTree();
    List<Violation> found = new ArrayList<>();
    Facts<VarSymbol, VarState> after = before;
    if (!before.isEmpty()) {
      String repeated = prescan.repeatedBy.get(functional);
      // The body's uses count as one step here: whether they exclude each other is the
      // business of the body's own analysis.
      for (Use use : prescan.capturedBy(functional)) {
        VarState held = before.get(use.variable());
        if (held == null) {
          continue;
        }
        if (repeated != null || !held.consumed().isEmpty()) {
          found.add(violation(use, held, repeated == null ? Kind.AGAIN : Kind.REPEATED, repeated));
        }
        after = after.with(use.variable(), after.get(use.variable()).plus(use));
      }
    }
    return result(node, found, after);
  }

  /** The store after {@code node}, and the violations it shows with the store before it. */
  private TransferResult<UnusedAbstractValue, Facts<VarSymbol, VarState>> result(
      Node node, List<Violation> found, Facts<VarSymbol, VarState> after) {
    results.put(node, found);
    return regular(after);
  }

  private Facts<VarSymbol, VarState> consume(
      Facts<VarSymbol, VarState> store, Use use, List<Violation> found) {
    VarState state = store.get(use.variable());
    if (state == null) {
      return store;
    }
    if (!state.consumed().isEmpty()) {
      found.add(violation(use, state, Kind.AGAIN, null));
    }
    return store.with(use.variable(), state.plus(use));
  }

  private static void escape(
      Facts<VarSymbol, VarState> store,
      ExpressionTree value,
      How how,
      @Nullable Tree context,
      List<Violation> found) {
    VarSymbol variable = OneShotValues.local(value);
    VarState state = store.get(variable);
    if (variable != null && state != null && !state.consumed().isEmpty()) {
      Use use = new Use(variable, OneShotValues.strip(value), how, context);
      found.add(violation(use, state, Kind.ESCAPED, null));
    }
  }

  private static Violation violation(
      Use use, VarState state, Kind kind, @Nullable String repeatedBy) {
    return new Violation(
        use, state.origin(), kind, new ArrayList<>(state.consumed()), repeatedBy, null, false);
  }

  /** {@code pending.add(m)}, {@code byId.put(id, m)}: a call that keeps its argument. */
  private boolean storesInCollection(MethodInvocationTree call) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || method.isStatic()) {
      return false;
    }
    String name = Symbols.name(method, state);
    boolean keeps =
        name.startsWith("add")
            || name.startsWith("offer")
            || name.startsWith("put")
            || name.equals("push")
            || name.equals("set");
    return keeps
        && (AsyncTypes.isOwnedBy(method, JdkTypes.COLLECTION, state)
            || AsyncTypes.isOwnedBy(method, JdkTypes.MAP, state));
  }
}
