package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.await.AsyncWraps;
import dev.asyncprone.model.context.AsyncContext;
import dev.asyncprone.model.context.AsyncContext.Kind;
import dev.asyncprone.model.context.BlockingCalls;
import dev.asyncprone.model.context.BlockingCalls.BlockingCall;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.fix.FixSources;
import dev.asyncprone.model.fix.Fixes;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Options;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/** Blocking work on ForkJoinPool.commonPool() or on an executor annotated @NonBlockingExecutor. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "Blocking work on ForkJoinPool.commonPool() (supplyAsync/runAsync/*Async without an"
            + " executor, parallel streams) or on an executor annotated @NonBlockingExecutor",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.CHECKS + "BlockingOnCommonPool.md")
public final class BlockingOnCommonPool extends BlockingCallChecker {

  /** For ServiceLoader, which finds the check; Error Prone makes it with the injected one. */
  public BlockingOnCommonPool() {
    this(new Contexts(Options.defaults()));
  }

  private BlockingOnCommonPool(Contexts contexts) {
    this(new BlockingCalls(Options.defaults(), contexts), contexts);
  }

  /** With the compilation's one {@link BlockingCalls} and {@link Contexts}. */
  @Inject
  BlockingOnCommonPool(BlockingCalls blockingCalls, Contexts contexts) {
    super(blockingCalls, contexts);
  }

  @Override
  boolean reportsIn(AsyncContext context) {
    return context.isSharedPool();
  }

  @Override
  Description matchBlockingCall(
      Tree tree, BlockingCall call, AsyncContext context, VisitorState state) {
    if (!context.isSharedPool() || isRedundantWrap(call, context, state)) {
      return Description.NO_MATCH;
    }
    TreePath callbackPath = Trees.pathOf(context.callbackOf(), state);
    VarSymbol executor =
        callbackPath == null ? null : FixSources.soleBlockingExecutor(callbackPath, state);
    SuggestedFix fix =
        executor == null ? null : Fixes.passExecutor(context, Symbols.name(executor, state), state);
    Description.Builder description =
        buildDescription(tree)
            .setMessage(message(call, context, fix == null ? null : executor, state));
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  /** {@code supplyAsync(() -> f.join())} is RedundantAsyncWrap's: its fix drops the hop itself. */
  private static boolean isRedundantWrap(
      BlockingCall call, AsyncContext context, VisitorState state) {
    if (!call.isAwait() || context.callbackOf() == null) {
      return false;
    }
    AsyncWraps.WaitingWrap waiting = AsyncWraps.waiting(context.callbackOf(), state);
    return waiting != null && waiting.await().call() == call.tree();
  }

  private static String message(
      BlockingCall call, AsyncContext context, @Nullable VarSymbol executor, VisitorState state) {
    String why =
        context.kind() == Kind.COMMON_POOL
            ? "the common pool has one thread per core, less one, shared by the whole JVM: a task"
                + " that blocks there starves every parallel stream and every async stage that has"
                + " no executor of its own"
            : "'"
                + Trees.label(context.source(), state)
                + "' has few threads shared by many short"
                + " tasks, and a task that blocks holds one of them for the whole wait";
    return call.blocks(context) + "; " + why + "; " + advice(context, executor, state);
  }

  private static String advice(
      AsyncContext context, @Nullable VarSymbol executor, VisitorState state) {
    MethodInvocationTree callback = context.callbackOf();
    Symbol method = callback == null ? null : ASTHelpers.getSymbol(callback);
    if (method != null && AsyncTypes.isOwnedBy(method, JdkTypes.BASE_STREAM, state)) {
      return "use a sequential stream, or hand each blocking call to an executor meant for"
          + " blocking work (supplyAsync(..., executor) per element, then join the futures)";
    }
    String name = executor == null ? "executor" : Symbols.name(executor, state);
    if (Fixes.passExecutor(context, name, state) != null) {
      return "pass an executor meant for blocking work: "
          + context.callbackMethod()
          + "(..., "
          + name
          + ")";
    }
    return "submit it to an executor meant for blocking work instead";
  }
}
