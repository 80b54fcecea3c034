package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.ErrorProneOptions.Severity;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.asyncprone.model.AsyncKind;
import dev.asyncprone.model.AsyncTypes;
import dev.asyncprone.model.Awaits;
import dev.asyncprone.model.Docs;
import dev.asyncprone.model.Exceptions;
import dev.asyncprone.model.Guard;
import dev.asyncprone.model.Options;
import dev.asyncprone.model.Options.Timeout;
import dev.asyncprone.model.Trees;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A wait with no bound. Quiet unless a build asks for it. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A wait with no bound (get(), join(), block(), await(), take(), acquire(), Thread.join());"
            + " quiet unless -XepOpt:AsyncProne:UnboundedWait=WARN or ERROR",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.CHECKS + "UnboundedWait.md")
public final class UnboundedWait extends BugChecker
    implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher {
  private static final Set<String> TIMEOUT_OPERATORS =
      Set.of("orTimeout", "completeOnTimeout", "timeout", "ifNoItem", "withTimeout");
  private static final Set<String> RX_WAITS =
      Set.of("blockingGet", "blockingFirst", "blockingLast", "blockingSingle", "blockingAwait");

  /** What a wait waits for, how to bound it, and the fix that does, if any. */
  private enum Bound {
    GET("to complete", "get(timeout, unit), handling TimeoutException"),
    JOIN("to complete", "orTimeout(timeout, unit).join(), or get(timeout, unit)"),
    DURATION("to emit", "the overload that takes a Duration"),
    AT_MOST("to emit", "await().atMost(Duration)"),
    LATCH("to count down", "await(timeout, unit), acting on the false it returns when time runs out"),
    PERMIT("to hand out a permit", "tryAcquire(timeout, unit), acting on a false result"),
    QUEUE("to receive an element", "poll(timeout, unit), acting on the null it returns"),
    THREAD("to finish", "join(millis) and then isAlive()"),
    RX("to emit", "the timeout(...) operator before it"),
    OTHER("to complete", "its variant with a timeout");

    final String waitsFor;
    final String advice;

    Bound(String waitsFor, String advice) {
      this.waitsFor = waitsFor;
      this.advice = advice;
    }
  }

  private final Optional<SeverityLevel> level;
  private final Optional<Timeout> timeout;

  public UnboundedWait() {
    this(ErrorProneFlags.empty());
  }

  public UnboundedWait(ErrorProneFlags flags) {
    Options options = Options.from(flags);
    this.level = options.unboundedWait();
    this.timeout = options.defaultTimeout();
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  private Description match(Tree tree, VisitorState state) {
    Severity explicit = state.errorProneOptions().getSeverityMap().get(canonicalName());
    boolean on = level.isPresent() || explicit == Severity.WARN || explicit == Severity.ERROR;
    Bound bound = on ? boundOf(tree, state) : null;
    if (bound == null) {
      return Description.NO_MATCH;
    }
    Awaits.Await await = Awaits.of(tree, state);
    ExpressionTree subject = await != null ? await.future() : receiver(tree);
    String message =
        (await != null ? await.display() : Trees.methodName(tree) + "()")
            + " waits for '"
            + (subject == null ? "this" : Trees.label(subject, state))
            + "' "
            + bound.waitsFor
            + " with no bound: if that never happens (a lost reply, a stuck peer, a deadlock), this"
            + " thread waits forever, holding whatever it holds, long after its caller gave up."
            + " Bound the wait: " + bound.advice;
    SuggestedFix fix = timeout.isPresent() ? fix(tree, bound, timeout.get(), state) : null;
    if (timeout.isEmpty() && bound.ordinal() <= Bound.PERMIT.ordinal()) {
      message += " (with -XepOpt:AsyncProne:DefaultTimeout=30s asyncprone suggests the fix)";
    }
    Description.Builder description = buildDescription(tree).setMessage(message + ".");
    if (level.orElse(WARNING) == SeverityLevel.ERROR
        && !state.errorProneOptions().isDropErrorsToWarnings()) {
      description.overrideSeverity(SeverityLevel.ERROR);
    }
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  private static @Nullable Bound boundOf(Tree tree, VisitorState state) {
    Symbol method = ASTHelpers.getSymbol(tree);
    if (method == null) {
      return null;
    }
    Awaits.Await await = Awaits.of(tree, state);
    if (await != null) {
      if (await.bounded()
          || hasTimeoutUpstream(await.future())
          || Awaits.isKnownDone(await, state)
          || Awaits.isAwaitedEarlier(await, state)) {
        return null;
      }
      String name = method.getSimpleName().toString();
      switch (name) {
        case "get":
          return method.isStatic() ? Bound.OTHER : Bound.GET;
        case "join":
          return AsyncTypes.isOwnedBy(method, AsyncKind.COMPLETABLE_FUTURE.className(), state)
              ? Bound.JOIN
              : null;
        case "block":
        case "blockOptional":
        case "blockFirst":
        case "blockLast":
          return Bound.DURATION;
        case "indefinitely":
          return Bound.AT_MOST;
        case "toIterable":
        case "toStream":
        case "asIterable":
        case "asStream":
          return null;
        default:
          return name.startsWith("blocking") ? (RX_WAITS.contains(name) ? Bound.RX : null) : Bound.OTHER;
      }
    }
    int arity = ((Symbol.MethodSymbol) method).getParameters().size();
    switch (method.getSimpleName().toString()) {
      case "await":
        return arity == 0 && owned(method, "java.util.concurrent.CountDownLatch", state) ? Bound.LATCH : null;
      case "acquire":
      case "acquireUninterruptibly":
        return arity <= 1 && owned(method, "java.util.concurrent.Semaphore", state) ? Bound.PERMIT : null;
      case "take":
      case "takeFirst":
      case "takeLast":
        return arity == 0 && owned(method, "java.util.concurrent.BlockingQueue", state) ? Bound.QUEUE : null;
      case "join":
        return arity == 0 && owned(method, "java.lang.Thread", state) ? Bound.THREAD : null;
      default:
        return null;
    }
  }

  /** True for {@code f.orTimeout(5, SECONDS).join()}, {@code mono.timeout(d).block()}, ... */
  private static boolean hasTimeoutUpstream(@Nullable ExpressionTree future) {
    for (ExpressionTree e = future; e != null; e = Trees.receiver(e)) {
      if (e instanceof MethodInvocationTree && TIMEOUT_OPERATORS.contains(Trees.methodName(e))) {
        return true;
      }
    }
    return false;
  }

  private static boolean owned(Symbol method, String className, VisitorState state) {
    return AsyncTypes.isOwnedBy(method, className, state);
  }

  private static @Nullable ExpressionTree receiver(Tree tree) {
    if (tree instanceof MemberReferenceTree) {
      ExpressionTree qualifier = ((MemberReferenceTree) tree).getQualifierExpression();
      return ASTHelpers.getSymbol(qualifier) instanceof Symbol.ClassSymbol ? null : qualifier;
    }
    return ASTHelpers.getReceiver((ExpressionTree) tree);
  }

  /** The bound as a fix, where it compiles in place and keeps what the code does on success. */
  private static @Nullable SuggestedFix fix(Tree tree, Bound bound, Timeout t, VisitorState state) {
    if (!(tree instanceof MethodInvocationTree) || ASTHelpers.getReceiver((ExpressionTree) tree) == null) {
      return null;
    }
    MethodInvocationTree call = (MethodInvocationTree) tree;
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    int closing = state.getEndPosition(call) - 1;
    switch (bound) {
      case GET:
        if (Exceptions.isHandledAt(state.getPath(), "java.util.concurrent.TimeoutException", state)) {
          return fix.replace(closing, closing, timeUnitArgs(t, fix, state)).build();
        }
        // A CompletableFuture times out inside get(): the TimeoutException arrives wrapped in the
        // ExecutionException the code already handles.
        return isCompletableFuture(receiver, state) ? orTimeout(receiver, t, fix, state) : null;
      case JOIN:
        return orTimeout(receiver, t, fix, state);
      case DURATION:
        return fix.replace(closing, closing, duration(t, fix, state)).build();
      case AT_MOST:
        return fix.replace(call, state.getSourceForNode(receiver) + ".atMost(" + duration(t, fix, state) + ")")
            .build();
      case LATCH:
      case PERMIT:
        return orFail(call, bound, t, fix, state);
      default:
        return null;
    }
  }

  private static @Nullable SuggestedFix orTimeout(
      ExpressionTree receiver, Timeout t, SuggestedFix.Builder fix, VisitorState state) {
    Symbol future = state.getSymbolFromString(AsyncKind.COMPLETABLE_FUTURE.className());
    if (!(future instanceof Symbol.ClassSymbol)
        || ((Symbol.ClassSymbol) future).members().findFirst(state.getName("orTimeout")) == null) {
      return null; // compiled for Java 8
    }
    return fix.postfixWith(receiver, ".orTimeout(" + timeUnitArgs(t, fix, state) + ")").build();
  }

  /**
   * {@code latch.await();} to {@code if (!latch.await(30, TimeUnit.SECONDS)) { throw new
   * IllegalStateException(...); }}: the code after it still runs only once the latch opened (or
   * the permit came). Only for a statement of a block, where an if statement may stand.
   */
  private static @Nullable SuggestedFix orFail(
      MethodInvocationTree call, Bound bound, Timeout t, SuggestedFix.Builder fix, VisitorState state) {
    TreePath statement = state.getPath().getParentPath();
    if (!(statement.getLeaf() instanceof ExpressionStatementTree)
        || !(statement.getParentPath().getLeaf() instanceof BlockTree)
        || Trees.methodName(call).equals("acquireUninterruptibly")) {
      return null;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    String label = Trees.label(receiver, state).replace("\\", "\\\\").replace("\"", "\\\"");
    String timed =
        bound == Bound.LATCH
            ? "await(" + timeUnitArgs(t, fix, state) + ")"
            : "tryAcquire("
                + (call.getArguments().isEmpty() ? "" : state.getSourceForNode(call.getArguments().get(0)) + ", ")
                + timeUnitArgs(t, fix, state)
                + ")";
    return fix.replace(
            statement.getLeaf(),
            "if (!" + state.getSourceForNode(receiver) + "." + timed + ") {"
                + " throw new IllegalStateException(\"" + label + " did not " + (bound == Bound.LATCH ? "count down" : "grant a permit")
                + " within " + t.describe() + "\"); }")
        .build();
  }

  private static boolean isCompletableFuture(ExpressionTree receiver, VisitorState state) {
    return AsyncTypes.isSubtypeNamed(
        ASTHelpers.getType(receiver), AsyncKind.COMPLETABLE_FUTURE.className(), state);
  }

  private static String timeUnitArgs(Timeout t, SuggestedFix.Builder fix, VisitorState state) {
    return t.amount() + ", " + SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.TimeUnit") + "." + t.timeUnitName();
  }

  private static String duration(Timeout t, SuggestedFix.Builder fix, VisitorState state) {
    return SuggestedFixes.qualifyType(state, fix, "java.time.Duration") + "." + t.durationFactory() + "(" + t.amount() + ")";
  }
}
