package dev.asyncprone.model.await;

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
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Mutiny;
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
      if (e instanceof TypeCastTree cast) {
        e = cast.getExpression();
        continue;
      }
      if (!(e instanceof MethodInvocationTree call)) {
        return null;
      }
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
    if (owner.startsWith(Mutiny.GROUPS)) {
      for (String batch : Mutiny.BATCH_GROUPS) {
        if (owner.contains(batch)) {
          return true;
        }
      }
    }
    if (!method.isStatic()) {
      return false;
    }
    String name = Symbols.name(method, state);
    if (Libraries.isStaticOperatorClass(owner)) {
      return Libraries.isBatchName(name);
    }
    AsyncKind kind = AsyncTypes.kindOf(method.owner.type, state);
    return kind != null && (kind.emitsMany() || Libraries.isBatchName(name));
  }

  /** True if a call along {@code future}'s receiver chain {@link #isBatch}. */
  public static boolean containsBatch(@Nullable ExpressionTree future, VisitorState state) {
    for (ExpressionTree e = future; e != null; e = Trees.receiver(e)) {
      e = ASTHelpers.stripParentheses(e);
      if (e instanceof MethodInvocationTree call && isBatch(call, state)) {
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
    for (String container : JdkTypes.CONTAINERS) {
      if (AsyncTypes.isOwnedBy(method, container, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isKnownValue(MethodSymbol method, VisitorState state) {
    if (!method.isStatic() || !Libraries.isCompletedFactoryName(Symbols.name(method, state))) {
      return false;
    }
    return Libraries.isStaticOperatorClass(Symbols.qualifiedName(method.owner, state))
        || AsyncTypes.kindOf(method.owner.type, state) != null;
  }
}
