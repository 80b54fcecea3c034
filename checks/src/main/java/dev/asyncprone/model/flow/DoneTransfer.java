package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.TypeTag;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.Awaits.Await;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.javac.Trees;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.analysis.UnusedAbstractValue;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.EqualToNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.InstanceOfNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.NotEqualNode;
import org.jspecify.annotations.Nullable;

/**
 * How each node changes which futures are known done ({@link KnownDone}): an await that returns
 * makes its future done (and the futures it completes after); a completion probe does so where it
 * is true; a Guava precondition where it passes; an assignment forgets what was known of its
 * variable and learns what its value says (a future taken from a completion queue, an all-of, a
 * copy of another variable).
 */
final class DoneTransfer extends RecordingTransfer<DoneFacts> {
  private final int depth;
  private final VisitorState state;

  DoneTransfer(DoneFacts entry, Map<Node, DoneFacts> recorded, int depth, VisitorState state) {
    super(entry, recorded);
    this.depth = depth;
    this.state = state;
  }

  @Override
  protected TransferResult<UnusedAbstractValue, DoneFacts> flow(
      Node node, TransferInput<UnusedAbstractValue, DoneFacts> input) {
    if (node instanceof MethodInvocationNode invocation) {
      return invocation(invocation, input);
    }
    if (node instanceof EqualToNode
        || node instanceof NotEqualNode
        || node instanceof InstanceOfNode) {
      return condition(node, input);
    }
    if (node instanceof AssignmentNode assignment) {
      return regular(assignment(assignment, input.getRegularStore()));
    }
    return pass(node, input);
  }

  private TransferResult<UnusedAbstractValue, DoneFacts> invocation(
      MethodInvocationNode node, TransferInput<UnusedAbstractValue, DoneFacts> input) {
    MethodInvocationTree call = node.getTree();
    if (call == null) {
      return pass(node, input);
    }
    DoneFacts before = input.getRegularStore();
    Await await = Awaits.of(call, state);
    if (await != null) {
      AsyncKind kind = AsyncTypes.kindOf(await.future(), state);
      if (await.future() == null || (kind != null && kind.isLazy())) {
        return pass(node, input); // a publisher runs again for each subscriber: once proves nothing
      }
      Set<Symbol> done = new HashSet<>(Trees.rootSymbols(await.future(), state));
      done.addAll(Completions.sources(await.future(), state));
      return regular(before.withDone(done));
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method != null
        && Libraries.isPrecondition(method, state)
        && !call.getArguments().isEmpty()) {
      return regular(
          before.withDone(DoneConditions.whenTrue(call.getArguments().get(0), depth, state)));
    }
    if (method != null && method.getReturnType().getTag() == TypeTag.BOOLEAN) {
      Set<Symbol> whenTrue = DoneConditions.whenTrue(call, depth, state);
      if (!whenTrue.isEmpty()) {
        return conditional(before.withDone(whenTrue), before);
      }
    }
    return pass(node, input);
  }

  private TransferResult<UnusedAbstractValue, DoneFacts> condition(
      Node node, TransferInput<UnusedAbstractValue, DoneFacts> input) {
    if (!(node.getTree() instanceof ExpressionTree condition)) {
      return pass(node, input);
    }
    Set<Symbol> whenTrue = DoneConditions.whenTrue(condition, depth, state);
    Set<Symbol> whenFalse = DoneConditions.whenFalse(condition, depth, state);
    if (whenTrue.isEmpty() && whenFalse.isEmpty()) {
      return pass(node, input);
    }
    DoneFacts before = input.getRegularStore();
    return conditional(before.withDone(whenTrue), before.withDone(whenFalse));
  }

  private DoneFacts assignment(AssignmentNode node, DoneFacts before) {
    Symbol variable = assigned(node.getTarget());
    if (variable == null) {
      return before;
    }
    DoneFacts after = before.assigned(variable);
    ExpressionTree value = valueOf(node.getTree());
    if (value == null) {
      return after;
    }
    if (CompletionQueues.isTakeOfDone(value, state)) {
      return after.withDone(Set.of(variable));
    }
    if (value instanceof IdentifierTree || value instanceof MemberSelectTree) {
      Symbol other = ASTHelpers.getSymbol(value);
      if (other != null && other != variable) {
        // g = f: the same future (or array of futures) under two names, either done when the
        // other is, until one of them is assigned.
        after = after.withImplied(variable, Set.of(other)).withImplied(other, Set.of(variable));
        return before.isDone(other) ? after.withDone(Set.of(variable)) : after;
      }
    }
    if (isElementOfDone(value, before)) {
      // f = executions.get(slot), f = futures[i]: an element of a collection whose futures are
      // all done
      return after.withDone(Set.of(variable));
    }
    if (AsyncTypes.isFutureLike(ASTHelpers.getType(value), state)) {
      Set<Symbol> sources = new HashSet<>(Completions.sources(value, state));
      sources.remove(variable);
      return after.withImplied(variable, sources);
    }
    if (value instanceof MethodInvocationTree copy
        && JdkTypes.ELEMENT_COPIES.contains(Trees.methodName(copy))) {
      // futures = list.toArray(new CompletableFuture<?>[0]): the same futures.
      Set<Symbol> sources = new HashSet<>(Trees.rootSymbols(copy, state));
      for (ExpressionTree argument : copy.getArguments()) {
        sources.addAll(Trees.rootSymbols(argument, state));
      }
      sources.remove(variable);
      return after.withImplied(variable, sources);
    }
    return after;
  }

  /**
   * True if {@code value} reads one element ({@code m.get(k)}, {@code list.get(i)}, {@code a[i]})
   * of a collection, map or array of futures known done, all of them.
   */
  private boolean isElementOfDone(ExpressionTree value, DoneFacts before) {
    if (!AsyncTypes.isFutureLike(ASTHelpers.getType(value), state)) {
      return false;
    }
    ExpressionTree container;
    if (value instanceof ArrayAccessTree access) {
      container = access.getExpression();
    } else if (value instanceof MethodInvocationTree read
        && JdkTypes.ELEMENT_READS.contains(Trees.methodName(read))
        && Awaits.of(read, state) == null) {
      container = Trees.receiver(read);
      if (container == null
          || !(AsyncTypes.isSubtypeNamed(ASTHelpers.getType(container), JdkTypes.MAP, state)
              || AsyncTypes.isSubtypeNamed(
                  ASTHelpers.getType(container), JdkTypes.COLLECTION, state))) {
        return false;
      }
    } else {
      return false;
    }
    Set<Symbol> roots = Trees.rootSymbols(container, state);
    return !roots.isEmpty() && before.anyDone(roots);
  }

  private static @Nullable Symbol assigned(Node target) {
    if (target instanceof LocalVariableNode local) {
      return (Symbol) local.getElement();
    }
    if (target instanceof FieldAccessNode field) {
      return (Symbol) field.getElement();
    }
    return null;
  }

  private static @Nullable ExpressionTree valueOf(@Nullable Tree assignment) {
    ExpressionTree value = null;
    if (assignment instanceof AssignmentTree a) {
      value = a.getExpression();
    } else if (assignment instanceof VariableTree v) {
      value = v.getInitializer();
    }
    return value == null ? null : ASTHelpers.stripParentheses(value);
  }
}
