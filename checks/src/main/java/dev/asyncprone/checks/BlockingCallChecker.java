package dev.asyncprone.checks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import dev.asyncprone.model.context.AsyncContext;
import dev.asyncprone.model.context.BlockingCalls;
import dev.asyncprone.model.context.BlockingCalls.BlockingCall;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.support.Guard;

/**
 * The shape shared by the checks about where blocking happens: every call, constructor call and
 * method reference that may block (and does not wait for a future known to be done), by itself or
 * through the code it runs ({@link BlockingCalls#blockingAt}), in a context the check reports in,
 * is handed to the check with that context, which decides.
 */
abstract class BlockingCallChecker extends BugChecker
    implements MethodInvocationTreeMatcher, NewClassTreeMatcher, MemberReferenceTreeMatcher {

  private final BlockingCalls blockingCalls;
  private final Contexts contexts;

  BlockingCallChecker(BlockingCalls blockingCalls, Contexts contexts) {
    this.blockingCalls = blockingCalls;
    this.contexts = contexts;
  }

  /** The finding for a blocking call in its context, or NO_MATCH. */
  abstract Description matchBlockingCall(
      Tree tree, BlockingCall call, AsyncContext context, VisitorState state);

  @Override
  public final Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  @Override
  public final Description matchNewClass(NewClassTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  @Override
  public final Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  /**
   * True if a blocking call in {@code context} may be this check's finding. Asked first: where the
   * code runs costs less to tell than whether a call blocks, and most code runs where neither check
   * reports.
   */
  abstract boolean reportsIn(AsyncContext context);

  private Description match(Tree tree, VisitorState state) {
    blockingCalls.keepInferenceUpToDate(state);
    AsyncContext context = contexts.of(state);
    if (!reportsIn(context)) {
      return Description.NO_MATCH;
    }
    BlockingCall call = blockingCalls.blockingAt(tree, state);
    return call == null ? Description.NO_MATCH : matchBlockingCall(tree, call, context, state);
  }
}
