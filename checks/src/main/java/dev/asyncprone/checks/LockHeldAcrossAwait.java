package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.AssignmentTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.CompoundAssignmentTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.UnaryTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.context.AsyncContext;
import dev.asyncprone.model.context.BlockingCalls;
import dev.asyncprone.model.context.BlockingCalls.BlockingCall;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.flow.HeldLocks;
import dev.asyncprone.model.flow.HeldLocks.Held;
import dev.asyncprone.model.flow.KnownDone;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.locks.Locks;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import dev.asyncprone.model.support.Options;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;

/**
 * A lock held across a wait; a lock released in a callback, on another thread; state the lock
 * guards written by a callback that runs after the lock is released.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A monitor or Lock held across a blocking call, unlocked on another thread, or its state"
            + " written by a callback that runs after it is released",
    severity = ERROR,
    linkType = CUSTOM,
    link = Docs.CHECKS + "LockHeldAcrossAwait.md")
public final class LockHeldAcrossAwait extends BugChecker
    implements MethodInvocationTreeMatcher,
        NewClassTreeMatcher,
        AssignmentTreeMatcher,
        CompoundAssignmentTreeMatcher,
        UnaryTreeMatcher {
  /** Code handed over to run later, on a thread other than the one that holds the lock. */
  private static final Set<AsyncContext.Kind> ELSEWHERE =
      EnumSet.of(
          AsyncContext.Kind.STAGE_CALLBACK,
          AsyncContext.Kind.REACTIVE_OPERATOR,
          AsyncContext.Kind.EVENT_LOOP_HANDLER,
          AsyncContext.Kind.OFFLOADED,
          AsyncContext.Kind.COMMON_POOL,
          AsyncContext.Kind.NON_BLOCKING_EXECUTOR);

  private final BlockingCalls blockingCalls;
  private final Contexts contexts;
  private final Locks locks;

  /** For ServiceLoader, which finds the check; Error Prone makes it with the injected one. */
  public LockHeldAcrossAwait() {
    this(new BlockingCalls(Options.defaults()), new Contexts(Options.defaults()), new Locks());
  }

  /** With the compilation's one {@link BlockingCalls}, {@link Contexts} and {@link Locks}. */
  @Inject
  LockHeldAcrossAwait(BlockingCalls blockingCalls, Contexts contexts, Locks locks) {
    this.blockingCalls = blockingCalls;
    this.contexts = contexts;
    this.locks = locks;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(
        () ->
            HeldLocks.isLockMethod(tree, Jdk.UNLOCK, state)
                ? unlockElsewhere(tree, state)
                : heldAcross(tree, state));
  }

  @Override
  public Description matchNewClass(NewClassTree tree, VisitorState state) {
    return Guard.safely(() -> heldAcross(tree, state));
  }

  @Override
  public Description matchAssignment(AssignmentTree tree, VisitorState state) {
    return Guard.safely(() -> writeAfterRelease(tree, state));
  }

  @Override
  public Description matchCompoundAssignment(CompoundAssignmentTree tree, VisitorState state) {
    return Guard.safely(() -> writeAfterRelease(tree, state));
  }

  @Override
  public Description matchUnary(UnaryTree tree, VisitorState state) {
    return Guard.safely(() -> writeAfterRelease(tree, state));
  }

  /** 1. A blocking call while a monitor or lock is held. */
  private Description heldAcross(Tree tree, VisitorState state) {
    // Whether an await's future is known done runs a flow analysis: asked last, where a lock is
    // held.
    BlockingCall call = blockingCalls.of(tree, state);
    // Local file I/O under a lock is most often what the lock serializes (a journal, a file that
    // replaces a buffer, a keystore reloaded): it waits for the disk, not for another thread, and
    // on real code it was never the bug this check is for.
    if (call != null && call.isLocalFileIo()) {
      return Description.NO_MATCH;
    }
    List<Held> held = call == null ? List.of() : HeldLocks.at(state.getPath(), state);
    held = held.isEmpty() ? held : Locks.heldWhileWaiting(tree, held, state);
    if (held.isEmpty() || (call.isAwait() && KnownDone.isKnownDone(call.await(), state))) {
      return Description.NO_MATCH;
    }
    Held lock = held.get(held.size() - 1);
    boolean monitor = lock.kind() == HeldLocks.Kind.MONITOR;
    return buildDescription(tree)
        .setMessage(
            call.display()
                + " "
                + call.waitsFor()
                + " while this thread holds "
                + lock.describe()
                + (monitor ? "" : " (taken by " + Trees.methodName(lock.takenBy()) + "() above)")
                + ": every other thread that needs it waits as long"
                + (monitor
                    ? ", and a virtual thread blocked in a synchronized region is pinned to its"
                        + " carrier (JDK 21 to 23)"
                    : "")
                + ". Wait before taking the lock, or copy what it guards, release it, and then"
                + " wait.")
        .build();
  }

  /** 2. {@code unlock()} of a thread-owned lock in code that runs on another thread. */
  private Description unlockElsewhere(MethodInvocationTree tree, VisitorState state) {
    AsyncContext context = contexts.of(state);
    ExpressionTree lock = ASTHelpers.getReceiver(tree);
    if (!runsElsewhere(context)
        || lock == null
        || !Locks.isOwnedByThread(lock, state.getPath(), state)
        || isHeld(HeldLocks.lockName(tree, state), HeldLocks.at(state.getPath(), state))) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(
            "unlock() of '"
                + HeldLocks.lockName(tree, state)
                + "' runs later on another thread ("
                + context.where()
                + "), not on the thread that called lock(): a ReentrantLock"
                + " unlocked by a thread that does not hold it throws"
                + " IllegalMonitorStateException there, and the lock stays held, so every later"
                + " lock() waits forever. Release it on the thread that took it (lock(); try {"
                + " ... } finally { unlock(); }), or use a lock with no owner, such as a"
                + " Semaphore with one permit.")
        .build();
  }

  /** 3. A callback made under a lock writes a field that the lock guards, after the release. */
  private Description writeAfterRelease(Tree tree, VisitorState state) {
    VarSymbol field = Locks.writtenField(tree);
    if (field == null || !Trees.inFunctionalCode(state.getPath())) {
      return Description.NO_MATCH;
    }
    AsyncContext context = contexts.of(state);
    TreePath scope = runsElsewhere(context) ? Trees.pathOf(context.scope(), state) : null;
    if (scope == null) {
      return Description.NO_MATCH;
    }
    List<Held> atCallback = HeldLocks.at(scope, state);
    if (atCallback.isEmpty()) {
      return Description.NO_MATCH;
    }
    List<Held> here = HeldLocks.at(state.getPath(), state);
    String guardedBy = Locks.guardedBy(field);
    Set<String> inferred = guardedBy == null ? locks.writtenOnlyUnder(field, state) : Set.of();
    for (Held lock : atCallback) {
      boolean guards = lock.name().equals(guardedBy) || inferred.contains(lock.name());
      if (guards && !isHeld(lock.name(), here)) {
        return buildDescription(tree)
            .setMessage(
                "This callback writes '"
                    + field.getSimpleName()
                    + "', "
                    + (guardedBy != null
                        ? "@GuardedBy(\"" + guardedBy + "\")"
                        : "which every other write in "
                            + field.owner.getSimpleName()
                            + " makes while holding "
                            + lock.describe())
                    + ". It is created while "
                    + lock.describe()
                    + " is held, but runs later ("
                    + context.where()
                    + "), after the lock is released, so this write races"
                    + " with the guarded ones. Take the lock inside the callback too, or hand the"
                    + " value back to code that holds it.")
            .build();
      }
    }
    return Description.NO_MATCH;
  }

  private static boolean runsElsewhere(AsyncContext context) {
    return ELSEWHERE.contains(context.kind())
        && context.scope() != null
        && Trees.isFunctional(context.scope());
  }

  private static boolean isHeld(String name, List<Held> held) {
    return held.stream().anyMatch(h -> h.name().equals(name));
  }
}
