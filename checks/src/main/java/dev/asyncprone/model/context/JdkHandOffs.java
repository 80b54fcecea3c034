package dev.asyncprone.model.context;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Contracts;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.context.AsyncContext.Kind;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import org.jspecify.annotations.Nullable;

/**
 * Where the JDK runs the code it is handed: a thread of its own; a stage callback on the thread
 * that completes the stage; an *Async stage, {@code supplyAsync} or an executor's task on that
 * executor (the common pool without one); a parallel stream's step on the common pool; a
 * collection's or {@code Optional}'s function right away.
 */
final class JdkHandOffs {
  private final Contexts contexts;

  JdkHandOffs(Contexts contexts) {
    this.contexts = contexts;
  }

  /** {@code new Thread(() -> ...)}, or an anonymous subclass of Thread. */
  static AsyncContext newThread(
      TreePath functional, Tree creation, MethodSymbol constructor, VisitorState state) {
    return AsyncTypes.isSubtypeNamed(constructor.owner.type, Jdk.THREAD, state)
        ? ContextWords.offloaded(
            functional,
            creation,
            null,
            ContextWords.describe(functional.getLeaf()) + " runs on its own thread")
        : AsyncContext.of(Kind.UNKNOWN);
  }

  /** Threads, CompletableFuture's static wraps, and CompletionStage's callbacks. */
  @Nullable AsyncContext threadsAndStages(HandOff handOff, VisitorState state) {
    MethodSymbol method = handOff.method();
    String owner = handOff.owner();
    if (owner.equals(Jdk.THREAD) || owner.startsWith(Jdk.THREAD + ".")) {
      return ContextWords.offloaded(
          handOff.functional(), handOff.call(), null, handOff.what() + " runs on its own thread");
    }
    if (owner.equals(Jdk.COMPLETABLE_FUTURE)
        && method.isStatic()
        && Jdk.SUPPLY_OR_RUN.contains(handOff.name())) {
      return executorContext(executorArgument(handOff.call(), state), handOff, state);
    }
    if (method.isStatic() || !AsyncTypes.isOwnedBy(method, Jdk.COMPLETION_STAGE, state)) {
      return null;
    }
    if (handOff.name().endsWith(Jdk.ASYNC_SUFFIX)) {
      ExpressionTree executor = executorArgument(handOff.call(), state);
      String ownDefault = executor == null ? ownDefaultExecutor(handOff.receiver(), state) : null;
      if (ownDefault != null) {
        return ContextWords.offloaded(
            handOff.functional(),
            handOff.call(),
            null,
            handOff.what() + " runs on the default executor of " + ownDefault);
      }
      return executorContext(executor, handOff, state);
    }
    if (Jdk.STAGE_CALLBACKS.contains(handOff.name())) {
      return ContextWords.completingThread(handOff, handOff.receiver(), "", state);
    }
    return AsyncContext.of(Kind.UNKNOWN);
  }

  /** {@code executor.execute(task)}, {@code submit}, {@code schedule}, ... */
  @Nullable AsyncContext executors(HandOff handOff, VisitorState state) {
    MethodSymbol method = handOff.method();
    return !method.isStatic()
            && Jdk.EXECUTOR_METHODS.contains(handOff.name())
            && AsyncTypes.isOwnedBy(method, Jdk.EXECUTOR, state)
        ? executorContext(handOff.receiver(), handOff, state)
        : null;
  }

  /**
   * A step of a stream pipeline runs on the common pool if the pipeline is parallel (unless its
   * terminal operation runs in a task of another ForkJoinPool, which then runs the steps), else on
   * the calling thread; so does the function of a collection's {@code forEach} or an {@code
   * Optional}'s {@code map}.
   */
  @Nullable AsyncContext streamsAndCollections(HandOff handOff, VisitorState state) {
    MethodSymbol method = handOff.method();
    if (AsyncTypes.isOwnedBy(method, JdkTypes.BASE_STREAM, state)) {
      return parallelStep(handOff, state);
    }
    if (JdkTypes.INLINE_METHODS.contains(handOff.name())) {
      for (String inline : JdkTypes.INLINE_OWNERS) {
        if (handOff.owner().equals(inline) || AsyncTypes.isOwnedBy(method, inline, state)) {
          return HandOff.RUNS_HERE;
        }
      }
    }
    return null;
  }

  private AsyncContext parallelStep(HandOff handOff, VisitorState state) {
    if (!isParallelPipeline(handOff.call(), handOff.callPath(), state)) {
      return HandOff.RUNS_HERE;
    }
    AsyncContext outer = contexts.of(handOff.callPath(), state);
    if (outer.kind() == Kind.OFFLOADED
        && outer.source() != null
        && AsyncTypes.isSubtypeNamed(
            ASTHelpers.getType(outer.source()), Jdk.FORK_JOIN_POOL, state)) {
      return ContextWords.parallelStepIn(handOff, outer.source(), state);
    }
    return ContextWords.parallelStep(handOff);
  }

  /**
   * Code handed to {@code executor}: the common pool (also when there is none), an executor
   * annotated {@code @NonBlockingExecutor}, or any other, which may block.
   */
  static AsyncContext executorContext(
      @Nullable ExpressionTree executor, HandOff handOff, VisitorState state) {
    if (executor == null || isCommonPool(executor, state)) {
      return ContextWords.commonPool(handOff, executor, state);
    }
    Symbol executorSymbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(executor));
    if (Annotations.has(executorSymbol, Contracts.NON_BLOCKING_EXECUTOR, state)) {
      return ContextWords.nonBlockingExecutor(handOff, executor, state);
    }
    return ContextWords.offloaded(
        handOff.functional(),
        handOff.call(),
        executor,
        handOff.what() + " runs on '" + Trees.label(executor, state) + "'");
  }

  /** The first argument of {@code invocation} that is an Executor, or null. */
  static @Nullable ExpressionTree executorArgument(
      MethodInvocationTree invocation, VisitorState state) {
    for (ExpressionTree argument : invocation.getArguments()) {
      if (AsyncTypes.isSubtypeNamed(ASTHelpers.getType(argument), Jdk.EXECUTOR, state)) {
        return argument;
      }
    }
    return null;
  }

  /**
   * {@code ForkJoinPool.commonPool()}, and {@code CompletableFuture.delayedExecutor(delay, unit)}
   * without an executor, which hands its tasks to the common pool once the delay is over.
   */
  private static boolean isCommonPool(ExpressionTree executor, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(executor);
    Symbol symbol = ASTHelpers.getSymbol(e);
    if (symbol == null) {
      return false;
    }
    String owner = Symbols.qualifiedName(symbol.owner, state);
    if (symbol.getSimpleName().contentEquals(Jdk.COMMON_POOL)) {
      return owner.equals(Jdk.FORK_JOIN_POOL);
    }
    return symbol.getSimpleName().contentEquals(Jdk.DELAYED_EXECUTOR)
        && owner.equals(Jdk.COMPLETABLE_FUTURE)
        && e instanceof MethodInvocationTree call
        && call.getArguments().size() == 2;
  }

  /**
   * The name of a CompletableFuture subclass that {@code receiver}'s static type is or extends and
   * that overrides {@code defaultExecutor()}, so that its *Async methods without an executor run
   * there and not on the common pool. Null otherwise.
   */
  private static @Nullable String ownDefaultExecutor(
      @Nullable ExpressionTree receiver, VisitorState state) {
    Type type = receiver == null ? null : ASTHelpers.getType(receiver);
    if (type == null || !AsyncTypes.isSubtypeNamed(type, Jdk.COMPLETABLE_FUTURE, state)) {
      return null;
    }
    for (Type t = type;
        t != null
            && t.tsym != null
            && !Symbols.qualifiedName(t.tsym, state).equals(Jdk.COMPLETABLE_FUTURE);
        t = state.getTypes().supertype(t)) {
      for (Symbol member : t.tsym.members().getSymbolsByName(state.getName(Jdk.DEFAULT_EXECUTOR))) {
        if (member instanceof MethodSymbol m && m.getParameters().isEmpty()) {
          return Symbols.name(t.tsym, state);
        }
      }
    }
    return null;
  }

  /**
   * True if the stream pipeline that {@code invocation} is a step of runs in parallel: the last
   * {@code parallel()} or {@code sequential()} anywhere in the pipeline decides, downstream of the
   * step included; without one, a {@code parallelStream()} source. Only calls whose value is a
   * stream count, so a {@code parallel()} method of some other type does not.
   */
  private static boolean isParallelPipeline(
      MethodInvocationTree invocation, TreePath invocationPath, VisitorState state) {
    Boolean downstream = null;
    TreePath p = invocationPath;
    while (p.getParentPath() != null && p.getParentPath().getLeaf() instanceof MemberSelectTree) {
      TreePath select = p.getParentPath();
      TreePath call = select.getParentPath();
      if (call == null
          || !(call.getLeaf() instanceof MethodInvocationTree step)
          || step.getMethodSelect() != select.getLeaf()
          || !isStreamStep(step, state)) {
        break;
      }
      String name = Trees.methodName(step);
      if (name.equals(JdkTypes.PARALLEL) || name.equals(JdkTypes.SEQUENTIAL)) {
        downstream = name.equals(JdkTypes.PARALLEL);
      }
      p = call;
    }
    if (downstream != null) {
      return downstream;
    }
    for (ExpressionTree e = Trees.receiver(invocation); e != null; e = Trees.receiver(e)) {
      e = ASTHelpers.stripParentheses(e);
      if (!(e instanceof MethodInvocationTree)
          || !AsyncTypes.isSubtypeNamed(ASTHelpers.getType(e), JdkTypes.BASE_STREAM, state)) {
        return false;
      }
      String name = Trees.methodName(e);
      if (name.equals(JdkTypes.SEQUENTIAL)) {
        return false;
      }
      if (name.equals(JdkTypes.PARALLEL) || name.equals(JdkTypes.PARALLEL_STREAM)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isStreamStep(MethodInvocationTree invocation, VisitorState state) {
    Symbol method = ASTHelpers.getSymbol(invocation);
    return method != null
        && !method.isStatic()
        && AsyncTypes.isOwnedBy(method, JdkTypes.BASE_STREAM, state);
  }
}
