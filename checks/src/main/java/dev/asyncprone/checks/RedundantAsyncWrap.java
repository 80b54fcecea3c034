package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.await.AsyncWraps;
import dev.asyncprone.model.await.AsyncWraps.WaitingWrap;
import dev.asyncprone.model.context.AsyncContext;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.fix.FixSources;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import dev.asyncprone.model.support.Options;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/** An async hop whose only work is to wait for another future: supplyAsync(() -> f().join()). */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "An async wrap whose only work is to wait for another future: it holds a thread for the"
            + " whole wait and cancelling it does not cancel the work",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.CHECKS + "RedundantAsyncWrap.md")
public final class RedundantAsyncWrap extends BugChecker implements MethodInvocationTreeMatcher {

  private final Contexts contexts;

  /** For ServiceLoader, which finds the check; Error Prone makes it with the injected one. */
  public RedundantAsyncWrap() {
    this(new Contexts(Options.defaults()));
  }

  /** With the compilation's one {@link Contexts}, shared by every check that asks for it. */
  @Inject
  RedundantAsyncWrap(Contexts contexts) {
    this.contexts = contexts;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  private Description match(MethodInvocationTree tree, VisitorState state) {
    WaitingWrap waiting = AsyncWraps.waiting(tree, state);
    if (waiting == null) {
      return Description.NO_MATCH;
    }
    TreePath function = TreePath.getPath(state.getPath(), waiting.wrap().function());
    AsyncContext context = function == null ? null : contexts.of(function, state);
    String awaited = Trees.label(waiting.awaited(), state);
    String replacement = null;
    String advice;
    if (waiting.inTry()) {
      advice =
          "use '"
              + awaited
              + "' itself, with exceptionally(...)/handle(...) (onErrorResume for"
              + " publishers) for what the catch clauses do";
    } else if (waiting.await().bounded()) {
      advice =
          "use '" + awaited + "' itself, bounded with orTimeout(...) (timeout(...) for publishers)";
    } else if (movesCallbacks(waiting, context, state)) {
      advice =
          "use '"
              + awaited
              + "' itself; if the callbacks that follow must run on the executor,"
              + " "
              + awaited
              + ".thenApplyAsync(x -> x, executor) moves them there without"
              + " holding a thread";
    } else {
      replacement = replacement(waiting, state);
      advice =
          replacement != null
              ? "use the future itself: " + replacement
              : "use '" + awaited + "' itself, adapted to the type the callers need";
    }
    String message =
        waiting.wrap().methodName()
            + "(...) only waits for '"
            + awaited
            + "' with "
            + waiting.await().display()
            + ": it holds "
            + holder(context, state)
            + " for the whole wait, and cancelling what it returns does not cancel '"
            + awaited
            + "'; "
            + advice;
    Description.Builder description = buildDescription(tree).setMessage(message);
    if (replacement != null) {
      description.addFix(SuggestedFix.replace(tree, replacement));
    }
    return description.build();
  }

  /**
   * True where the wrap decides which thread runs the callbacks that follow, so that dropping it
   * would move them: a callback attached to it right here ({@code wrap.thenApply(...)}), or a
   * supplyAsync/runAsync given an executor of its own, whose dependents then run on that executor
   * rather than on the thread that completes the awaited future.
   */
  private static boolean movesCallbacks(
      WaitingWrap waiting, @Nullable AsyncContext context, VisitorState state) {
    return AsyncWraps.feedsCallback(state)
        || (AsyncWraps.isSupplyOrRunAsync(waiting.wrap().call(), state)
            && waiting.wrap().executor() != null
            && (context == null || context.kind() != AsyncContext.Kind.COMMON_POOL));
  }

  /** Who waits: the thread that runs the wrapped function. */
  private static String holder(@Nullable AsyncContext context, VisitorState state) {
    if (context == null) {
      return "a thread";
    }
    switch (context.kind()) {
      case COMMON_POOL:
      case NON_BLOCKING_EXECUTOR:
      case SUBSCRIPTION_TIME:
        return context.victim();
      case OFFLOADED:
        return context.source() == null
            ? "a thread"
            : "a thread of '" + Trees.label(context.source(), state) + "'";
      default:
        return "a thread";
    }
  }

  /**
   * The expression to put in place of the wrap: the awaited future, where its type is exactly the
   * wrap's; for a runAsync over a CompletableFuture of a value, {@code f.thenApply(ignored ->
   * null)} where the result is used as a future of Void, and {@code f} where it is dropped. Null
   * where no rewrite keeps the types.
   */
  private static @Nullable String replacement(WaitingWrap waiting, VisitorState state) {
    ExpressionTree awaited = waiting.awaited();
    Type wrapType = ASTHelpers.getType(waiting.wrap().call());
    Type awaitedType = ASTHelpers.getType(awaited);
    if (wrapType == null || awaitedType == null) {
      return null;
    }
    String source = state.getSourceForNode(awaited);
    if (state.getTypes().isSameType(wrapType, awaitedType)) {
      return source;
    }
    if (!AsyncWraps.isSupplyOrRunAsync(waiting.wrap().call(), state)
        || !waiting.wrap().runsVoidFunction(state)
        || AsyncTypes.kindOf(awaitedType, state) != AsyncKind.COMPLETABLE_FUTURE) {
      return null;
    }
    Tree parent = state.getPath().getParentPath().getLeaf();
    if (parent instanceof ExpressionStatementTree) {
      return awaited instanceof MethodInvocationTree ? source : null;
    }
    boolean typedTarget =
        (parent instanceof ReturnTree && returnsFromMethod(state))
            || parent instanceof AssignmentTree
            || (parent instanceof VariableTree
                && !ASTHelpers.hasImplicitType((VariableTree) parent, state));
    if (!typedTarget) {
      return null;
    }
    return source + ".thenApply(" + FixSources.freshName("ignored", state) + " -> null)";
  }

  /** True if the return statement around the wrap returns from a method, not from a lambda. */
  private static boolean returnsFromMethod(VisitorState state) {
    for (Tree tree : state.getPath()) {
      if (tree instanceof LambdaExpressionTree) {
        return false;
      }
      if (tree instanceof MethodTree) {
        return true;
      }
    }
    return false;
  }
}
