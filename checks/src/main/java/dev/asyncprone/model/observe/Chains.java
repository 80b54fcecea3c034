package dev.asyncprone.model.observe;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Reactor;
import dev.asyncprone.model.javac.Lambdas;
import dev.asyncprone.model.javac.Symbols;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A chain of calls on a future or publisher ({@code fetch(id).thenApply(...).exceptionally(...)})
 * read from its last call back to its source: whether some stage of it handles failure, and whether
 * it subscribes to a publisher.
 */
public final class Chains {
  private Chains() {}

  /**
   * The calls of the chain that ends in {@code expression}, last first: {@code exceptionally},
   * {@code thenApply}, {@code fetch} for {@code fetch(id).thenApply(...).exceptionally(...)}. A
   * static Guava {@code Futures} method ({@code Futures.transform(input, ...)}) and {@code
   * FluentFuture.from(input)} continue into their input.
   */
  public static List<MethodInvocationTree> stages(
      @Nullable ExpressionTree expression, VisitorState state) {
    List<MethodInvocationTree> stages = new ArrayList<>();
    ExpressionTree e = expression;
    while (e != null) {
      e = ASTHelpers.stripParentheses(e);
      if (!(e instanceof MethodInvocationTree)) {
        break;
      }
      MethodInvocationTree call = (MethodInvocationTree) e;
      stages.add(call);
      MethodSymbol method = ASTHelpers.getSymbol(call);
      if (method != null && method.isStatic()) {
        boolean continues =
            Libraries.isStaticOperatorClass(Symbols.qualifiedName(method.owner, state))
                && !call.getArguments().isEmpty();
        e = continues ? call.getArguments().get(0) : null;
      } else {
        e = ASTHelpers.getReceiver(call);
      }
    }
    return stages;
  }

  /** The first call, from the end of the chain, that sees a failure; null if none does. */
  public static @Nullable MethodInvocationTree failureHandler(
      @Nullable ExpressionTree expression, VisitorState state) {
    for (MethodInvocationTree stage : stages(expression, state)) {
      if (isFailureHandler(stage, state)) {
        return stage;
      }
    }
    return null;
  }

  /**
   * True if some stage of the chain sees a failure: {@code exceptionally}, {@code handle}, {@code
   * whenComplete}, Guava {@code catching}, Vert.x {@code onFailure}/{@code onComplete}/{@code
   * recover}, Reactor and RxJava {@code onError*}/{@code doOnError}, Mutiny {@code onFailure()}.
   */
  public static boolean handlesFailure(@Nullable ExpressionTree expression, VisitorState state) {
    return failureHandler(expression, state) != null;
  }

  /**
   * True if every failure the publisher {@code expression} can carry is handled inside it: its
   * source is a factory over values already there ({@code Flux.fromIterable(urls)}, {@code just},
   * {@code range}), which cannot fail, and each later stage runs a function per element, where one
   * that returns an inner publisher ({@code flatMap}, {@code concatMap}) returns a chain that
   * handles failure ({@code exchange(u).onErrorResume(...)}). A plain callback ({@code map}, {@code
   * filter}, {@code doOnNext}) fails only if its own code throws: a bug, not a failure of the work.
   * So a subscription to it with no error consumer loses nothing.
   */
  public static boolean failuresHandledInside(
      @Nullable ExpressionTree expression, VisitorState state) {
    List<MethodInvocationTree> stages = stages(expression, state);
    if (stages.isEmpty()) {
      return false;
    }
    MethodInvocationTree source = stages.get(stages.size() - 1);
    MethodSymbol factory = ASTHelpers.getSymbol(source);
    AsyncKind kind = factory == null ? null : AsyncTypes.kindOf(factory.owner.type, state);
    if (factory == null
        || !factory.isStatic()
        || kind == null
        || !(kind.family() == AsyncKind.Family.REACTOR || kind.family() == AsyncKind.Family.RXJAVA)
        || !Reactor.VALUE_SOURCES.contains(Symbols.name(factory, state))) {
      return false;
    }
    for (MethodInvocationTree stage : stages.subList(0, stages.size() - 1)) {
      MethodSymbol operator = ASTHelpers.getSymbol(stage);
      if (operator == null
          || operator.isStatic()
          || !Libraries.isPerElementOperator(Symbols.name(operator, state))) {
        return false;
      }
      for (ExpressionTree argument : stage.getArguments()) {
        if (argument instanceof LambdaExpressionTree lambda
            && !innerHandlesFailure(lambda, state)) {
          return false;
        }
      }
    }
    return true;
  }

  /** A function that returns no publisher, or returns only chains that handle failure. */
  private static boolean innerHandlesFailure(LambdaExpressionTree lambda, VisitorState state) {
    List<ExpressionTree> results = new ArrayList<>();
    if (lambda.getBody() instanceof ExpressionTree body) {
      results.add(body);
    } else if (lambda.getBody() instanceof BlockTree block) {
      for (ReturnTree returned : Lambdas.ownReturns(block)) {
        results.add(returned.getExpression());
      }
    }
    for (ExpressionTree result : results) {
      if (result != null
          && AsyncTypes.kindOf(ASTHelpers.getType(result), state) != null
          && !handlesFailure(result, state)) {
        return false;
      }
    }
    return true;
  }

  /** True if {@code call} is an operator that sees a failure. */
  public static boolean isFailureHandler(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    return method != null && Libraries.isFailureHandler(method, state);
  }

  /**
   * The call in the chain that subscribes to a publisher ({@code subscribe}, {@code block*}, {@code
   * blocking*}, {@code toFuture}, ...), or null: a publisher whose chain has one has run, or will
   * run, whatever happens to the chain's value.
   */
  public static @Nullable MethodInvocationTree subscription(
      @Nullable ExpressionTree expression, VisitorState state) {
    for (MethodInvocationTree stage : stages(expression, state)) {
      MethodSymbol method = ASTHelpers.getSymbol(stage);
      if (method == null || method.isStatic()) {
        continue;
      }
      AsyncKind owner = AsyncTypes.kindOf(method.owner.type, state);
      String name = Symbols.name(method, state);
      if (owner != null && owner.isLazy() && Libraries.isSubscriberName(name)) {
        return stage;
      }
    }
    return null;
  }
}
