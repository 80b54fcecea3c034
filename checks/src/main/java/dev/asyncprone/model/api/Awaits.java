package dev.asyncprone.model.api;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The calls that wait until a future-like completes ({@code get}, {@code join}, {@code block*},
 * {@code blocking*}, {@code Futures.getUnchecked}, ...), the reads that look alike but do not wait
 * ({@code getNow}, {@code resultNow}, {@code Futures.getDone}), and the futures known to be done
 * where an await is read.
 */
public final class Awaits {
  private static final String GUAVA_FUTURES = "com.google.common.util.concurrent.Futures";
  private static final String UNINTERRUPTIBLES =
      "com.google.common.util.concurrent.Uninterruptibles";
  private static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";
  private static final String UNI_AWAIT = "io.smallrye.mutiny.groups.UniAwait";
  private static final String UNI_AWAIT_OPTIONAL = "io.smallrye.mutiny.groups.UniAwaitOptional";
  private static final String MULTI_SUBSCRIBE = "io.smallrye.mutiny.groups.MultiSubscribe";

  /**
   * An await: the call, the future it waits for (null where the tree does not show it, as in a
   * method reference), the name to show, and whether it has a timeout.
   */
  public record Await(
      Tree call, @Nullable ExpressionTree future, String methodName, boolean bounded) {
    /** {@code join()}, {@code Futures.getUnchecked()}: the call as a reader knows it. */
    public String display() {
      return methodName + "()";
    }
  }

  private Awaits() {}

  /** The await that {@code tree} is, or null. Accepts method invocations and references. */
  public static @Nullable Await of(Tree tree, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (!(symbol instanceof MethodSymbol)) {
      return null;
    }
    return of(tree, (MethodSymbol) symbol, state);
  }

  /** True if a call of {@code method} is an await ({@link #of}), whatever its receiver. */
  public static boolean isAwaitMethod(MethodSymbol method, VisitorState state) {
    return of(null, method, state) != null;
  }

  /**
   * True if a call of {@code method} would be an await with no timeout: a method that overrides or
   * implements one ({@code get()} of a Future, {@code join()} of a CompletableFuture, {@code
   * await()} of a Vert.x Future, ...) is one too. Reads the symbol only, so it also answers for a
   * method being declared.
   */
  public static boolean isUnboundedAwait(MethodSymbol method, VisitorState state) {
    Await await = of(null, method, state);
    return await != null && !await.bounded();
  }

  /** The await a call of {@code method} at {@code tree} (null: a call not shown) would be. */
  private static @Nullable Await of(@Nullable Tree tree, MethodSymbol method, VisitorState state) {
    String name = Symbols.name(method, state);
    int arity = method.getParameters().size();
    ExpressionTree receiver = null;
    List<? extends ExpressionTree> arguments = List.of();
    if (tree instanceof MethodInvocationTree) {
      receiver = ASTHelpers.getReceiver((MethodInvocationTree) tree);
      arguments = ((MethodInvocationTree) tree).getArguments();
    } else if (tree instanceof MemberReferenceTree) {
      ExpressionTree qualifier = ((MemberReferenceTree) tree).getQualifierExpression();
      receiver = ASTHelpers.getSymbol(qualifier) instanceof Symbol.ClassSymbol ? null : qualifier;
    }
    if (method.isStatic()) {
      ExpressionTree first = arguments.isEmpty() ? null : arguments.get(0);
      if (Symbols.isOwner(method, GUAVA_FUTURES, state)
          && (name.equals("getUnchecked") || name.equals("getChecked"))) {
        return new Await(tree, first, "Futures." + name, name.equals("getChecked") && arity == 4);
      }
      if (Symbols.isOwner(method, UNINTERRUPTIBLES, state) && name.equals("getUninterruptibly")) {
        return new Await(tree, first, "Uninterruptibles." + name, arity == 3);
      }
      return null;
    }
    Symbol owner = method.owner;
    switch (name) {
      case "get":
        if ((arity == 0 || arity == 2)
            && AsyncTypes.isSubtypeNamed(owner.type, "java.util.concurrent.Future", state)) {
          return new Await(tree, receiver, name, arity == 2);
        }
        return null;
      case "join":
        if (arity == 0
            && (AsyncTypes.isSubtypeNamed(
                    owner.type, AsyncKind.COMPLETABLE_FUTURE.className(), state)
                || AsyncTypes.isSubtypeNamed(owner.type, FORK_JOIN_TASK, state))) {
          return new Await(tree, receiver, name, false);
        }
        return null;
      case "block":
      case "blockOptional":
        return kindOfOwner(method, state) == AsyncKind.MONO
            ? new Await(tree, receiver, name, arity == 1)
            : null;
      case "blockFirst":
      case "blockLast":
      case "toIterable":
      case "toStream":
        return kindOfOwner(method, state) == AsyncKind.FLUX
            ? new Await(tree, receiver, name, name.startsWith("block") && arity == 1)
            : null;
      case "await":
        return kindOfOwner(method, state) == AsyncKind.VERTX_FUTURE
            ? new Await(tree, receiver, name, arity == 2)
            : null;
      case "indefinitely":
      case "atMost":
        if (Symbols.isOwner(method, UNI_AWAIT, state)
            || Symbols.isOwner(method, UNI_AWAIT_OPTIONAL, state)) {
          return new Await(
              tree, receiverOfReceiver(receiver), "await()." + name, name.equals("atMost"));
        }
        return null;
      case "asIterable":
      case "asStream":
        return Symbols.isOwner(method, MULTI_SUBSCRIBE, state)
            ? new Await(tree, receiverOfReceiver(receiver), "subscribe()." + name, false)
            : null;
      default:
        if (name.startsWith("blocking")) {
          AsyncKind kind = kindOfOwner(method, state);
          if (kind != null && kind.family() == AsyncKind.Family.RXJAVA) {
            return new Await(tree, receiver, name, false);
          }
        }
        return null;
    }
  }

  /**
   * True for the methods whose calls read a result and never wait: {@code getNow}, {@code
   * resultNow}, {@code exceptionNow}, {@code isDone}, {@code state}, Guava's {@code
   * Futures.getDone}.
   */
  public static boolean isNonBlockingRead(MethodSymbol symbol, VisitorState state) {
    String name = Symbols.name(symbol, state);
    if (symbol.isStatic()) {
      return Symbols.isOwner(symbol, GUAVA_FUTURES, state) && name.equals("getDone");
    }
    switch (name) {
      case "getNow":
      case "resultNow":
      case "exceptionNow":
      case "isDone":
      case "state":
        return AsyncTypes.isSubtypeNamed(symbol.owner.type, "java.util.concurrent.Future", state);
      default:
        return false;
    }
  }

  private static @Nullable AsyncKind kindOfOwner(MethodSymbol method, VisitorState state) {
    return AsyncTypes.kindOf(method.owner.type, state);
  }

  private static @Nullable ExpressionTree receiverOfReceiver(@Nullable ExpressionTree receiver) {
    return receiver == null ? null : Trees.receiver(receiver);
  }
}
