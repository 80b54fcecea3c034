package dev.asyncprone.model.await;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Verbs;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where the future an await waits for comes from: a call that starts new work ({@code
 * users.find(id)}, {@code supplyAsync(...)}, {@code executor.submit(...)}), or one that already
 * existed (a variable, an element of a collection, a stage of another future). And whether that
 * call is already a batch: {@code allOf}, {@code Futures.allAsList}, {@code Mono.zip}, a {@code
 * Flux} over many elements.
 */
public final class FutureCalls {
  /** Owners whose methods hand out futures that already exist, rather than start work. */
  private static final ImmutableSet<String> CONTAINERS =
      ImmutableSet.of(
          "java.util.Collection",
          "java.util.Map",
          "java.util.Map.Entry",
          "java.util.Iterator",
          "java.util.Optional",
          "java.util.stream.BaseStream",
          "java.util.concurrent.CompletionService",
          "java.util.concurrent.atomic.AtomicReference");

  /** Static factories that make a future whose value is already known: nothing to wait for. */
  private static final ImmutableSet<String> KNOWN_VALUES =
      ImmutableSet.of(
          "completedFuture",
          "completedStage",
          "failedFuture",
          "failedStage",
          "immediateFuture",
          "immediateFailedFuture",
          "immediateCancelledFuture",
          "immediateVoidFuture",
          "just",
          "empty",
          "error",
          "never",
          "justOrEmpty",
          "succeededFuture",
          "complete");

  /** Static combinators of the future types that wait for (or race) several at once. */
  private static final ImmutableSet<String> STATIC_BATCHES =
      ImmutableSet.of(
          "allOf",
          "anyOf",
          "zip",
          "zipArray",
          "zipDelayError",
          "when",
          "whenDelayError",
          "firstWithValue",
          "firstWithSignal",
          "amb",
          "ambArray",
          "merge",
          "mergeArray",
          "mergeSequential",
          "concat",
          "concatArray",
          "all",
          "any",
          "join",
          "allAsList",
          "successfulAsList",
          "whenAllSucceed",
          "whenAllComplete",
          "inCompletionOrder");

  private static final String GUAVA_FUTURES = "com.google.common.util.concurrent.Futures";
  private static final String MUTINY_GROUPS = "io.smallrye.mutiny.groups.";

  /** The receiver root of calls on the enclosing instance, qualified with {@code this} or not. */
  public static final Object THIS =
      new Object() {
        @Override
        public String toString() {
          return "this";
        }
      };

  private FutureCalls() {}

  /**
   * The call that starts the work {@code future} stands for: {@code users.find(id)} for {@code
   * users.find(id).thenApply(User::name).toCompletableFuture()}. Null if the future already existed
   * (a variable, {@code futures.get(i)}, {@code queue.take()}, a stage of a future held in a
   * variable) or holds a value known already ({@code completedFuture(x)}, {@code Mono.just(x)}).
   */
  public static @Nullable MethodInvocationTree creatingCall(
      @Nullable ExpressionTree future, VisitorState state) {
    ExpressionTree e = future;
    while (e != null) {
      e = ASTHelpers.stripParentheses(e);
      if (e instanceof TypeCastTree) {
        e = ((TypeCastTree) e).getExpression();
        continue;
      }
      if (!(e instanceof MethodInvocationTree)) {
        return null;
      }
      MethodInvocationTree call = (MethodInvocationTree) e;
      MethodSymbol method = ASTHelpers.getSymbol(call);
      if (method == null) {
        return null;
      }
      ExpressionTree receiver = Trees.receiver(call);
      if (!method.isStatic()
          && receiver != null
          && AsyncTypes.isFutureLike(ASTHelpers.getType(receiver), state)) {
        e = receiver;
        continue;
      }
      if (isContainerAccess(method, state) || isKnownValue(method, state)) {
        return null;
      }
      return call;
    }
    return null;
  }

  /**
   * True if {@code call} already waits for several futures together, or streams many elements:
   * {@code CompletableFuture.allOf}, {@code Futures.allAsList}, {@code Mono.zip}, {@code
   * Flux.fromIterable}, {@code Future.all}, Mutiny's {@code Uni.combine()} and {@code
   * Multi.createFrom()}.
   */
  public static boolean isBatch(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return false;
    }
    String owner = Symbols.qualifiedName(method.owner, state);
    if (owner.startsWith(MUTINY_GROUPS)
        && (owner.contains("Zip")
            || owner.contains("Combine")
            || owner.contains("Join")
            || owner.contains("Merge")
            || owner.contains("Concat")
            || owner.contains("MultiCreate")
            || owner.contains("UniAny"))) {
      return true;
    }
    if (!method.isStatic()) {
      return false;
    }
    String name = Symbols.name(method, state);
    if (owner.equals(GUAVA_FUTURES)) {
      return STATIC_BATCHES.contains(name);
    }
    AsyncKind kind = AsyncTypes.kindOf(method.owner.type, state);
    if (kind == null) {
      return false;
    }
    switch (kind) {
      case FLUX:
      case MULTI:
      case RX_OBSERVABLE:
      case RX_FLOWABLE:
        // A stream of many elements is a batch by nature, however it was made.
        return true;
      default:
        return STATIC_BATCHES.contains(name);
    }
  }

  /** True if a call along {@code future}'s receiver chain {@link #isBatch}. */
  public static boolean containsBatch(@Nullable ExpressionTree future, VisitorState state) {
    for (ExpressionTree e = future; e != null; e = Trees.receiver(e)) {
      e = ASTHelpers.stripParentheses(e);
      if (e instanceof MethodInvocationTree && isBatch((MethodInvocationTree) e, state)) {
        return true;
      }
      if (!(e instanceof MethodInvocationTree)) {
        return false;
      }
    }
    return false;
  }

  /**
   * The objects whose state {@code call} works on, for "two calls on the same receiver": the root
   * variables of its receiver ({@code users} for {@code users.find(id)} and {@code
   * client.users().find(id)}), {@link #THIS} for an unqualified or {@code this.} call, the
   * declaring class for a static call. Empty for a fresh receiver ({@code new Client().find(id)}).
   */
  public static Set<Object> receiverRoots(MethodInvocationTree call, VisitorState state) {
    Set<Object> roots = new HashSet<>();
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return roots;
    }
    ExpressionTree receiver = Trees.receiver(call);
    if (method.isStatic()) {
      roots.add(method.owner);
    } else if (receiver == null || isThis(receiver)) {
      roots.add(THIS);
    } else {
      roots.addAll(Trees.rootSymbols(receiver, state));
    }
    return roots;
  }

  /**
   * True if two calls may work on the same object's state: they share a {@link #receiverRoots
   * receiver root} and are not both reads by name ({@code users.find(a)}, {@code users.find(b)} are
   * independent; {@code users.touch(id)}, {@code users.find(id)} may not be).
   */
  public static boolean mayShareState(
      MethodInvocationTree a, MethodInvocationTree b, VisitorState state) {
    boolean bothRead = Verbs.isRead(Trees.methodName(a)) && Verbs.isRead(Trees.methodName(b));
    return !bothRead && !Collections.disjoint(receiverRoots(a, state), receiverRoots(b, state));
  }

  private static boolean isThis(ExpressionTree receiver) {
    ExpressionTree e = ASTHelpers.stripParentheses(receiver);
    Symbol symbol = ASTHelpers.getSymbol(e);
    return symbol != null && symbol.getSimpleName().contentEquals("this");
  }

  private static boolean isContainerAccess(MethodSymbol method, VisitorState state) {
    for (String container : CONTAINERS) {
      if (AsyncTypes.isOwnedBy(method, container, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isKnownValue(MethodSymbol method, VisitorState state) {
    if (!method.isStatic() || !KNOWN_VALUES.contains(Symbols.name(method, state))) {
      return false;
    }
    return Symbols.qualifiedName(method.owner, state).equals(GUAVA_FUTURES)
        || AsyncTypes.kindOf(method.owner.type, state) != null;
  }
}
