package dev.asyncprone.model.await;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.BlockingCatalog;
import dev.asyncprone.model.api.libraries.AwaitRule;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.TimedTwin;
import dev.asyncprone.model.flow.KnownDone;
import dev.asyncprone.model.javac.AssignedValues;
import dev.asyncprone.model.javac.Trees;
import java.util.Collections;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Waits with no bound ({@code get()}, {@code join()}, {@code block()}, {@code
 * CountDownLatch.await()}, {@code take()}, {@code acquire()}, {@code Thread.join()}, ...): the
 * awaits of the library tables and the waits of the blocking catalog that have a timed twin, each
 * with how to bound it ({@link TimedTwin}), where the code around them has not bounded them
 * already. The rewrites that add a bound are {@code fix/WaitBounds}.
 */
public final class Timeouts {
  /** The names of the calls that try a wait's object without waiting. */
  private static final String TRY = "try";

  private static final ImmutableSet<String> NON_BLOCKING_TRIES = ImmutableSet.of("poll", "offer");

  /**
   * An unbounded wait: the call or method reference, its sort, the name to show ({@code join()},
   * {@code await().indefinitely()}), and what it waits on (null where the code does not show it).
   */
  public record Wait(
      Tree tree, TimedTwin bound, String display, @Nullable ExpressionTree subject) {}

  private Timeouts() {}

  /**
   * The unbounded wait {@code tree} (a method invocation or reference at {@code state}'s path) is,
   * or null: a bounded wait, one bounded upstream ({@code orTimeout}, {@code timeout}), one on a
   * future known to be done or awaited earlier, and the fork/join idiom's {@code join()} are not.
   */
  public static @Nullable Wait of(Tree tree, VisitorState state) {
    if (!(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method)) {
      return null;
    }
    Awaits.Await await = Awaits.of(tree, state);
    if (await != null) {
      if (await.bounded() || hasTimeoutUpstream(await.future())) {
        return null;
      }
      TimedTwin bound = awaitBound(method, state);
      // Whether the future is known done runs a flow analysis of the method: asked last.
      return bound == null
              || isInsideUnboundedWait(await.future(), state)
              || WaitContracts.isInAFuturesMachinery(state)
              || isUntimedHalfOfATimedChoice(await.future(), state)
              || KnownDone.isKnownDone(await, state)
          ? null
          : new Wait(tree, bound, await.display(), await.future());
    }
    TimedTwin bound = otherBound(method, state);
    if (bound == null) {
      return null;
    }
    ExpressionTree receiver =
        tree instanceof MemberReferenceTree reference
            ? (ASTHelpers.getSymbol(reference.getQualifierExpression())
                    instanceof Symbol.ClassSymbol
                ? null
                : reference.getQualifierExpression())
            : ASTHelpers.getReceiver((ExpressionTree) tree);
    return isInsideUnboundedWait(receiver, state) || isUntimedHalfOfATimedChoice(receiver, state)
        ? null
        : new Wait(tree, bound, method.getSimpleName() + "()", receiver);
  }

  /**
   * True for a wait on {@code subject} in one branch of an {@code if} or {@code ?:} whose other
   * branch waits on the same object with a timeout: {@code if (timed) f = queue.poll(nanos,
   * NANOSECONDS); else f = queue.take();}. The code offers the bound; the caller chose none. Also a
   * wait on {@code subject} in a method that takes a timeout and waits on the same object with a
   * timeout elsewhere: {@code if (timeout > 0 && !cmd.await(timeout, unit)) throw ...; return
   * cmd.get();}, where the untimed wait runs once the timed one succeeded or where the caller asked
   * for no timeout. Not where the branch's condition is fixed ({@link AssignedValues#fixedValue}: a
   * final flag that every constructor sets to {@code true}): only one side ever runs, so the code
   * offers no choice.
   */
  private static boolean isUntimedHalfOfATimedChoice(
      @Nullable ExpressionTree subject, VisitorState state) {
    Set<Symbol> waitedOn = Trees.rootSymbols(subject, state);
    if (waitedOn.isEmpty()) {
      return false;
    }
    TreePath child = state.getPath();
    for (TreePath path = child.getParentPath();
        path != null;
        child = path, path = path.getParentPath()) {
      Tree leaf = path.getLeaf();
      Tree other = null;
      if (leaf instanceof IfTree ifTree) {
        other =
            otherBranch(
                ifTree.getCondition(),
                ifTree.getThenStatement(),
                ifTree.getElseStatement(),
                child.getLeaf(),
                state);
      } else if (leaf instanceof ConditionalExpressionTree conditional) {
        other =
            otherBranch(
                conditional.getCondition(),
                conditional.getTrueExpression(),
                conditional.getFalseExpression(),
                child.getLeaf(),
                state);
      } else if (leaf instanceof MethodTree method) {
        return takesTimeout(method, state)
            && method.getBody() != null
            && waitsWithTimeoutOn(method.getBody(), waitedOn, state);
      } else if (leaf instanceof ClassTree || leaf instanceof LambdaExpressionTree) {
        return false;
      }
      if (other != null
          && (waitsWithTimeoutOn(other, waitedOn, state)
              || triesWithoutWaitingOn(other, waitedOn, state))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The branch beside {@code branch}, one of the two a condition chooses between; null if {@code
   * branch} is neither, or the condition cannot change ({@link AssignedValues#fixedValue}), so that
   * only one of them ever runs.
   */
  private static @Nullable Tree otherBranch(
      ExpressionTree condition,
      @Nullable Tree whenTrue,
      @Nullable Tree whenFalse,
      Tree branch,
      VisitorState state) {
    if ((branch != whenTrue && branch != whenFalse)
        || AssignedValues.fixedValue(condition, state) != null) {
      return null;
    }
    return branch == whenTrue ? whenFalse : whenTrue;
  }

  /**
   * True if {@code tree} tries one of {@code objects} without waiting: a call named {@code try...},
   * {@code poll} or {@code offer} on it ({@code semaphore.tryAcquire()}), also by a method
   * reference handed to a call on it ({@code semaphore.map(Semaphore::tryAcquire)}). Beside a
   * branch that waits on the same object, it makes the wait the blocking half of a choice the code
   * offers, as pulsar's {@code if (conf.isBlockIfQueueFull()) semaphore.acquire(); else if
   * (!semaphore.tryAcquire()) fail();}: the configuration chose to block.
   */
  private static boolean triesWithoutWaitingOn(Tree tree, Set<Symbol> objects, VisitorState state) {
    return Trees.anyCall(
        tree,
        call -> {
          if (Collections.disjoint(Trees.rootSymbols(Trees.receiver(call), state), objects)) {
            return false;
          }
          if (isTryWithoutWaiting(call, state)) {
            return true;
          }
          for (ExpressionTree argument : call.getArguments()) {
            if (ASTHelpers.stripParentheses(argument) instanceof MemberReferenceTree reference
                && isTryWithoutWaiting(reference, state)) {
              return true;
            }
          }
          return false;
        });
  }

  private static boolean isTryWithoutWaiting(Tree call, VisitorState state) {
    String name = Trees.methodName(call);
    return (name.startsWith(TRY) || NON_BLOCKING_TRIES.contains(name))
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol m
        && TimedTwin.timeoutLength(m.getParameters(), state) == 0;
  }

  /** True if the last parameters of {@code method} are a timeout. */
  private static boolean takesTimeout(MethodTree method, VisitorState state) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    return symbol != null && TimedTwin.timeoutLength(symbol.getParameters(), state) > 0;
  }

  /**
   * True if {@code tree} calls, on one of {@code objects}, a method whose last parameters are a
   * timeout.
   */
  private static boolean waitsWithTimeoutOn(Tree tree, Set<Symbol> objects, VisitorState state) {
    return Trees.anyCall(
        tree,
        call -> {
          MethodSymbol method = ASTHelpers.getSymbol(call);
          return method != null
              && TimedTwin.timeoutLength(method.getParameters(), state) > 0
              && !Collections.disjoint(Trees.rootSymbols(Trees.receiver(call), state), objects);
        });
  }

  /**
   * True if a call of {@code method} is an unbounded wait, whatever it waits on: {@code get()} of a
   * Future, {@code take()} of a BlockingQueue, {@code await()} of a CountDownLatch, ... A method
   * that overrides or implements one is one too.
   */
  public static boolean isUnboundedWait(MethodSymbol method, VisitorState state) {
    return Awaits.isUnboundedAwait(method, state)
        ? awaitBound(method, state) != null
        : otherBound(method, state) != null;
  }

  /**
   * True if the code at {@code state}'s path, a wait on {@code subject}, runs in the body of a
   * method whose waits are its callers' choice ({@link WaitContracts}): a method that overrides or
   * implements an unbounded wait ({@code get()} of a ForwardingFuture, {@code take()} of a
   * forwarding BlockingQueue, Vert.x {@code Future.await()}), the untimed half of a pair whose
   * other half takes a timeout, the blocking form of an async method ({@code seek(id) {
   * seekAsync(id).get(); }}) or of one that takes a callback, a method annotated {@code @Blocking},
   * and a private method called only from such methods. Not inside a lambda or a class declared in
   * that method, which run at another time.
   */
  public static boolean isInsideUnboundedWait(
      @Nullable ExpressionTree subject, VisitorState state) {
    MethodSymbol method = WaitContracts.enclosingMethod(state.getPath());
    if (method == null) {
      return false;
    }
    WaitContracts.WaitContract contract = WaitContracts.of(method, state);
    if (contract.whole()) {
      return true;
    }
    ExpressionTree waitedOn = subject == null ? null : ASTHelpers.stripParentheses(subject);
    return waitedOn instanceof IdentifierTree
        && contract.untimed().contains(ASTHelpers.getSymbol(waitedOn));
  }

  /** How to bound the await {@code method} is, from its library's table; null if it is none. */
  private static @Nullable TimedTwin awaitBound(MethodSymbol method, VisitorState state) {
    AwaitRule rule = Awaits.ruleOf(method, state);
    return rule == null ? null : rule.twin();
  }

  /**
   * How to bound a call of {@code method}, a wait of the blocking catalog with a timed twin; null
   * where it has a bound already, or no twin.
   */
  private static @Nullable TimedTwin otherBound(MethodSymbol method, VisitorState state) {
    BlockingCatalog.Entry entry = BlockingCatalog.builtIn().entryFor(method, state);
    return entry == null || entry.untimed() == null || !entry.untimed().isUnbounded(method)
        ? null
        : entry.untimed().twin();
  }

  private static boolean hasTimeoutUpstream(@Nullable ExpressionTree future) {
    for (ExpressionTree e = future; e != null; e = Trees.receiver(e)) {
      if (e instanceof MethodInvocationTree && Libraries.isTimeoutOperator(Trees.methodName(e))) {
        return true;
      }
    }
    return false;
  }
}
