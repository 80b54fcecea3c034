package dev.asyncprone.model.flow;

import com.google.common.collect.Sets;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Library.CompletionProbe;
import dev.asyncprone.model.api.libraries.Library.DoneWhen;
import dev.asyncprone.model.api.libraries.TimedTwin;
import dev.asyncprone.model.javac.Trees;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * The futures a condition proves complete where it is true, and where it is false: {@code
 * f.isDone()}, {@code f.isSuccess()}, {@code f.isCompletedExceptionally()}, {@code f.getNow(null)
 * != null}, {@code f.state() == State.SUCCESS}, an {@code instanceof} test for a source whose value
 * is known when it is assembled, and helper methods that say so ({@link DoneSummaries}); through
 * {@code &&}, {@code ||} and {@code !}. A probe passed to another call ({@code log(f.isDone())}),
 * or inside a {@code ?:} or a switch, proves nothing; nor does {@code f.isDone() == false}.
 */
final class DoneConditions {
  /** The name of the timed waits that return whether the future completed in time. */
  private static final String AWAIT = "await";

  private DoneConditions() {}

  /**
   * The variables (or, for {@code this}, the class) whose futures are complete where {@code
   * condition} is true. {@code depth}: how many helper methods deep the question is asked.
   */
  static Set<Symbol> whenTrue(ExpressionTree condition, int depth, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    switch (e.getKind()) {
      case CONDITIONAL_AND:
        return Sets.union(
            whenTrue(((BinaryTree) e).getLeftOperand(), depth, state),
            whenTrue(((BinaryTree) e).getRightOperand(), depth, state));
      case CONDITIONAL_OR:
        return Sets.intersection(
            whenTrue(((BinaryTree) e).getLeftOperand(), depth, state),
            whenTrue(((BinaryTree) e).getRightOperand(), depth, state));
      case LOGICAL_COMPLEMENT:
        return whenFalse(((UnaryTree) e).getExpression(), depth, state);
      case INSTANCE_OF:
        return scalarSource((InstanceOfTree) e, state);
      case METHOD_INVOCATION:
        MethodInvocationTree call = (MethodInvocationTree) e;
        return probe(call, state) == DoneWhen.TRUE || isTimedAwait(call, state)
            ? Trees.rootSymbols(ASTHelpers.getReceiver(call), state)
            : DoneSummaries.provenBy(call, true, depth, state);
      case NOT_EQUAL_TO:
        return compared((BinaryTree) e, depth, state);
      case EQUAL_TO:
        return inCompletedState((BinaryTree) e, state);
      default:
        return Set.of();
    }
  }

  /** The variables whose futures are complete where {@code condition} is false. */
  static Set<Symbol> whenFalse(ExpressionTree condition, int depth, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    switch (e.getKind()) {
      case CONDITIONAL_OR:
        return Sets.union(
            whenFalse(((BinaryTree) e).getLeftOperand(), depth, state),
            whenFalse(((BinaryTree) e).getRightOperand(), depth, state));
      case CONDITIONAL_AND:
        return Sets.intersection(
            whenFalse(((BinaryTree) e).getLeftOperand(), depth, state),
            whenFalse(((BinaryTree) e).getRightOperand(), depth, state));
      case LOGICAL_COMPLEMENT:
        return whenTrue(((UnaryTree) e).getExpression(), depth, state);
      case EQUAL_TO:
        return compared((BinaryTree) e, depth, state);
      default:
        return Set.of();
    }
  }

  /**
   * For {@code a != b} where it is true (or {@code a == b} where it is false): {@code f.getNow(x)}
   * compared with the same {@code x}, or a helper that returns null unless its argument is done
   * ({@code getIfReady(f) != null}).
   */
  private static Set<Symbol> compared(BinaryTree comparison, int depth, VisitorState state) {
    ExpressionTree withNull = Trees.comparedWithNull(comparison);
    ExpressionTree left = ASTHelpers.stripParentheses(comparison.getLeftOperand());
    ExpressionTree right = ASTHelpers.stripParentheses(comparison.getRightOperand());
    for (ExpressionTree[] pair : new ExpressionTree[][] {{left, right}, {right, left}}) {
      if (pair[0] instanceof MethodInvocationTree call
          && probe(call, state) == DoneWhen.NOT_ITS_ARGUMENT
          && isItsArgument(call, pair[1])) {
        return Trees.rootSymbols(ASTHelpers.getReceiver(call), state);
      }
    }
    if (withNull instanceof MethodInvocationTree call) {
      return DoneSummaries.provenBy(call, false, depth, state);
    }
    return Set.of();
  }

  /** {@code f.state() == State.SUCCESS} (or {@code FAILED}, {@code CANCELLED}). */
  private static Set<Symbol> inCompletedState(BinaryTree comparison, VisitorState state) {
    for (ExpressionTree side : List.of(comparison.getLeftOperand(), comparison.getRightOperand())) {
      ExpressionTree e = ASTHelpers.stripParentheses(side);
      ExpressionTree other =
          side == comparison.getLeftOperand()
              ? comparison.getRightOperand()
              : comparison.getLeftOperand();
      Symbol constant = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(other));
      if (e instanceof MethodInvocationTree call
          && probe(call, state) == DoneWhen.IN_A_COMPLETED_STATE
          && constant != null
          && constant.getKind() == ElementKind.ENUM_CONSTANT
          && Jdk.COMPLETED_STATES.contains(constant.getSimpleName().toString())) {
        return Trees.rootSymbols(ASTHelpers.getReceiver(call), state);
      }
    }
    return Set.of();
  }

  /** True if {@code other} is the same constant or variable as the argument of {@code call}. */
  private static boolean isItsArgument(MethodInvocationTree call, ExpressionTree other) {
    if (call.getArguments().size() != 1) {
      return false;
    }
    ExpressionTree argument = ASTHelpers.stripParentheses(call.getArguments().get(0));
    if (argument instanceof LiteralTree a && other instanceof LiteralTree b) {
      return Objects.equals(a.getValue(), b.getValue());
    }
    Symbol a = ASTHelpers.getSymbol(argument);
    return a != null
        && (argument.getKind() == Tree.Kind.IDENTIFIER || argument instanceof MemberSelectTree)
        && a == ASTHelpers.getSymbol(other);
  }

  /**
   * True for {@code f.await(timeout, unit)} on a future, returning whether it completed in time
   * (Netty's Future, lettuce's RedisFuture): where it returned true, {@code f} is done.
   */
  private static boolean isTimedAwait(MethodInvocationTree call, VisitorState state) {
    MethodSymbol m = ASTHelpers.getSymbol(call);
    return m != null
        && !m.isStatic()
        && m.getReturnType().getTag() == TypeTag.BOOLEAN
        && m.getSimpleName().toString().startsWith(AWAIT)
        && !m.getParameters().isEmpty()
        && TimedTwin.timeoutLength(m.getParameters(), state) == m.getParameters().size()
        && AsyncTypes.isFutureLike(m.owner.type, state);
  }

  /** What the completion probe {@code call} is ({@code isDone()}, {@code getNow(x)}), or null. */
  private static @Nullable DoneWhen probe(MethodInvocationTree call, VisitorState state) {
    MethodSymbol m = ASTHelpers.getSymbol(call);
    CompletionProbe probe = m == null ? null : Libraries.completionProbe(m, state);
    return probe == null ? null : probe.doneWhen();
  }

  private static Set<Symbol> scalarSource(InstanceOfTree test, VisitorState state) {
    Type type = test.getType() == null ? null : ASTHelpers.getType(test.getType());
    if (type == null && test.getPattern() instanceof BindingPatternTree binding) {
      type = ASTHelpers.getType(binding.getVariable());
    }
    if (!Libraries.isScalarSource(type, state)) {
      return Set.of();
    }
    Set<Symbol> tested = new HashSet<>(Trees.rootSymbols(test.getExpression(), state));
    Symbol self = thisClass(test.getExpression());
    if (self != null) {
      tested.add(self);
    }
    return tested;
  }

  /** For the expression {@code this} (or {@code Outer.this}), the class it is; else null. */
  static @Nullable Symbol thisClass(@Nullable ExpressionTree expression) {
    if (expression == null) {
      return null;
    }
    Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(expression));
    return symbol instanceof Symbol.VarSymbol && symbol.getSimpleName().contentEquals("this")
        ? symbol.owner
        : null;
  }
}
