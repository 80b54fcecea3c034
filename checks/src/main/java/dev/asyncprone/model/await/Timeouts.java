package dev.asyncprone.model.await;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.flow.KnownDone;
import dev.asyncprone.model.javac.Exceptions;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.Options.Timeout;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Waits with no bound ({@code get()}, {@code join()}, {@code block()}, {@code
 * CountDownLatch.await()}, {@code take()}, {@code acquire()}, {@code Thread.join()}, ...), what
 * bounds each, and the rewrite that adds a bound where it compiles in place.
 */
public final class Timeouts {
  private static final String COMPLETABLE_FUTURE = AsyncKind.COMPLETABLE_FUTURE.className();

  /** Operators upstream of an await that already bound it: {@code f.orTimeout(..).join()}. */
  private static final Set<String> TIMEOUT_OPERATORS =
      Set.of("orTimeout", "completeOnTimeout", "timeout", "ifNoItem", "withTimeout");

  private static final Set<String> RX_WAITS =
      Set.of("blockingGet", "blockingFirst", "blockingLast", "blockingSingle", "blockingAwait");

  /** The sorts of unbounded wait: what each waits for, and how to bound it, in words. */
  public enum Bound {
    GET("to complete", "get(timeout, unit), handling TimeoutException"),
    JOIN("to complete", "orTimeout(timeout, unit).join(), or get(timeout, unit)"),
    DURATION("to emit", "the overload that takes a Duration"),
    AT_MOST("to emit", "await().atMost(Duration)"),
    LATCH(
        "to count down", "await(timeout, unit), acting on the false it returns when time runs out"),
    PERMIT("to hand out a permit", "tryAcquire(timeout, unit), acting on a false result"),
    QUEUE("to receive an element", "poll(timeout, unit), acting on the null it returns"),
    THREAD("to finish", "join(millis) and then isAlive()"),
    RX("to emit", "the timeout(...) operator before it"),
    OTHER("to complete", "its variant with a timeout");

    private final String waitsFor;
    private final String advice;

    Bound(String waitsFor, String advice) {
      this.waitsFor = waitsFor;
      this.advice = advice;
    }

    /** "to complete", "to count down". */
    public String waitsFor() {
      return waitsFor;
    }

    /** "get(timeout, unit), handling TimeoutException". */
    public String advice() {
      return advice;
    }

    /** True if {@link #bound} may offer a fix for a wait of this sort. */
    public boolean mayFix() {
      return ordinal() <= PERMIT.ordinal();
    }
  }

  /**
   * An unbounded wait: the call or method reference, its sort, the name to show ({@code join()},
   * {@code await().indefinitely()}), and what it waits on (null where the code does not show it).
   */
  public record Wait(Tree tree, Bound bound, String display, @Nullable ExpressionTree subject) {}

  private Timeouts() {}

  /**
   * The unbounded wait {@code tree} (a method invocation or reference at {@code state}'s path) is,
   * or null: a bounded wait, one bounded upstream ({@code orTimeout}, {@code timeout}), one on a
   * future known to be done or awaited earlier, and the fork/join idiom's {@code join()} are not.
   */
  public static @Nullable Wait of(Tree tree, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (!(symbol instanceof MethodSymbol)) {
      return null;
    }
    MethodSymbol method = (MethodSymbol) symbol;
    Awaits.Await await = Awaits.of(tree, state);
    if (await != null) {
      if (await.bounded()
          || hasTimeoutUpstream(await.future())
          || KnownDone.isKnownDone(await, state)) {
        return null;
      }
      Bound bound = awaitBound(method, state);
      return bound == null
              || isInsideUnboundedWait(await.future(), state)
              || isUntimedHalfOfATimedChoice(await.future(), state)
          ? null
          : new Wait(tree, bound, await.display(), await.future());
    }
    Bound bound = otherBound(method, state);
    if (bound == null) {
      return null;
    }
    ExpressionTree receiver =
        tree instanceof MemberReferenceTree
            ? (ASTHelpers.getSymbol(((MemberReferenceTree) tree).getQualifierExpression())
                    instanceof Symbol.ClassSymbol
                ? null
                : ((MemberReferenceTree) tree).getQualifierExpression())
            : ASTHelpers.getReceiver((ExpressionTree) tree);
    return isInsideUnboundedWait(receiver, state) || isUntimedHalfOfATimedChoice(receiver, state)
        ? null
        : new Wait(tree, bound, method.getSimpleName() + "()", receiver);
  }

  /**
   * True for a wait on {@code subject} in one branch of an {@code if} or {@code ?:} whose other
   * branch waits on the same object with a timeout: {@code if (timed) f = queue.poll(nanos,
   * NANOSECONDS); else f = queue.take();}. The code offers the bound; the caller chose none.
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
      if (leaf instanceof IfTree) {
        IfTree ifTree = (IfTree) leaf;
        other =
            ifTree.getElseStatement() == child.getLeaf()
                ? ifTree.getThenStatement()
                : ifTree.getThenStatement() == child.getLeaf() ? ifTree.getElseStatement() : null;
      } else if (leaf instanceof ConditionalExpressionTree) {
        ConditionalExpressionTree conditional = (ConditionalExpressionTree) leaf;
        other =
            conditional.getFalseExpression() == child.getLeaf()
                ? conditional.getTrueExpression()
                : conditional.getTrueExpression() == child.getLeaf()
                    ? conditional.getFalseExpression()
                    : null;
      } else if (leaf instanceof MethodTree
          || leaf instanceof ClassTree
          || leaf instanceof LambdaExpressionTree) {
        return false;
      }
      if (other != null && waitsWithTimeoutOn(other, waitedOn, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if {@code tree} calls, on one of {@code objects}, a method whose last parameters are a
   * timeout.
   */
  private static boolean waitsWithTimeoutOn(Tree tree, Set<Symbol> objects, VisitorState state) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
            MethodSymbol method = ASTHelpers.getSymbol(call);
            if (method != null
                && timeoutLength(method.getParameters(), state) > 0
                && !Collections.disjoint(Trees.rootSymbols(Trees.receiver(call), state), objects)) {
              return true;
            }
            return super.visitMethodInvocation(call, unused);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
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
   * What a method's contract says about the waits in its body: {@code whole}, it is itself an
   * unbounded wait, so every wait in it implements its callers' choice; {@code untimed}, the
   * parameters whose wait a timed twin bounds, so a wait on one of them does.
   */
  private record WaitContract(boolean whole, Set<Symbol> untimed) {
    static final WaitContract NONE = new WaitContract(false, Set.of());
    static final WaitContract WHOLE = new WaitContract(true, Set.of());
  }

  private static final PerCompilationCache<MethodSymbol, WaitContract> UNBOUNDED_BY_CONTRACT =
      new PerCompilationCache<>();

  /**
   * True if the code at {@code state}'s path, a wait on {@code subject}, runs in the body of a
   * method that is itself an unbounded wait, so the wait implements its callers' choice not to
   * bound theirs: a method that overrides or implements an unbounded wait ({@code get()} of a
   * ForwardingFuture, {@code take()} of a forwarding BlockingQueue, Vert.x {@code Future.await()}),
   * or the untimed half of a pair whose other half takes a timeout ({@link #timedTwin}). Not inside
   * a lambda or a class declared in that method, which run at another time.
   */
  public static boolean isInsideUnboundedWait(
      @Nullable ExpressionTree subject, VisitorState state) {
    for (TreePath path = state.getPath(); path != null; path = path.getParentPath()) {
      Tree leaf = path.getLeaf();
      if (leaf instanceof MethodTree) {
        MethodSymbol method = ASTHelpers.getSymbol((MethodTree) leaf);
        if (method == null) {
          return false;
        }
        WaitContract contract =
            UNBOUNDED_BY_CONTRACT.get(
                method,
                state,
                m -> isUnboundedWait(m, state) ? WaitContract.WHOLE : timedTwin(m, state));
        if (contract.whole()) {
          return true;
        }
        ExpressionTree waitedOn = subject == null ? null : ASTHelpers.stripParentheses(subject);
        return waitedOn instanceof IdentifierTree
            && contract.untimed().contains(ASTHelpers.getSymbol(waitedOn));
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }

  /**
   * What the timed twins of {@code method} in its class say: a method of the same name whose last
   * parameters are a timeout ({@code long, TimeUnit} or a {@code Duration}) and whose other
   * parameters are {@code method}'s, in order, makes {@code method} the untimed half of the pair,
   * whatever it waits on ({@code blockingGet()} beside {@code blockingGet(long, TimeUnit)}); one
   * whose other parameters are only some of {@code method}'s ({@code method} has extras, such as
   * Guava's {@code getChecked(validator, future, exceptionClass)} beside {@code getChecked(future,
   * exceptionClass, long, TimeUnit)}) bounds the waits on the parameters of the types it shares.
   */
  private static WaitContract timedTwin(MethodSymbol method, VisitorState state) {
    List<Symbol.VarSymbol> parameters = new ArrayList<>(method.getParameters());
    Types types = state.getTypes();
    Set<Symbol> untimed = new HashSet<>();
    for (Symbol other : method.owner.members().getSymbolsByName(method.getSimpleName())) {
      if (other == method || !(other instanceof MethodSymbol)) {
        continue;
      }
      List<Symbol.VarSymbol> twin = ((MethodSymbol) other).getParameters();
      int shared = twin.size() - timeoutLength(twin, state);
      if (shared == twin.size() || shared > parameters.size()) {
        continue;
      }
      // Each of the twin's other parameters matched to one of ours of the same erased type.
      List<Symbol.VarSymbol> unmatched = new ArrayList<>(parameters);
      Set<Symbol> matched = new HashSet<>();
      boolean inOrder = shared == parameters.size();
      int i = 0;
      for (Symbol.VarSymbol theirs : twin) {
        if (i == shared) {
          break;
        }
        Symbol.VarSymbol ours = null;
        for (Symbol.VarSymbol candidate : unmatched) {
          if (types.isSameType(types.erasure(candidate.type), types.erasure(theirs.type))) {
            ours = candidate;
            break;
          }
        }
        if (ours == null) {
          break;
        }
        inOrder &= ours == parameters.get(i++);
        unmatched.remove(ours);
        matched.add(ours);
      }
      if (i < shared) {
        continue; // a parameter of the twin that we do not have: it bounds something else
      }
      if (inOrder) {
        return WaitContract.WHOLE;
      }
      untimed.addAll(matched);
    }
    return untimed.isEmpty() ? WaitContract.NONE : new WaitContract(false, Set.copyOf(untimed));
  }

  /**
   * How many of {@code parameters}, at the end, are a timeout: 1 for a {@code Duration}, 2 for an
   * amount and a {@code TimeUnit}, else 0.
   */
  private static int timeoutLength(List<Symbol.VarSymbol> parameters, VisitorState state) {
    int n = parameters.size();
    if (n >= 1
        && Symbols.qualifiedName(parameters.get(n - 1).type.tsym, state)
            .equals("java.time.Duration")) {
      return 1;
    }
    if (n >= 2
        && Symbols.qualifiedName(parameters.get(n - 1).type.tsym, state)
            .equals("java.util.concurrent.TimeUnit")) {
      TypeTag amount = parameters.get(n - 2).type.getTag();
      return amount == TypeTag.LONG || amount == TypeTag.INT ? 2 : 0;
    }
    return 0;
  }

  private static @Nullable Bound awaitBound(MethodSymbol method, VisitorState state) {
    String name = Symbols.name(method, state);
    switch (name) {
      case "get":
        return method.isStatic() ? Bound.OTHER : Bound.GET;
      case "join":
        // ForkJoinTask.join() is the fork/join idiom, and has no bounded form.
        return AsyncTypes.isOwnedBy(method, COMPLETABLE_FUTURE, state) ? Bound.JOIN : null;
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
        return null; // iteration, one element at a time: no single wait to bound
      default:
        if (name.startsWith("blocking")) {
          return RX_WAITS.contains(name) ? Bound.RX : null;
        }
        return Bound.OTHER;
    }
  }

  private static @Nullable Bound otherBound(MethodSymbol method, VisitorState state) {
    int arity = method.getParameters().size();
    switch (Symbols.name(method, state)) {
      case "await":
        return arity == 0 && owned(method, "java.util.concurrent.CountDownLatch", state)
            ? Bound.LATCH
            : null;
      case "acquire":
      case "acquireUninterruptibly":
        return arity <= 1 && owned(method, "java.util.concurrent.Semaphore", state)
            ? Bound.PERMIT
            : null;
      case "take":
      case "takeFirst":
      case "takeLast":
        return arity == 0 && owned(method, "java.util.concurrent.BlockingQueue", state)
            ? Bound.QUEUE
            : null;
      case "join":
        return arity == 0 && owned(method, "java.lang.Thread", state) ? Bound.THREAD : null;
      default:
        return null;
    }
  }

  private static boolean owned(MethodSymbol method, String className, VisitorState state) {
    return AsyncTypes.isOwnedBy(method, className, state);
  }

  private static boolean hasTimeoutUpstream(@Nullable ExpressionTree future) {
    for (ExpressionTree e = future; e != null; e = Trees.receiver(e)) {
      if (e instanceof MethodInvocationTree && TIMEOUT_OPERATORS.contains(Trees.methodName(e))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The rewrite that bounds {@code wait} by {@code t}, where it compiles in place and keeps what
   * the code does when the wait ends in time; null elsewhere. {@code get()} becomes {@code get(30,
   * TimeUnit.SECONDS)} where TimeoutException may be thrown, else, on a CompletableFuture, {@code
   * orTimeout(30, TimeUnit.SECONDS).get()}; {@code join()} becomes {@code orTimeout(30,
   * TimeUnit.SECONDS).join()}; {@code block()} becomes {@code block(Duration.ofSeconds(30))};
   * {@code latch.await();} becomes {@code if (!latch.await(30, TimeUnit.SECONDS)) { throw ...; }}.
   */
  public static @Nullable SuggestedFix bound(Wait wait, Timeout t, VisitorState state) {
    if (!(wait.tree() instanceof MethodInvocationTree)
        || ASTHelpers.getReceiver((MethodInvocationTree) wait.tree()) == null) {
      return null;
    }
    MethodInvocationTree call = (MethodInvocationTree) wait.tree();
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    int closing = state.getEndPosition(call) - 1;
    switch (wait.bound()) {
      case GET:
        if (Exceptions.isHandledAt(
            state.getPath(), "java.util.concurrent.TimeoutException", state)) {
          return fix.replace(closing, closing, timeUnitArgs(t, fix, state)).build();
        }
        // A CompletableFuture that times out fails get() with the ExecutionException that the
        // code already handles.
        return AsyncTypes.isSubtypeNamed(ASTHelpers.getType(receiver), COMPLETABLE_FUTURE, state)
            ? orTimeout(receiver, t, fix, state)
            : null;
      case JOIN:
        return orTimeout(receiver, t, fix, state);
      case DURATION:
        return fix.replace(closing, closing, duration(t, fix, state)).build();
      case AT_MOST:
        return fix.replace(
                call, state.getSourceForNode(receiver) + ".atMost(" + duration(t, fix, state) + ")")
            .build();
      case LATCH:
      case PERMIT:
        return orFail(call, wait.bound(), t, fix, state);
      default:
        return null;
    }
  }

  private static @Nullable SuggestedFix orTimeout(
      ExpressionTree receiver, Timeout t, SuggestedFix.Builder fix, VisitorState state) {
    Symbol future = state.getSymbolFromString(COMPLETABLE_FUTURE);
    if (!(future instanceof Symbol.ClassSymbol)
        || ((Symbol.ClassSymbol) future).members().findFirst(state.getName("orTimeout")) == null) {
      return null; // compiled for Java 8, which has no orTimeout
    }
    return fix.postfixWith(receiver, ".orTimeout(" + timeUnitArgs(t, fix, state) + ")").build();
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
      Bound bound,
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
        bound == Bound.LATCH
            ? "await(" + timeUnitArgs(t, fix, state) + ")"
            : "tryAcquire(" + permits + timeUnitArgs(t, fix, state) + ")";
    String failure =
        label
            + (bound == Bound.LATCH ? " did not count down" : " did not grant a permit")
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
    return t.amount()
        + ", "
        + SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.TimeUnit")
        + "."
        + t.timeUnitName();
  }

  private static String duration(Timeout t, SuggestedFix.Builder fix, VisitorState state) {
    return SuggestedFixes.qualifyType(state, fix, "java.time.Duration")
        + "."
        + t.durationFactory()
        + "("
        + t.amount()
        + ")";
  }
}
