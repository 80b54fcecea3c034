package dev.asyncprone.model.await;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
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
import java.util.Iterator;
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
   * True if two calls may work on the same object's state, so that one may see what the other does:
   * they share a {@link #receiverRoots receiver root}, and one of them is not a getter by its name
   * ({@link #isGetter}), or runs whatever it is given ({@code session.execute(select)}), or the
   * second repeats the first, name and arguments ({@code cursor.fetchNext()} twice: a call made
   * again on one object only makes sense if the object moved on). Two getters of one object are
   * independent: {@code users.find(a)} and {@code users.find(b)}, {@code client.user(id)} and
   * {@code client.orders(id)}.
   */
  public static boolean mayShareState(
      MethodInvocationTree a, MethodInvocationTree b, VisitorState state) {
    if (Collections.disjoint(receiverRoots(a, state), receiverRoots(b, state))) {
      return false;
    }
    return !isGetter(a, state)
        || !isGetter(b, state)
        || Verbs.isCommand(Trees.methodName(a))
        || Verbs.isCommand(Trees.methodName(b))
        || sameCall(a, b, state);
  }

  /**
   * True if {@code call}'s name says it only gets a value: it starts with a read ({@code find},
   * {@code getUser}, {@link Verbs#isRead}), or it names what its future carries ({@code user(id)}
   * for a {@code CompletableFuture<User>}, {@code orders(id)} for a {@code List<Order>}, {@code
   * userProfile()} for a {@code Profile}): a name that is the value's is no verb that changes
   * state.
   */
  public static boolean isGetter(MethodInvocationTree call, VisitorState state) {
    String name = Trees.methodName(call);
    if (Verbs.isRead(name)) {
      return true;
    }
    Type future = ASTHelpers.getType(call);
    AsyncKind kind = AsyncTypes.kindOf(future, state);
    Type value = kind == null || future == null ? null : AsyncTypes.valueType(future, kind, state);
    if (value == null || value.tsym == null) {
      return false;
    }
    String last = Verbs.lastWord(name);
    Type element =
        value.getTypeArguments().size() == 1
                && AsyncTypes.isSubtypeNamed(value, JdkTypes.COLLECTION, state)
            ? value.getTypeArguments().get(0)
            : null;
    return last.equals(Verbs.lastWord(value.tsym.getSimpleName().toString()))
        || (element != null
            && element.tsym != null
            && (last.equals(Verbs.lastWord(element.tsym.getSimpleName().toString()) + "s")
                || last.equals(Verbs.lastWord(element.tsym.getSimpleName().toString()) + "es")));
  }

  /** The same method, with the same arguments as written. */
  private static boolean sameCall(
      MethodInvocationTree a, MethodInvocationTree b, VisitorState state) {
    if (ASTHelpers.getSymbol(a) != ASTHelpers.getSymbol(b)) {
      return false;
    }
    // javac's lists are linked: walk them side by side, never index them.
    Iterator<? extends ExpressionTree> first = a.getArguments().iterator();
    Iterator<? extends ExpressionTree> second = b.getArguments().iterator();
    while (first.hasNext() && second.hasNext()) {
      if (!String.valueOf(state.getSourceForNode(first.next()))
          .equals(String.valueOf(state.getSourceForNode(second.next())))) {
        return false;
      }
    }
    return !first.hasNext() && !second.hasNext();
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
