package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.Operators;
import dev.asyncprone.model.api.libraries.Library;
import dev.asyncprone.model.api.libraries.Vocabulary;
import dev.asyncprone.model.context.AsyncContext;
import dev.asyncprone.model.context.BlockingCalls;
import dev.asyncprone.model.context.BlockingCalls.BlockingCall;
import dev.asyncprone.model.context.BlockingCalls.Reason;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.fix.AsyncTwinFix;
import dev.asyncprone.model.fix.CombineFix;
import dev.asyncprone.model.fix.FixSources;
import dev.asyncprone.model.javac.Lambdas;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Options;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/** An await or a blocking call where the thread must not block. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "Blocking where the thread must not block: in a callback on the completing thread, a"
            + " reactive operator, a method that returns a future, or a @NonBlocking method",
    severity = ERROR,
    linkType = CUSTOM,
    link = Docs.CHECKS + "BlockingInAsyncContext.md")
public final class BlockingInAsyncContext extends BlockingCallChecker {

  /** For ServiceLoader, which finds the check; Error Prone makes it with the injected one. */
  public BlockingInAsyncContext() {
    this(new Contexts(Options.defaults()));
  }

  private BlockingInAsyncContext(Contexts contexts) {
    this(new BlockingCalls(Options.defaults(), contexts), contexts);
  }

  /** With the compilation's one {@link BlockingCalls} and {@link Contexts}. */
  @Inject
  BlockingInAsyncContext(BlockingCalls blockingCalls, Contexts contexts) {
    super(blockingCalls, contexts);
  }

  @Override
  boolean reportsIn(AsyncContext context) {
    return context.mustNotBlock();
  }

  @Override
  Description matchBlockingCall(
      Tree tree, BlockingCall call, AsyncContext context, VisitorState state) {
    if (!context.mustNotBlock()) {
      return Description.NO_MATCH;
    }
    Description.Builder description =
        buildDescription(tree).setMessage(message(call, context, state));
    SuggestedFix fix =
        call.reason() == Reason.TWIN
            ? AsyncTwinFix.composeTwin(call, context, state)
            : composeInstead(call, context, state);
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  private static String message(BlockingCall call, AsyncContext context, VisitorState state) {
    return call.blocks(context) + "; " + advice(call, context, state);
  }

  private static String advice(BlockingCall call, AsyncContext context, VisitorState state) {
    if (call.reason() == Reason.TWIN && call.twin() != null) {
      return twinAdvice(call.twin(), context, state);
    }
    AsyncKind.Family family = familyOf(context, state);
    switch (context.kind()) {
      case STAGE_CALLBACK:
        if (family == AsyncKind.Family.GUAVA) {
          return call.isAwait()
              ? "compose instead: transformAsync(...) returning the future, not its value"
              : "pass an executor meant for blocking work instead of directExecutor()";
        }
        if (family == AsyncKind.Family.VERTX) {
          return call.isAwait()
              ? "compose instead: compose(...) returning the future, not its value"
              : "move it to a worker with vertx.executeBlocking(...)";
        }
        if (call.isAwait() && combines(call, context, state)) {
          return "combine instead: thenCombine("
              + FixSources.awaitedSource(call.await().future(), state)
              + ", (value, other) -> ...), since that future does not depend on this callback's"
              + " value";
        }
        return call.isAwait()
            ? "compose instead: thenCompose(...)"
            : "move it to an executor meant for blocking work: "
                + context.callbackMethod()
                + "Async(..., executor)";
      case REACTIVE_OPERATOR:
        return call.isAwait()
            ? "compose instead: flatMap(...) (concatMap(...) to keep order) returning the"
                + " publisher, not its value"
            : "wrap it in fromCallable(...).subscribeOn(a scheduler for blocking work, such as"
                + " Schedulers.boundedElastic()) and flatMap to it";
      case EVENT_LOOP_HANDLER:
        return "move it to a worker with vertx.executeBlocking(...), or call the async API";
      case ASYNC_METHOD:
        return call.isAwait()
            ? "compose instead: return a future built with thenCompose/thenApply (flatMap/map"
                + " for publishers) rather than waiting here"
            : "run it on an executor meant for blocking work and return that future, as"
                + " supplyAsync(() -> ..., executor) does";
      case NON_BLOCKING_METHOD:
        return call.isAwait()
            ? "compose the future instead of waiting for it"
            : "move it to an executor meant for blocking work, or drop the @NonBlocking"
                + " contract if this code may block";
      default:
        return "";
    }
  }

  /** Call the async twin and compose its future, rather than wait for the plain method. */
  private static String twinAdvice(MethodSymbol twin, AsyncContext context, VisitorState state) {
    String name = twin.getSimpleName() + "()";
    MethodInvocationTree callback = context.callbackOf();
    String compose =
        callback == null
            ? null
            : Operators.composeTwin(
                callback, AsyncTypes.kindOf(twin.getReturnType(), state), state);
    if (compose != null) {
      return "call its async twin " + name + " and compose it: " + compose + "(...)";
    }
    return context.kind() == AsyncContext.Kind.ASYNC_METHOD
        ? "call its async twin " + name + " and return a future built on it"
        : "call its async twin " + name + " and go on when its future completes";
  }

  private static AsyncKind.@Nullable Family familyOf(AsyncContext context, VisitorState state) {
    if (context.callbackOf() == null) {
      return null;
    }
    Symbol method = ASTHelpers.getSymbol(context.callbackOf());
    if (method == null) {
      return null;
    }
    Library library = Vocabulary.ofClass(Symbols.qualifiedName(method.owner, state));
    if (library != null
        && (library.family() == AsyncKind.Family.GUAVA
            || library.family() == AsyncKind.Family.VERTX)) {
      return library.family();
    }
    AsyncKind kind = AsyncTypes.kindOf(method.owner.type, state);
    return kind == null ? null : kind.family();
  }

  /**
   * True for a {@code join()} in part of a {@code thenApply} callback's result ({@code p ->
   * p.cents() * stock(sku).join()}) whose future reads nothing the callback declares: the rewrite
   * is {@code thenCombine}, not {@code thenCompose}. A join that is the whole result composes
   * ({@code p -> stock(sku).join()} to {@code thenCompose(p -> stock(sku))}).
   */
  private static boolean combines(BlockingCall call, AsyncContext context, VisitorState state) {
    Awaits.Await await = call.await();
    return await != null
        && await.future() != null
        && !await.bounded()
        && await.methodName().equals("join")
        && context.callbackMethod().equals("thenApply")
        && familyOf(context, state) == AsyncKind.Family.JDK
        && context.scope() instanceof LambdaExpressionTree lambda
        && !isAWholeResult(state.getPath())
        && CombineFix.combines(await.future(), lambda, state.getPath());
  }

  /**
   * True if the tree at {@code path} is returned as it is: a lambda's body, or a return's value.
   */
  private static boolean isAWholeResult(TreePath path) {
    TreePath parent = path.getParentPath();
    while (parent != null && parent.getLeaf() instanceof ParenthesizedTree) {
      parent = parent.getParentPath();
    }
    return parent == null
        || parent.getLeaf() instanceof LambdaExpressionTree
        || parent.getLeaf() instanceof ReturnTree;
  }

  /**
   * The mechanical rewrites: {@code thenApply(x -> g(x).join())} to {@code thenCompose(x -> g(x))};
   * {@code map(x -> g(x).block())} to {@code flatMap} ({@code concatMap} on a Flux, which keeps the
   * order); Guava {@code transform(f, x -> getUnchecked(g(x)), e)} to {@code transformAsync}: where
   * the await is the plain await of its library ({@code join}, {@code block}, {@code getUnchecked})
   * and the map has a composing twin for the future awaited.
   */
  private static @Nullable SuggestedFix composeInstead(
      BlockingCall call, AsyncContext context, VisitorState state) {
    Awaits.Await await = call.await();
    MethodInvocationTree callback = context.callbackOf();
    if (callback != null && combines(call, context, state)) {
      AsyncKind awaited =
          AsyncTypes.kindOf(FixSources.stripToCompletableFuture(await.future()), state);
      return awaited == AsyncKind.COMPLETABLE_FUTURE || awaited == AsyncKind.COMPLETION_STAGE
          ? CombineFix.thenCombine(
              callback,
              (LambdaExpressionTree) context.scope(),
              call.tree(),
              FixSources.stripToCompletableFuture(await.future()),
              state)
          : null;
    }
    if (await == null
        || await.bounded()
        || await.future() == null
        || callback == null
        || !(context.scope() instanceof LambdaExpressionTree lambda)
        || Lambdas.singleResult(lambda) != call.tree()) {
      return null;
    }
    if (!await.rule().composable()
        || (context.kind() != AsyncContext.Kind.STAGE_CALLBACK
            && context.kind() != AsyncContext.Kind.REACTIVE_OPERATOR)) {
      return null;
    }
    ExpressionTree future = await.future();
    AsyncKind awaited = AsyncTypes.kindOf(FixSources.stripToCompletableFuture(future), state);
    String replacement = Operators.composeTwin(callback, awaited, state);
    if (replacement == null) {
      return null;
    }
    return SuggestedFix.builder()
        .merge(SuggestedFixes.renameMethodInvocation(callback, replacement, state))
        .replace(call.tree(), FixSources.awaitedSource(future, state))
        .build();
  }
}
