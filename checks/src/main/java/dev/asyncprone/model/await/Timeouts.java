package dev.asyncprone.model.await;

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
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.BlockingCatalog;
import dev.asyncprone.model.api.libraries.AwaitRule;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.TimedTwin;
import dev.asyncprone.model.flow.KnownDone;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
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
      if (await.bounded()
          || hasTimeoutUpstream(await.future())
          || KnownDone.isKnownDone(await, state)) {
        return null;
      }
      TimedTwin bound = awaitBound(method, state);
      return bound == null
              || isInsideUnboundedWait(await.future(), state)
              || isUntimedHalfOfATimedChoice(await.future(), state)
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
      if (leaf instanceof IfTree ifTree) {
        other =
            ifTree.getElseStatement() == child.getLeaf()
                ? ifTree.getThenStatement()
                : ifTree.getThenStatement() == child.getLeaf() ? ifTree.getElseStatement() : null;
      } else if (leaf instanceof ConditionalExpressionTree conditional) {
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
      if (leaf instanceof MethodTree methodTree) {
        MethodSymbol method = ASTHelpers.getSymbol(methodTree);
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
      if (other == method || !(other instanceof MethodSymbol otherMethod)) {
        continue;
      }
      List<Symbol.VarSymbol> twin = otherMethod.getParameters();
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
            .equals(JdkTypes.DURATION)) {
      return 1;
    }
    if (n >= 2
        && Symbols.qualifiedName(parameters.get(n - 1).type.tsym, state).equals(Jdk.TIME_UNIT)) {
      TypeTag amount = parameters.get(n - 2).type.getTag();
      return amount == TypeTag.LONG || amount == TypeTag.INT ? 2 : 0;
    }
    return 0;
  }

  /** How to bound the await {@code method} is, from its library's table; null if it is none. */
  private static @Nullable TimedTwin awaitBound(MethodSymbol method, VisitorState state) {
    AwaitRule rule = Libraries.await(method, state);
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
