package dev.asyncprone.model.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.TimedTwin;
import dev.asyncprone.model.await.AsyncWraps;
import dev.asyncprone.model.await.Timeouts;
import dev.asyncprone.model.flow.HeldLocks;
import dev.asyncprone.model.javac.Exceptions;
import dev.asyncprone.model.javac.Imports;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.Options.Timeout;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The rewrites that bound a wait ({@link Timeouts}) where they compile in place. */
public final class WaitBounds {
  /** CompletableFuture's operator that fails it once a timeout passes (Java 9 on). */
  private static final String OR_TIMEOUT = "orTimeout";

  /** CompletableFuture's copy that completes with it, but whose own completion leaves it alone. */
  private static final String COPY = "copy";

  /** What gives back what a wait on a semaphore took. */
  private static final String RELEASE = "release";

  private WaitBounds() {}

  /** True if {@link #bound} may offer a fix for a wait bounded so. */
  public static boolean mayBound(TimedTwin bound) {
    return bound.ordinal() <= TimedTwin.PERMIT.ordinal();
  }

  /**
   * The rewrite that bounds {@code wait} by {@code t}, where it compiles in place and keeps what
   * the code does when the wait ends in time; null elsewhere. {@code get()} becomes {@code get(30,
   * TimeUnit.SECONDS)} where TimeoutException may be thrown, else, on a CompletableFuture, {@code
   * orTimeout(30, TimeUnit.SECONDS).get()}; {@code join()} becomes {@code orTimeout(30,
   * TimeUnit.SECONDS).join()}; {@code block()} becomes {@code block(Duration.ofSeconds(30))};
   * {@code latch.await();} becomes {@code if (!latch.await(30, TimeUnit.SECONDS)) { throw ...; }}.
   *
   * <p>None where the timeout would not surface as a failure: where the catch that receives it
   * neither throws nor reads it ({@code catch (CompletionException e) { return null; }}, which
   * would turn a slow future into the code's answer for a failed one), or where it would be thrown
   * with a lock released around the wait ({@link #isBetweenUnlockAndLock}).
   */
  public static @Nullable SuggestedFix bound(Timeouts.Wait wait, Timeout t, VisitorState state) {
    if (!(wait.tree() instanceof MethodInvocationTree call)
        || ASTHelpers.getReceiver(call) == null) {
      return null;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (takesItsOwnTimeout(state.getPath())
        || (wait.bound() == TimedTwin.PERMIT && isReleasedByFinally(receiver, state))
        || isBetweenUnlockAndLock(state)) {
      return null;
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    int closing = state.getEndPosition(call) - 1;
    switch (wait.bound()) {
      case GET:
        if (!Trees.methodName(call).equals("get")) {
          return null; // a twin named otherwise takes no timeout in its parentheses
        }
        if (Exceptions.isHandledAt(state.getPath(), Jdk.TIMEOUT_EXCEPTION, state)) {
          return isLost(Jdk.TIMEOUT_EXCEPTION, state)
              ? null
              : fix.replace(closing, closing, timeUnitArgs(t, fix, state)).build();
        }
        // A CompletableFuture that times out fails get() with the ExecutionException that the
        // code already handles.
        return AsyncTypes.isSubtypeNamed(
                ASTHelpers.getType(receiver), Jdk.COMPLETABLE_FUTURE, state)
            ? orTimeout(receiver, Jdk.EXECUTION_EXCEPTION, t, fix, state)
            : null;
      case JOIN:
        // orTimeout is CompletableFuture's: not on another type's join() (a ConnectionFuture)
        return AsyncTypes.isSubtypeNamed(
                ASTHelpers.getType(receiver), Jdk.COMPLETABLE_FUTURE, state)
            ? orTimeout(receiver, Jdk.COMPLETION_EXCEPTION, t, fix, state)
            : null;
      case DURATION:
        // Reactor's block(Duration) fails with an IllegalStateException when time runs out.
        return isLost(Jdk.ILLEGAL_STATE_EXCEPTION, state)
            ? null
            : fix.replace(closing, closing, duration(t, fix, state)).build();
      case AT_MOST:
        // Mutiny's TimeoutException is a RuntimeException.
        return isLost(Jdk.RUNTIME_EXCEPTION, state)
            ? null
            : fix.replace(
                    call,
                    state.getSourceForNode(receiver) + ".atMost(" + duration(t, fix, state) + ")")
                .build();
      case LATCH:
      case PERMIT:
        return isLost(Jdk.ILLEGAL_STATE_EXCEPTION, state)
            ? null
            : orFail(call, wait.bound(), t, fix, state);
      default:
        return null;
    }
  }

  /**
   * True for code in a method that takes a timeout of its own ({@code long, TimeUnit} or a {@code
   * Duration}): its caller chose the bound, or no bound, and a default would override that choice.
   */
  private static boolean takesItsOwnTimeout(TreePath path) {
    MethodSymbol method = Trees.methodRunning(path);
    return method != null
        && method.getParameters().stream()
            .anyMatch(
                p ->
                    p.type.tsym != null
                        && (p.type.tsym.getQualifiedName().contentEquals(Jdk.TIME_UNIT)
                            || p.type.tsym.getQualifiedName().contentEquals(JdkTypes.DURATION)));
  }

  /**
   * True for a wait in the body of a {@code try} whose {@code finally} calls {@code release} on the
   * same object: {@code try { permits.acquire(); ... } finally { permits.release(); }}. Bounded by
   * a {@code tryAcquire} that throws when time runs out, the finally would release a permit never
   * acquired.
   */
  private static boolean isReleasedByFinally(ExpressionTree receiver, VisitorState state) {
    TreePath path = state.getPath();
    Set<Symbol> acquired = Trees.rootSymbols(receiver, state);
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof TryTree attempt
          && attempt.getBlock() == child
          && attempt.getFinallyBlock() != null
          && releases(attempt.getFinallyBlock(), acquired, state)) {
        return true;
      }
      if (leaf instanceof MethodTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }

  /**
   * True if the timeout, thrown at the wait as {@code carrier}, would land in a catch that neither
   * throws nor reads it: the code would carry on with its fallback (caffeine's {@code
   * getWhenSuccessful}, {@code catch (CancellationException | CompletionException e) { return null;
   * }}, would answer "failed, no value" for a future that is only slow), and nothing says that a
   * bound ran out.
   */
  private static boolean isLost(String carrier, VisitorState state) {
    CatchTree receiving = Exceptions.catchOf(state.getPath(), carrier, state);
    return receiving != null && Exceptions.swallows(receiving);
  }

  /**
   * True if a copy of the future would send a cancellation to another catch than before: {@code
   * get()} and {@code join()} throw a cancelled future's CancellationException as it is, but a
   * copy's wrapped in {@code carrier} (ExecutionException, CompletionException), so a catch that
   * handles cancellation apart ({@code catch (CancellationException e) { return STATE_FAILED; }},
   * java-driver) would no longer see it.
   */
  private static boolean handlesCancellationApart(String carrier, VisitorState state) {
    CatchTree cancelled = Exceptions.catchOf(state.getPath(), Jdk.CANCELLATION_EXCEPTION, state);
    return cancelled != null && cancelled != Exceptions.catchOf(state.getPath(), carrier, state);
  }

  /**
   * True for a wait in a block (of its method or lambda) whose statements release a lock before it
   * and take the same lock again after it: {@code lock.unlock(); ...; latch.await(); lock.lock();}
   * (Vert.x's ReadStreamIterator, which lets go of its lock while the worker is parked). A timeout
   * thrown there leaves the lock released where the code around it expects it held: the {@code
   * finally { lock.unlock(); }} that follows throws IllegalMonitorStateException, which replaces
   * the timeout.
   */
  private static boolean isBetweenUnlockAndLock(VisitorState state) {
    Tree child = state.getPath().getLeaf();
    for (TreePath p = state.getPath().getParentPath();
        p != null;
        child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof BlockTree block) {
        List<? extends StatementTree> statements = block.getStatements();
        int at = statements.indexOf(child);
        Set<Symbol> released = new HashSet<>();
        for (int i = 0; i < at; i++) {
          released.addAll(lockCalled(statements.get(i), Jdk.UNLOCK, state));
        }
        for (int i = at + 1; !released.isEmpty() && i < statements.size(); i++) {
          if (!Collections.disjoint(
              lockCalled(statements.get(i), Jdk.LOCK_METHOD, state), released)) {
            return true;
          }
        }
      } else if (leaf instanceof MethodTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }

  /** The lock a statement {@code lock.name();} calls {@code name} on; empty for any other. */
  private static Set<Symbol> lockCalled(StatementTree statement, String name, VisitorState state) {
    return statement instanceof ExpressionStatementTree expression
            && expression.getExpression() instanceof MethodInvocationTree call
            && HeldLocks.isLockMethod(call, name, state)
        ? Trees.rootSymbols(Trees.receiver(call), state)
        : Set.of();
  }

  private static boolean releases(Tree tree, Set<Symbol> acquired, VisitorState state) {
    return Trees.anyCall(
        tree,
        call ->
            Trees.methodName(call).equals(RELEASE)
                && !Collections.disjoint(Trees.rootSymbols(Trees.receiver(call), state), acquired));
  }

  /** {@code orTimeout} before the wait, whose timeout then arrives wrapped in {@code carrier}. */
  private static @Nullable SuggestedFix orTimeout(
      ExpressionTree receiver,
      String carrier,
      Timeout t,
      SuggestedFix.Builder fix,
      VisitorState state) {
    if (!(state.getSymbolFromString(Jdk.COMPLETABLE_FUTURE) instanceof Symbol.ClassSymbol future)
        || future.members().findFirst(state.getName(OR_TIMEOUT)) == null) {
      return null; // compiled for Java 8, which has no orTimeout
    }
    if (isLost(carrier, state)) {
      return null;
    }
    // orTimeout fails the future it is called on: on a future others may hold too (a variable, a
    // field, what a method hands back, perhaps from a cache), bound a copy of it instead, so that
    // only this wait gives up.
    boolean madeHere = isMadeHere(receiver, state);
    if (!madeHere && handlesCancellationApart(carrier, state)) {
      return null;
    }
    String copy = madeHere ? "" : "." + COPY + "()";
    return fix.postfixWith(
            receiver, copy + "." + OR_TIMEOUT + "(" + timeUnitArgs(t, fix, state) + ")")
        .build();
  }

  /**
   * True for a future this expression makes, which nothing else holds: a stage made from another
   * ({@code f.thenApply(...)}, {@code handle(...)}), {@code supplyAsync}/{@code runAsync}, an
   * all-of. Not a stage method that hands back the future it is called on ({@code
   * stage.toCompletableFuture()}, java-driver's {@code getUninterruptibly(stage)}: the caller's own
   * future).
   */
  private static boolean isMadeHere(ExpressionTree receiver, VisitorState state) {
    if (!(ASTHelpers.stripParentheses(receiver) instanceof MethodInvocationTree call)) {
      return false;
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || Jdk.SAME_FUTURE.contains(Symbols.name(method, state))) {
      return false;
    }
    return (!method.isStatic() && Libraries.stageCallbacks(method, state) != null)
        || AsyncWraps.isSupplyOrRunAsync(call, state)
        || Libraries.isAllOf(method, state);
  }

  /**
   * {@code latch.await();} to {@code if (!latch.await(30, TimeUnit.SECONDS)) { throw new
   * IllegalStateException(...); }}, and {@code acquire()} to {@code tryAcquire(...)} alike: the
   * code after it still runs only once the latch opened or the permit came. Only for a statement of
   * a block, where an if statement may stand; not for {@code acquireUninterruptibly()}, whose
   * bounded form throws InterruptedException.
   */
  private static @Nullable SuggestedFix orFail(
      MethodInvocationTree call,
      TimedTwin bound,
      Timeout t,
      SuggestedFix.Builder fix,
      VisitorState state) {
    TreePath statement = state.getPath().getParentPath();
    if (!(statement.getLeaf() instanceof ExpressionStatementTree)
        || !(statement.getParentPath().getLeaf() instanceof BlockTree)
        || Trees.methodName(call).equals("acquireUninterruptibly")) {
      return null;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    String label = Trees.label(receiver, state).replace("\\", "\\\\").replace("\"", "\\\"");
    String permits =
        call.getArguments().isEmpty()
            ? ""
            : state.getSourceForNode(call.getArguments().get(0)) + ", ";
    String timed =
        bound == TimedTwin.LATCH
            ? "await(" + timeUnitArgs(t, fix, state) + ")"
            : "tryAcquire(" + permits + timeUnitArgs(t, fix, state) + ")";
    String failure =
        label
            + (bound == TimedTwin.LATCH ? " did not count down" : " did not grant a permit")
            + " within "
            + t.describe();
    return fix.replace(
            statement.getLeaf(),
            "if (!"
                + state.getSourceForNode(receiver)
                + "."
                + timed
                + ") { throw new IllegalStateException(\""
                + failure
                + "\"); }")
        .build();
  }

  private static String timeUnitArgs(Timeout t, SuggestedFix.Builder fix, VisitorState state) {
    return t.amount() + ", " + Imports.qualify(state, fix, Jdk.TIME_UNIT) + "." + t.timeUnitName();
  }

  private static String duration(Timeout t, SuggestedFix.Builder fix, VisitorState state) {
    return Imports.qualify(state, fix, JdkTypes.DURATION)
        + "."
        + t.durationFactory()
        + "("
        + t.amount()
        + ")";
  }
}
