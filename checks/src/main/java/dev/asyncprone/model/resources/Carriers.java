package dev.asyncprone.model.resources;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Uses;
import dev.asyncprone.model.resources.LeakingWork.Leaves;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Where the future or publisher that carries work goes from one expression: through the operators
 * chained on it and the combinators it is given ({@code thenApply}, {@code allOf}, {@code
 * Mono.fromFuture}), until it is awaited, leaves the block (returned, passed on, dropped while it
 * runs), or is held in a variable, whose reads the caller follows in turn.
 */
final class Carriers {
  /** What becomes of the carrier. */
  enum Fate {
    /** Waited for where it is: {@code join()}, {@code block()}, {@code Futures.getUnchecked}. */
    AWAITED,
    /** Nothing this analysis can tell: a probe, a subscription, an operand. */
    IGNORED,
    /** It leaves the block while its work may run. */
    ESCAPED,
    /** Held in a variable (or a collection in one), whose reads decide. */
    HELD
  }

  /**
   * @param fate what becomes of it
   * @param leaves for ESCAPED, how it leaves
   * @param at the return, statement, call, declaration or assignment where that happens
   * @param carrier the expression that carries the work there
   * @param held for HELD, the variable; for an escape found through a variable, that variable
   * @param kind the carrier's future or publisher type
   */
  record Outcome(
      Fate fate,
      @Nullable Leaves leaves,
      TreePath at,
      TreePath carrier,
      @Nullable VarSymbol held,
      @Nullable AsyncKind kind) {

    Outcome through(VarSymbol variable) {
      return held != null ? this : new Outcome(fate, leaves, at, carrier, variable, kind);
    }
  }

  private static final int MAX_STEPS = 32;

  private Carriers() {}

  /**
   * What becomes of the carrier at {@code path}; {@code inBlock} tells the variables declared in
   * the block, whose collections hold what is added to them.
   */
  static Outcome follow(TreePath path, Predicate<Symbol> inBlock, VisitorState state) {
    TreePath carrier = path;
    for (int step = 0; step < MAX_STEPS; step++) {
      AsyncKind kind = AsyncTypes.kindOf(ASTHelpers.getType(carrier.getLeaf()), state);
      Uses.Use use = Uses.of(carrier, state);
      TreePath user = Trees.pathOf(use.user(), carrier);
      if (user == null) {
        break;
      }
      Tree future = carrier.getLeaf();
      if (use.kind() == Uses.Kind.CHAINED || use.kind() == Uses.Kind.PASSED) {
        if (awaits(use.user(), future, state)) {
          return new Outcome(Fate.AWAITED, null, user, carrier, null, kind);
        }
        if (isFutureLike(use.user(), state)) {
          carrier = user; // an operator on it, or a combinator given it: follow what it makes
          continue;
        }
      }
      switch (use.kind()) {
        case CHAINED:
          // uni.await().indefinitely(): the await is on the receiver's receiver.
          Uses.Use then = Uses.of(user, state);
          return then.kind() == Uses.Kind.CHAINED && awaits(then.user(), future, state)
              ? new Outcome(Fate.AWAITED, null, user, carrier, null, kind)
              : new Outcome(Fate.IGNORED, null, user, carrier, null, kind);
        case PASSED:
          ExpressionTree receiver =
              use.user() instanceof MethodInvocationTree call ? Trees.receiver(call) : null;
          for (Symbol root : Trees.rootSymbols(receiver, state)) {
            if (root instanceof VarSymbol collection && inBlock.test(collection)) {
              return new Outcome(Fate.HELD, null, user, carrier, collection, kind);
            }
          }
          return new Outcome(Fate.ESCAPED, Leaves.PASSED, user, carrier, null, kind);
        case RETURNED:
          return use.user() instanceof ReturnTree
              ? new Outcome(Fate.ESCAPED, Leaves.RETURNED, user, carrier, null, kind)
              : new Outcome(Fate.IGNORED, null, user, carrier, null, kind);
        case STORED:
          Tree target =
              use.user() instanceof AssignmentTree assignment
                  ? assignment.getVariable()
                  : use.user() instanceof VariableTree ? use.user() : null;
          return ASTHelpers.getSymbol(target) instanceof VarSymbol variable
              ? new Outcome(Fate.HELD, null, user, carrier, variable, kind)
              : new Outcome(Fate.IGNORED, null, user, carrier, null, kind);
        case STATEMENT:
          // A publisher nobody subscribes to does nothing.
          return kind != null && kind.isLazy()
              ? new Outcome(Fate.IGNORED, null, user, carrier, null, kind)
              : new Outcome(Fate.ESCAPED, Leaves.LEFT_RUNNING, user, carrier, null, kind);
        default:
          return new Outcome(Fate.IGNORED, null, user, carrier, null, kind);
      }
    }
    return new Outcome(Fate.IGNORED, null, carrier, carrier, null, null);
  }

  private static boolean isFutureLike(Tree tree, VisitorState state) {
    return AsyncTypes.kindOf(ASTHelpers.getType(tree), state) != null;
  }

  /** True if {@code call} waits for {@code future} and hands back its result. */
  private static boolean awaits(Tree call, Tree future, VisitorState state) {
    Awaits.Await await = Awaits.of(call, state);
    return await != null
        && !await.rule().handsBackLater()
        && await.future() != null
        && ASTHelpers.stripParentheses(await.future()) == future;
  }
}
