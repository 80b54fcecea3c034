package dev.asyncprone.model.api;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.libraries.AwaitRule;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The calls that wait until a future-like completes ({@code get}, {@code join}, {@code block*},
 * {@code blocking*}, {@code Futures.getUnchecked}, ...), as the library tables list them ({@link
 * Libraries#await}), and the reads that look alike but do not wait ({@code getNow}, {@code
 * resultNow}, {@code Futures.getDone}).
 */
public final class Awaits {
  /**
   * An await: the call, the future it waits for (null where the tree does not show it, as in a
   * method reference), the name to show, whether it has a timeout, and what its library's table
   * says about it.
   */
  public record Await(
      Tree call,
      @Nullable ExpressionTree future,
      String methodName,
      boolean bounded,
      AwaitRule rule) {
    /** {@code join()}, {@code Futures.getUnchecked()}: the call as a reader knows it. */
    public String display() {
      return methodName + "()";
    }
  }

  private static final PerCompilationCache<MethodSymbol, Optional<AwaitRule>> RULES =
      new PerCompilationCache<>();

  private Awaits() {}

  /** The await that {@code tree} is, or null. Accepts method invocations and references. */
  public static @Nullable Await of(Tree tree, VisitorState state) {
    return ASTHelpers.getSymbol(tree) instanceof MethodSymbol method
        ? of(tree, method, state)
        : null;
  }

  /** True if a call of {@code method} is an await ({@link #of}), whatever its receiver. */
  public static boolean isAwaitMethod(MethodSymbol method, VisitorState state) {
    return ruleOf(method, state) != null;
  }

  /**
   * True if a call of {@code method} would be an await with no timeout: a method that overrides or
   * implements one ({@code get()} of a Future, {@code join()} of a CompletableFuture, {@code
   * await()} of a Vert.x Future, ...) is one too. Reads the symbol only, so it also answers for a
   * method being declared.
   */
  public static boolean isUnboundedAwait(MethodSymbol method, VisitorState state) {
    AwaitRule rule = ruleOf(method, state);
    return rule != null && !rule.isBounded(method);
  }

  /**
   * The library tables' rule for a wait that a call of {@code method} is, or null. Asked of every
   * call by several checks, and the tables read the method's name and types: kept per method.
   */
  public static @Nullable AwaitRule ruleOf(MethodSymbol method, VisitorState state) {
    return RULES
        .get(method, state, m -> Optional.ofNullable(Libraries.await(m, state)))
        .orElse(null);
  }

  /** The await a call of {@code method} at {@code tree} is. */
  private static @Nullable Await of(Tree tree, MethodSymbol method, VisitorState state) {
    AwaitRule rule = ruleOf(method, state);
    if (rule == null) {
      return null;
    }
    ExpressionTree receiver = null;
    List<? extends ExpressionTree> arguments = List.of();
    if (tree instanceof MethodInvocationTree call) {
      receiver = ASTHelpers.getReceiver(call);
      arguments = call.getArguments();
    } else if (tree instanceof MemberReferenceTree reference) {
      ExpressionTree qualifier = reference.getQualifierExpression();
      receiver = ASTHelpers.getSymbol(qualifier) instanceof Symbol.ClassSymbol ? null : qualifier;
    }
    ExpressionTree future =
        switch (rule.future()) {
          case RECEIVER -> receiver;
          case FIRST_ARGUMENT -> arguments.isEmpty() ? null : arguments.get(0);
          case RECEIVER_OF_RECEIVER -> receiver == null ? null : Trees.receiver(receiver);
        };
    return new Await(
        tree,
        future,
        rule.displayPrefix() + Symbols.name(method, state),
        rule.isBounded(method),
        rule);
  }

  /**
   * True for the methods whose calls read a result and never wait: {@code getNow}, {@code
   * resultNow}, {@code exceptionNow}, {@code isDone}, {@code state}, Guava's {@code
   * Futures.getDone}.
   */
  public static boolean isNonBlockingRead(MethodSymbol symbol, VisitorState state) {
    return Libraries.isNonBlockingRead(symbol, state);
  }
}
