package dev.asyncprone.model.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Operators;
import dev.asyncprone.model.context.AsyncContext;
import dev.asyncprone.model.context.BlockingCalls.BlockingCall;
import dev.asyncprone.model.javac.Lambdas;
import org.jspecify.annotations.Nullable;

/** The fix for a blocking twin in a callback or operator: compose its async twin instead. */
public final class AsyncTwinFix {
  private AsyncTwinFix() {}

  /**
   * {@code thenApply(v -> cache.get(k))} to {@code thenCompose(v -> cache.getAsync(k))}, {@code
   * map} to {@code flatMap}: where the lambda's only result is the call of the plain method, the
   * map has a composing twin for the twin's future, and the twin's future carries exactly what the
   * plain method returns, so that the chain's type and values stay what they were.
   */
  public static @Nullable SuggestedFix composeTwin(
      BlockingCall call, AsyncContext context, VisitorState state) {
    MethodSymbol twin = call.twin();
    MethodInvocationTree callback = context.callbackOf();
    if (twin == null
        || callback == null
        || !twin.getTypeParameters().isEmpty()
        || !(call.tree() instanceof MethodInvocationTree plain)
        || !(context.scope() instanceof LambdaExpressionTree lambda)
        || Lambdas.singleResult(lambda) != plain
        || (context.kind() != AsyncContext.Kind.STAGE_CALLBACK
            && context.kind() != AsyncContext.Kind.REACTIVE_OPERATOR)) {
      return null;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(plain);
    Type owner = receiver == null ? null : ASTHelpers.getType(receiver);
    Type returned =
        owner == null || twin.isStatic()
            ? twin.getReturnType()
            : state.getTypes().memberType(owner, twin).getReturnType();
    if (!AsyncTypes.hasValueType(returned, ASTHelpers.getType(plain), state)) {
      return null;
    }
    String replacement = Operators.composeTwin(callback, AsyncTypes.kindOf(returned, state), state);
    if (replacement == null) {
      return null;
    }
    return SuggestedFix.builder()
        .merge(SuggestedFixes.renameMethodInvocation(callback, replacement, state))
        .merge(SuggestedFixes.renameMethodInvocation(plain, twin.getSimpleName().toString(), state))
        .build();
  }
}
