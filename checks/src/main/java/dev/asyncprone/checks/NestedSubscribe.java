package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Operators;
import dev.asyncprone.model.api.libraries.Vocabulary;
import dev.asyncprone.model.context.AsyncContext;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.fix.Fixes;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.observe.Subscriptions;
import dev.asyncprone.model.observe.Subscriptions.Subscription;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import dev.asyncprone.model.support.Options;
import java.util.List;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/** {@code subscribe()} inside a reactive operator or a future's callback. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "subscribe() inside a reactive operator or a future callback starts a pipeline that the"
            + " outer one does not wait for; its errors and backpressure escape",
    severity = ERROR,
    linkType = CUSTOM,
    link = Docs.CHECKS + "NestedSubscribe.md")
public final class NestedSubscribe extends BugChecker implements MethodInvocationTreeMatcher {
  private final Contexts contexts;

  /** For ServiceLoader, which finds the check; Error Prone makes it with the injected one. */
  public NestedSubscribe() {
    this(new Contexts(Options.defaults()));
  }

  /** With the compilation's one {@link Contexts}, shared by every check that asks for it. */
  @Inject
  NestedSubscribe(Contexts contexts) {
    this.contexts = contexts;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          Subscription subscription = Subscriptions.of(state.getPath(), state);
          if (subscription == null || Subscriptions.handsToSubscriber(subscription, state)) {
            return Description.NO_MATCH;
          }
          AsyncContext context = Subscriptions.nestedIn(contexts, state);
          if (context == null) {
            return Description.NO_MATCH;
          }
          boolean callback = context.kind() == AsyncContext.Kind.STAGE_CALLBACK;
          Description.Builder description =
              buildDescription(tree)
                  .setMessage(
                      String.format(
                          "subscribe() inside this %s %s starts an inner pipeline that nothing"
                              + " waits for: %s goes on (and may complete) without it, the inner"
                              + " one's errors bypass the outer error handling, and %s. %s",
                          context.callbackMethod(),
                          callback ? "callback" : "operator",
                          callback ? "the future" : "the outer pipeline",
                          callback
                              ? "cancelling the future does not stop it"
                              : "its demand escapes the outer backpressure and cancellation",
                          callback
                              ? "Compose it instead: thenCompose(x -> inner.toFuture()), or"
                                  + " make the whole flow a publisher."
                              : "Compose it instead: flatMap or concatMap returning the inner"
                                  + " publisher (thenReturn(x) keeps the element)."));
          SuggestedFix fix = compose(subscription, context, state);
          if (fix != null) {
            description.addFix(fix);
          }
          return description.build();
        });
  }

  /**
   * {@code doOnNext(x -> inner.subscribe())} to {@code concatMap(x -> inner.thenReturn(x))}, {@code
   * map(x -> { inner.subscribe(); return y; })} to {@code concatMap(x -> inner.thenReturn(y))},
   * {@code thenAccept(x -> inner.subscribe())} to {@code thenCompose(x ->
   * inner.then().toFuture())}; {@code flatMap} in place of {@code concatMap} on a Mono.
   */
  private static @Nullable SuggestedFix compose(
      Subscription subscription, AsyncContext context, VisitorState state) {
    ExpressionTree inner = subscription.publisher();
    AsyncKind innerKind = AsyncTypes.kindOf(inner, state);
    MethodInvocationTree operator = context.callbackOf();
    if (!subscription.isBare()
        || inner == null
        || innerKind == null
        || operator == null
        || !(context.scope() instanceof LambdaExpressionTree)) {
      return null;
    }
    LambdaExpressionTree lambda = (LambdaExpressionTree) context.scope();
    Tree body = lambda.getBody();
    if (body == subscription.call()) {
      return Fixes.composeCallback(operator, lambda, inner, innerKind, false, state);
    }
    ExpressionTree returned = subscribeThenReturn(body, subscription.call());
    // The new function returns a Mono: the inner publisher, then the value.
    String composing = Operators.composeTwin(operator, AsyncKind.MONO, state);
    String then =
        returned == null
            ? null
            : Vocabulary.thenReturn(
                innerKind, state.getSourceForNode(inner), state.getSourceForNode(returned));
    if (!Trees.methodName(operator).equals("map")
        || composing == null
        || then == null
        || lambda.getParameters().size() != 1) {
      return null;
    }
    return Fixes.recompose(
        operator,
        lambda,
        composing,
        lambda.getParameters().get(0).getName() + " -> " + then,
        state);
  }

  /** For a body {@code { subscription; return y; }}, the {@code y}; else null. */
  private static @Nullable ExpressionTree subscribeThenReturn(Tree body, Tree subscription) {
    if (!(body instanceof BlockTree block)) {
      return null;
    }
    List<? extends StatementTree> statements = block.getStatements();
    if (statements.size() != 2
        || !(statements.get(0) instanceof ExpressionStatementTree first)
        || first.getExpression() != subscription
        || !(statements.get(1) instanceof ReturnTree second)) {
      return null;
    }
    return second.getExpression();
  }
}
