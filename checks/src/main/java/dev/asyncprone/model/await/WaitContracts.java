package dev.asyncprone.model.await;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Name;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Contracts;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.TimedTwin;
import dev.asyncprone.model.javac.PrivateCalls;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a method's contract says about the unbounded waits in its body. A method whose caller can
 * choose a bound, or that is a blocking API by its declaration, hands the choice to its caller: the
 * wait in it is that caller's, and belongs reported where the caller waits, if anywhere.
 */
final class WaitContracts {

  /** Why a method's waits are its callers' choice; {@code NONE} where they are not. */
  enum Why {
    NONE,
    /** It overrides or implements an unbounded wait ({@code get()} of a forwarding Future). */
    IS_A_WAIT,
    /** An overload with the same parameters and a timeout: {@code receive(long, TimeUnit)}. */
    TIMED_TWIN,
    /** A method of its class named as it is plus {@code Async} returns a future: {@code seek}. */
    ASYNC_TWIN,
    /** An overload with its parameters and one callback does the same without waiting. */
    CALLBACK_TWIN,
    /** It, a method it overrides, or its class is annotated {@code @Blocking}. */
    ANNOTATED,
    /** Its class, or the type of a method it overrides, says so by name: {@code BlockingQueue}. */
    NAMED_BLOCKING,
    /** A private method called only from methods whose waits are their callers' choice. */
    CALLED_ONLY_FROM_ONE
  }

  /**
   * {@code why} the whole body's waits are the callers' choice; or, {@code untimed}, the parameters
   * whose wait a timed twin with fewer parameters bounds.
   */
  record WaitContract(Why why, Set<Symbol> untimed) {
    static final WaitContract NONE = new WaitContract(Why.NONE, Set.of());

    boolean whole() {
      return why != Why.NONE;
    }
  }

  private static final PerCompilationCache<MethodSymbol, WaitContract> CONTRACTS =
      new PerCompilationCache<>();

  private WaitContracts() {}

  /** The contract of {@code method}, kept for the compilation. */
  static WaitContract of(MethodSymbol method, VisitorState state) {
    return CONTRACTS.get(method, state, m -> compute(m, state));
  }

  private static WaitContract compute(MethodSymbol method, VisitorState state) {
    WaitContract own = ownContract(method, state);
    if (own.whole()) {
      return own;
    }
    // One level: a private helper whose every call is in the body of a blocking API.
    List<TreePath> calls = PrivateCalls.of(method, state);
    if (calls == null || calls.isEmpty()) {
      return own;
    }
    for (TreePath call : calls) {
      MethodSymbol caller = enclosingMethod(call);
      if (caller == null || caller == method || !ownContract(caller, state).whole()) {
        return own;
      }
    }
    return new WaitContract(Why.CALLED_ONLY_FROM_ONE, Set.of());
  }

  /**
   * True if the code at {@code state}'s path is in the body of a private method of a class that is
   * itself a future (or a publisher): the future's completion machinery. Only the class's own code
   * reaches it, and that code reads an input where the input's listener, or a count of the inputs
   * that completed, says it is done: Guava's {@code AggregateFuture} collecting an input once no
   * input is pending, {@code AbstractFuture} reading the future {@code setFuture} listens to. The
   * proof is in another method or on another thread, where no flow analysis reaches. The class's
   * other methods are its API, and their waits are judged as anyone's ({@code get(timeout, unit)}
   * that drops its bound is still reported); so is a lambda in the machinery, which runs elsewhere.
   */
  static boolean isInAFuturesMachinery(VisitorState state) {
    MethodSymbol method = enclosingMethod(state.getPath());
    return method != null
        && method.isPrivate()
        && method.owner != null
        && AsyncTypes.isFutureLike(method.owner.type, state);
  }

  /** The method whose own body {@code path} is in; null inside a lambda or a class first. */
  static @Nullable MethodSymbol enclosingMethod(TreePath path) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree method) {
        return ASTHelpers.getSymbol(method);
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private static WaitContract ownContract(MethodSymbol method, VisitorState state) {
    if (Timeouts.isUnboundedWait(method, state)) {
      return new WaitContract(Why.IS_A_WAIT, Set.of());
    }
    WaitContract timed = timedTwin(method, state);
    if (timed.whole()) {
      return timed;
    }
    boolean isMethod = !method.isConstructor() && !method.isStaticOrInstanceInit();
    if (isMethod && hasAsyncTwin(method, state)) {
      return new WaitContract(Why.ASYNC_TWIN, Set.of());
    }
    if (isMethod && hasCallbackTwin(method, state)) {
      return new WaitContract(Why.CALLBACK_TWIN, Set.of());
    }
    if (Annotations.governing(method, Contracts.BLOCKING, state) != null) {
      return new WaitContract(Why.ANNOTATED, Set.of());
    }
    if (isOfATypeNamedBlocking(method, state)) {
      return new WaitContract(Why.NAMED_BLOCKING, Set.of());
    }
    return timed;
  }

  /**
   * "Blocking" or "Sync" as a word of a type's name, not "NonBlocking" or "Async": {@code
   * BlockingQueue}, micronaut's {@code BlockingHttpClient}, gRPC's {@code FooBlockingStub},
   * RxJava's {@code BlockingObservable}, lettuce's {@code RedisSyncCommands}, spring's {@code
   * SyncHandlerMethodArgumentResolver}.
   */
  private static final Pattern NAMED_BLOCKING =
      Pattern.compile("(?<![Nn]on)Blocking(?![a-z])|(?<![A-Z])Sync(?![a-z])");

  /**
   * True if the class of {@code method}, or a type that declares a method it overrides, says by its
   * name that its methods block ({@link #NAMED_BLOCKING}): a blocking client's {@code exchange()},
   * a blocking stub's call.
   */
  private static boolean isOfATypeNamedBlocking(MethodSymbol method, VisitorState state) {
    if (method.owner != null && NAMED_BLOCKING.matcher(Symbols.name(method.owner, state)).find()) {
      return true;
    }
    if (method.isStatic() || method.isPrivate()) {
      return false;
    }
    for (MethodSymbol overridden : Symbols.superMethods(method, state)) {
      if (NAMED_BLOCKING.matcher(Symbols.name(overridden.owner, state)).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the class of {@code method} (or a supertype) has a method named as it is plus {@code
   * Async} that returns a future-like type: {@code seek(id)} beside {@code seekAsync(id)}, {@code
   * close()} beside {@code closeAsync()}. The blocking form of an async operation: its caller could
   * have taken the future and bounded the wait.
   */
  private static boolean hasAsyncTwin(MethodSymbol method, VisitorState state) {
    String name = Symbols.name(method, state);
    if (name.endsWith(Jdk.ASYNC_SUFFIX) || !(method.owner instanceof Symbol.ClassSymbol owner)) {
      return false;
    }
    Name twinName = state.getName(name + Jdk.ASYNC_SUFFIX);
    for (Type t : state.getTypes().closure(owner.type)) {
      for (Symbol member : t.tsym.members().getSymbolsByName(twinName)) {
        if (member instanceof MethodSymbol twin
            && twin.isStatic() == method.isStatic()
            && AsyncTypes.isFutureLike(twin.getReturnType(), state)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True if the class of {@code method} has an overload with {@code method}'s parameters, in order,
   * and one more of a functional interface type, that returns void or a future-like: the same
   * operation with a callback instead of a wait ({@code send()} beside {@code
   * send(CompleteListener)}).
   */
  private static boolean hasCallbackTwin(MethodSymbol method, VisitorState state) {
    if (!(method.owner instanceof Symbol.ClassSymbol owner)) {
      return false;
    }
    Types types = state.getTypes();
    List<Symbol.VarSymbol> ours = method.getParameters();
    for (Type t : types.closure(owner.type)) {
      for (Symbol member : t.tsym.members().getSymbolsByName(method.getSimpleName())) {
        if (!(member instanceof MethodSymbol other)
            || other == method
            || other.isStatic() != method.isStatic()
            || other.getParameters().size() != ours.size() + 1) {
          continue;
        }
        List<Symbol.VarSymbol> theirs = other.getParameters();
        boolean same = true;
        for (int i = 0; i < ours.size() && same; i++) {
          same =
              types.isSameType(types.erasure(ours.get(i).type), types.erasure(theirs.get(i).type));
        }
        if (same && types.isFunctionalInterface(theirs.get(ours.size()).type)) {
          return true;
        }
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
      int shared = twin.size() - TimedTwin.timeoutLength(twin, state);
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
        return new WaitContract(Why.TIMED_TWIN, Set.of());
      }
      untimed.addAll(matched);
    }
    return untimed.isEmpty() ? WaitContract.NONE : new WaitContract(Why.NONE, Set.copyOf(untimed));
  }
}
