package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.fix.Fixes;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Uses;
import dev.asyncprone.model.observe.Chains;
import dev.asyncprone.model.observe.Drops;
import dev.asyncprone.model.observe.Drops.Drop;
import dev.asyncprone.model.observe.ErrorProneTwins;
import dev.asyncprone.model.observe.NestedFutures;
import dev.asyncprone.model.observe.Subscriptions;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import dev.asyncprone.model.support.Options;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/** A future or publisher that nobody sees finish or fail, or a publisher that never runs. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A future or publisher is dropped where nobody sees it finish or fail; a publisher that"
            + " nothing subscribes to never runs at all",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.CHECKS + "UnobservedFuture.md")
public final class UnobservedFuture extends BugChecker
    implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher {
  private final Contexts contexts;

  /** For ServiceLoader, which finds the check; Error Prone makes it with the injected one. */
  public UnobservedFuture() {
    this(new Contexts(Options.defaults()));
  }

  /** With the compilation's one {@link Contexts}, shared by every check that asks for it. */
  @Inject
  UnobservedFuture(Contexts contexts) {
    this.contexts = contexts;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          Subscriptions.Subscription subscription = Subscriptions.of(state.getPath(), state);
          if (subscription != null) {
            return withoutErrorConsumer(subscription, state);
          }
          Description nested = nestedFuture(tree, state);
          return nested != Description.NO_MATCH ? nested : dropped(state);
        });
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return Guard.safely(() -> dropped(state));
  }

  private Description dropped(VisitorState state) {
    Drop drop = Drops.of(state.getPath(), state);
    if (drop == null || ErrorProneTwins.reporting(state.getPath(), state) != null) {
      // Where Error Prone's own check reports the dropped result, it is one mistake: say nothing.
      return Description.NO_MATCH;
    }
    String what =
        (drop.tree() instanceof MemberReferenceTree
                ? state.getSourceForNode(drop.tree())
                : Trees.label((ExpressionTree) drop.tree(), state))
            + " returns a "
            + drop.kind().simpleName()
            + " that "
            + drop.use().describeDrop();
    Description.Builder description = buildDescription(drop.tree());
    SuggestedFix fix = null;
    switch (drop.shape()) {
      case NEVER_SUBSCRIBED:
        description.setMessage(
            isAbstract(drop.tree())
                ? what
                    + ", and nothing subscribes to it: a publisher runs only when subscribed, so"
                    + " unless the implementation that runs here does its work before it returns"
                    + " (some do, and return a publisher that only reports it), its work never"
                    + " happens, and either way its failure is lost. Return it, or compose it into"
                    + " the pipeline that is returned (then, flatMap, concatMap)."
                : what
                    + ", and nothing subscribes to it, so its work never happens (nothing is"
                    + " saved, sent or written, and no error is raised): a publisher runs only"
                    + " when subscribed. Return it, or compose it into the pipeline that is"
                    + " returned (then, flatMap, concatMap).");
        fix =
            drop.use().kind() == Uses.Kind.STATEMENT
                ? Fixes.thenBeforeReturn(drop.use().user(), drop.tree(), drop.kind(), state)
                : compose(drop, state);
        severe(description, state);
        break;
      case SUBMITTED_TASK:
        description.setMessage(
            what
                + ": if the task throws, its exception is kept in that Future and nobody reads"
                + " it, so the failure vanishes without a trace. "
                + (drop.tree() instanceof MethodInvocationTree submit
                        && Drops.executeKeepsFailures(submit, state)
                    ? "On a ScheduledExecutorService, execute(...) may keep it in a Future too"
                        + " (the JDK's ScheduledThreadPoolExecutor runs every task as one): catch"
                        + " and log inside the task, or keep the Future and check it."
                    : "Use execute(...), which passes the exception to the thread's"
                        + " uncaught-exception handler, or keep the Future and check it."));
        fix = Fixes.returnDroppedAtEnd(drop, state);
        fix = fix != null ? fix : Fixes.executeInstead(drop.tree(), state);
        break;
      case IN_VOID_CALLBACK:
        description.setMessage(
            what
                + ", so nothing waits for it, and if it fails nobody sees the exception."
                + " Compose it (thenCompose, transformAsync, compose, flatMap), collect and combine"
                + " the futures (CompletableFuture.allOf, Futures.allAsList), or end its chain"
                + " with a stage that handles failure (whenComplete, exceptionally).");
        fix = compose(drop, state);
        break;
      case UNHANDLED_CHAIN:
        description.setMessage(
            what
                + ", and no stage of its chain handles failure: if it fails, the exception is"
                + " stored in a future that nobody reads, and is never logged or seen. Return or"
                + " store the future so that a caller can wait for it, or end the chain with a"
                + " stage that handles failure (whenComplete, exceptionally; Guava"
                + " Futures.addCallback; Vert.x onFailure).");
        fix = Fixes.returnDroppedAtEnd(drop, state);
        break;
    }
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  /**
   * True if the dropped call is one of the object's own abstract methods, called on itself ({@code
   * close(status)} in an abstract class whose subclasses implement it): which implementation runs,
   * and whether it works before it returns, the code here cannot show. Not a collaborator's ({@code
   * repository.save(order)}): an interface's publisher runs when subscribed.
   */
  private static boolean isAbstract(Tree dropped) {
    Symbol method = ASTHelpers.getSymbol(dropped);
    if (!(dropped instanceof MethodInvocationTree call)
        || method == null
        || (method.flags() & Flags.ABSTRACT) == 0) {
      return false;
    }
    ExpressionTree receiver = Trees.receiver(call);
    return receiver == null || Trees.isThis(ASTHelpers.stripParentheses(receiver));
  }

  /**
   * {@code thenAccept(x -> saveAsync(x))} to {@code thenCompose}, {@code doOnNext} to concatMap.
   */
  private static @Nullable SuggestedFix compose(Drop drop, VisitorState state) {
    MethodInvocationTree call = drop.use().handedTo();
    if (call == null || drop.use().kind() != Uses.Kind.VOID_CALLBACK) {
      return null;
    }
    ExpressionTree inner =
        drop.tree() instanceof ExpressionTree ? (ExpressionTree) drop.tree() : null;
    return Fixes.composeCallback(
        call,
        drop.use().user(),
        inner,
        drop.kind(),
        AsyncTypes.isVoidValued(drop.type(), state),
        state);
  }

  /** {@code thenApply(x -> fetchAsync(x))}: a future of a future, whose inner one is lost. */
  private Description nestedFuture(MethodInvocationTree tree, VisitorState state) {
    NestedFutures.Nested nested = NestedFutures.of(state.getPath(), state);
    if (nested == null || ErrorProneTwins.reportingNested(state.getPath(), state) != null) {
      // Where Error Prone's own check reports the future of a future, it is one mistake.
      return Description.NO_MATCH;
    }
    AsyncKind inner = nested.inner();
    String twin = nested.twin(state);
    Description.Builder description =
        buildDescription(tree)
            .setMessage(
                String.format(
                    "%s's function returns a %s, so this is a %s, and %s: %s. Use %s, which waits"
                        + " for the inner %s and passes its failure on.",
                    Trees.methodName(tree),
                    inner.simpleName(),
                    SuggestedFixes.prettyType(nested.type(), state),
                    nested.lost(),
                    inner.isLazy()
                        ? "the inner "
                            + inner.simpleName()
                            + " is never subscribed, so its work"
                            + " never happens"
                        : "nobody waits for the inner " + inner.simpleName() + " or sees it fail",
                    twin == null ? "a composing operator (flatMap, compose)" : twin + "(...)",
                    inner.simpleName()));
    SuggestedFix fix = Fixes.composeNested(nested, state);
    if (fix != null) {
      description.addFix(fix);
    }
    if (inner.isLazy()) {
      severe(description, state);
    }
    return description.build();
  }

  /** {@code flux.subscribe()}: an error has nowhere to go but the global dropped-error hook. */
  private Description withoutErrorConsumer(
      Subscriptions.Subscription subscription, VisitorState state) {
    if (subscription.handlesErrors()
        || Chains.handlesFailure(subscription.publisher(), state)
        || Chains.failuresHandledInside(subscription.publisher(), state)
        || Subscriptions.forwardsOwnSubscribe(subscription, state.getPath(), state)
        || Subscriptions.nestedIn(contexts, state) != null) {
      return Description.NO_MATCH;
    }
    return buildDescription(subscription.call())
        .setMessage(
            String.format(
                "This subscribes to %s with no error consumer: if it fails, the error goes to %s,"
                    + " far from this code, and nothing here sees it or reacts. Pass an error"
                    + " consumer (subscribe(value -> ..., error -> ...)), or handle errors in the"
                    + " chain (doOnError, onErrorResume).",
                subscription.publisher() == null
                    ? "this publisher"
                    : Trees.label(subscription.publisher(), state),
                subscription.droppedErrorHook()))
        .build();
  }

  /**
   * A publisher that never runs is an error, not a warning, unless the build sets this check's
   * severity itself ({@code -Xep:UnobservedFuture:WARN}), which then applies to every finding, or
   * makes every error a warning ({@code -XepAllErrorsAsWarnings}).
   */
  // overrideSeverity is restricted because an override can hide the build's own -Xep severity;
  // this one applies only where the build set none for this check and does not demote errors.
  @SuppressWarnings("RestrictedApi")
  private void severe(Description.Builder description, VisitorState state) {
    if (!state.errorProneOptions().isDropErrorsToWarnings()
        && !state.errorProneOptions().getSeverityMap().containsKey(canonicalName())) {
      description.overrideSeverity(SeverityLevel.ERROR);
    }
  }
}
