package dev.asyncprone.model.context;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.context.AsyncContext.Kind;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.Options;
import dev.asyncprone.model.support.PerCompilationCache;
import dev.asyncprone.model.support.PerUnitCache;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * For any tree, the innermost enclosing context that decides whether it may block: a callback that
 * runs on the completing thread, an offload to an executor, a reactive operator, a method that
 * returns a future, a {@code @NonBlocking} method, or plain synchronous code.
 *
 * <p>It walks the tree's own path outwards and stops at the first lambda, method reference,
 * anonymous class or method whose thread it can tell, so its cost is the depth of the tree, not the
 * size of the method.
 */
public final class Contexts {
  /** CompletionStage methods whose callback runs on the thread that completes the stage. */
  private static final ImmutableSet<String> STAGE_CALLBACKS =
      ImmutableSet.of(
          "thenApply",
          "thenAccept",
          "thenRun",
          "thenCombine",
          "thenAcceptBoth",
          "runAfterBoth",
          "applyToEither",
          "acceptEither",
          "runAfterEither",
          "thenCompose",
          "handle",
          "whenComplete",
          "exceptionally",
          "exceptionallyCompose");

  private static final ImmutableSet<String> EXECUTOR_METHODS =
      ImmutableSet.of(
          "execute",
          "submit",
          "schedule",
          "scheduleAtFixedRate",
          "scheduleWithFixedDelay",
          "invokeAll",
          "invokeAny");

  private static final ImmutableSet<String> GUAVA_CALLBACKS =
      ImmutableSet.of(
          "transform",
          "transformAsync",
          "catching",
          "catchingAsync",
          "addCallback",
          "addListener",
          "call",
          "callAsync",
          "run",
          "submit",
          "submitAsync",
          "scheduleAsync");

  private static final ImmutableSet<String> VERTX_FUTURE_CALLBACKS =
      ImmutableSet.of(
          "map",
          "compose",
          "flatMap",
          "onSuccess",
          "onFailure",
          "onComplete",
          "andThen",
          "recover",
          "transform",
          "eventually",
          "otherwise",
          "expecting");

  /** Static factories whose functional argument runs when the publisher is subscribed. */
  private static final ImmutableSet<String> SUBSCRIPTION_FACTORIES =
      ImmutableSet.of(
          "fromCallable",
          "fromSupplier",
          "fromRunnable",
          "fromAction",
          "fromFuture",
          "fromCompletionStage",
          "fromStream",
          "defer",
          "deferContextual",
          "create",
          "push",
          "generate",
          "using",
          "usingWhen");

  private static final ImmutableSet<String> SCHEDULER_SWITCHES =
      ImmutableSet.of("publishOn", "subscribeOn", "observeOn", "emitOn", "runSubscriptionOn");

  private static final ImmutableSet<String> DOWNSTREAM_SCHEDULER_SWITCHES =
      ImmutableSet.of("subscribeOn", "runSubscriptionOn");

  /** Schedulers with few threads that are meant never to block. */
  private static final ImmutableSet<String> NON_BLOCKING_SCHEDULERS =
      ImmutableSet.of(
          "parallel",
          "single",
          "immediate",
          "newParallel",
          "newSingle",
          "computation",
          "trampoline");

  /**
   * JDK methods that run their functional arguments right away, on the calling thread: a lambda
   * passed to them is as blocking-sensitive as the code around it.
   */
  private static final ImmutableSet<String> INLINE_OWNERS =
      ImmutableSet.of(
          "java.lang.Iterable",
          "java.util.Collection",
          "java.util.List",
          "java.util.Map",
          "java.util.Optional",
          "java.util.OptionalInt",
          "java.util.OptionalLong",
          "java.util.OptionalDouble",
          "java.util.Iterator",
          "java.util.Objects");

  private static final ImmutableSet<String> INLINE_METHODS =
      ImmutableSet.of(
          "forEach",
          "forEachRemaining",
          "removeIf",
          "replaceAll",
          "sort",
          "compute",
          "computeIfAbsent",
          "computeIfPresent",
          "merge",
          "ifPresent",
          "ifPresentOrElse",
          "map",
          "flatMap",
          "filter",
          "or",
          "orElseGet",
          "orElseThrow",
          "requireNonNullElseGet");

  private static final String COMPLETABLE_FUTURE = AsyncKind.COMPLETABLE_FUTURE.className();
  private static final String EXECUTOR = "java.util.concurrent.Executor";
  private static final String BASE_STREAM = "java.util.stream.BaseStream";
  private static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";

  private final Options options;
  private final PerUnitCache<MethodTree, AsyncContext> methodContexts = new PerUnitCache<>();

  public Contexts(Options options) {
    this.options = options;
  }

  /** The context of the tree {@code state} is at. */
  public AsyncContext of(VisitorState state) {
    return of(state.getPath(), state);
  }

  /** The context of the tree at {@code path}. */
  public AsyncContext of(TreePath path, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      switch (leaf.getKind()) {
        case LAMBDA_EXPRESSION:
        case MEMBER_REFERENCE:
          {
            AsyncContext handedTo = handedOver(p, state);
            if (handedTo != null) {
              return handedTo;
            }
            break;
          }
        case METHOD:
          {
            TreePath anonymous = anonymousClassPath(p);
            if (anonymous != null) {
              AsyncContext handedTo = handedOver(anonymous, state);
              if (handedTo == null) {
                p = anonymous;
                break;
              }
              if (handedTo.kind() != Kind.UNKNOWN) {
                return handedTo;
              }
            }
            return methodContexts.get(
                (MethodTree) leaf, state, method -> methodContext(method, state));
          }
        case CLASS:
        case ENUM:
        case INTERFACE:
        case ANNOTATION_TYPE:
          // Field initializers and initializer blocks.
          return AsyncContext.of(Kind.SYNCHRONOUS);
        default:
          if (leaf.getKind().name().equals("RECORD")) {
            return AsyncContext.of(Kind.SYNCHRONOUS);
          }
          break;
      }
    }
    return AsyncContext.of(Kind.SYNCHRONOUS);
  }

  /** The path of the {@code new X() {...}} whose body declares the method at {@code methodPath}. */
  private static @Nullable TreePath anonymousClassPath(TreePath methodPath) {
    TreePath classPath = methodPath.getParentPath();
    if (classPath == null || !(classPath.getLeaf() instanceof ClassTree)) {
      return null;
    }
    TreePath newClassPath = classPath.getParentPath();
    if (newClassPath != null && newClassPath.getLeaf() instanceof NewClassTree) {
      return newClassPath;
    }
    return null;
  }

  /**
   * The context of code handed over as a lambda, method reference or anonymous class: decided by
   * the call it is passed to. Null when that call runs it right away, on the calling thread (a
   * sequential stream, {@code forEach}, {@code Optional.map}): then the enclosing context decides.
   */
  private @Nullable AsyncContext handedOver(TreePath functionalPath, VisitorState state) {
    TreePath parentPath = Trees.callTakingAsArgument(functionalPath);
    if (parentPath == null) {
      return implementedContract(functionalPath, state);
    }
    Tree parent = parentPath.getLeaf();
    Symbol symbol = ASTHelpers.getSymbol(parent);
    if (!(symbol instanceof MethodSymbol)) {
      return AsyncContext.of(Kind.UNKNOWN);
    }
    MethodSymbol method = (MethodSymbol) symbol;
    String name = Symbols.name(method, state);
    String what = describe(functionalPath.getLeaf(), state);

    if (parent instanceof NewClassTree) {
      if (AsyncTypes.isSubtypeNamed(method.owner.type, "java.lang.Thread", state)) {
        return offloaded(functionalPath, parent, null, what + " runs on its own thread");
      }
      return AsyncContext.of(Kind.UNKNOWN);
    }
    MethodInvocationTree invocation = (MethodInvocationTree) parent;
    ExpressionTree receiver = ASTHelpers.getReceiver(invocation);
    String owner = Symbols.qualifiedName(method.owner, state);

    if (owner.equals("java.lang.Thread") || owner.startsWith("java.lang.Thread.")) {
      return offloaded(functionalPath, invocation, null, what + " runs on its own thread");
    }
    if (owner.equals(COMPLETABLE_FUTURE)
        && method.isStatic()
        && (name.equals("supplyAsync") || name.equals("runAsync"))) {
      return executorContext(
          executorArgument(invocation, state), functionalPath, invocation, what, state);
    }
    if (!method.isStatic()
        && AsyncTypes.isOwnedBy(method, AsyncKind.COMPLETION_STAGE.className(), state)) {
      if (name.endsWith("Async")) {
        ExpressionTree executor = executorArgument(invocation, state);
        String ownDefault = executor == null ? ownDefaultExecutor(receiver, state) : null;
        if (ownDefault != null) {
          return offloaded(
              functionalPath,
              invocation,
              null,
              what + " runs on the default executor of " + ownDefault);
        }
        return executorContext(executor, functionalPath, invocation, what, state);
      }
      if (STAGE_CALLBACKS.contains(name)) {
        return completingThread(functionalPath, invocation, receiver, what, "", state);
      }
      return AsyncContext.of(Kind.UNKNOWN);
    }
    if (owner.startsWith("com.google.common.util.concurrent.") && GUAVA_CALLBACKS.contains(name)) {
      ExpressionTree executor = executorArgument(invocation, state);
      if (executor != null && isDirectExecutor(executor)) {
        ExpressionTree source =
            method.isStatic() && !invocation.getArguments().isEmpty()
                ? invocation.getArguments().get(0)
                : receiver;
        return completingThread(
            functionalPath, invocation, source, what, " with directExecutor()", state);
      }
      if (executor != null) {
        return executorContext(executor, functionalPath, invocation, what, state);
      }
    }
    if (!method.isStatic()
        && EXECUTOR_METHODS.contains(name)
        && AsyncTypes.isOwnedBy(method, EXECUTOR, state)) {
      return executorContext(receiver, functionalPath, invocation, what, state);
    }
    if (owner.startsWith("reactor.core.publisher.")) {
      return reactive(method, functionalPath, invocation, what, "Reactor", state);
    }
    if (owner.startsWith("io.reactivex.rxjava3.") || owner.startsWith("io.reactivex.")) {
      return reactive(method, functionalPath, invocation, what, "RxJava", state);
    }
    if (owner.startsWith("io.smallrye.mutiny.")) {
      if (owner.endsWith("Create")) {
        return subscriptionTime(functionalPath, invocation, what, state);
      }
      return reactive(method, functionalPath, invocation, what, "Mutiny", state);
    }
    if (owner.startsWith("io.vertx.")) {
      return vertx(method, functionalPath, invocation, receiver, what, state);
    }
    if (AsyncTypes.isOwnedBy(method, BASE_STREAM, state)) {
      return parallelStep(functionalPath, parentPath, invocation, what, state);
    }
    if (INLINE_METHODS.contains(name)) {
      for (String inline : INLINE_OWNERS) {
        if (owner.equals(inline) || AsyncTypes.isOwnedBy(method, inline, state)) {
          return null;
        }
      }
    }
    return implementedContract(functionalPath, state);
  }

  /**
   * A lambda or method reference whose functional interface method is annotated {@code
   * NonBlocking}: it must not block, wherever it runs. Otherwise unknown.
   */
  private AsyncContext implementedContract(TreePath functionalPath, VisitorState state) {
    Tree functional = functionalPath.getLeaf();
    if (!(functional instanceof LambdaExpressionTree
        || functional instanceof MemberReferenceTree)) {
      return AsyncContext.of(Kind.UNKNOWN);
    }
    Type type = ASTHelpers.getType(functional);
    if (type == null) {
      return AsyncContext.of(Kind.UNKNOWN);
    }
    Symbol descriptor;
    try {
      descriptor = state.getTypes().findDescriptorSymbol(type.tsym);
    } catch (RuntimeException notFunctional) {
      return AsyncContext.of(Kind.UNKNOWN);
    }
    if (!(descriptor instanceof MethodSymbol)) {
      return AsyncContext.of(Kind.UNKNOWN);
    }
    Annotations.Found found =
        Annotations.governing((MethodSymbol) descriptor, options.nonBlockingAnnotations(), state);
    if (found == null) {
      return AsyncContext.of(Kind.UNKNOWN);
    }
    return new AsyncContext(
        Kind.NON_BLOCKING_METHOD,
        functional,
        null,
        null,
        "the thread that runs it",
        describe(functional, state)
            + " implements "
            + descriptor.owner.getSimpleName()
            + "."
            + descriptor.getSimpleName()
            + "(), annotated @"
            + found.simpleAnnotationName());
  }

  private AsyncContext methodContext(MethodTree tree, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    if (method == null) {
      return AsyncContext.of(Kind.SYNCHRONOUS);
    }
    String name =
        method.isConstructor() ? Symbols.name(method.owner, state) : Symbols.name(method, state);
    if (Annotations.governing(method, options.blockingAnnotations(), state) != null) {
      return new AsyncContext(
          Kind.BLOCKING_ALLOWED, tree, null, null, "", name + "() is @Blocking");
    }
    if (Annotations.has(method, Annotations.SPRING_ASYNC, state)
        || Annotations.has(method.owner, Annotations.SPRING_ASYNC, state)) {
      return new AsyncContext(
          Kind.OFFLOADED,
          tree,
          null,
          null,
          "",
          name + "() is @Async and runs on Spring's executor");
    }
    Annotations.Found nonBlocking =
        Annotations.governing(method, options.nonBlockingAnnotations(), state);
    if (nonBlocking != null) {
      return new AsyncContext(
          Kind.NON_BLOCKING_METHOD,
          tree,
          null,
          null,
          "the thread that calls " + name + "()",
          nonBlockingReason(method, name, nonBlocking));
    }
    AsyncKind returned =
        method.isConstructor() ? null : AsyncTypes.kindOf(method.getReturnType(), state);
    if (returned != null) {
      return new AsyncContext(
          Kind.ASYNC_METHOD,
          tree,
          null,
          null,
          "the caller of " + name + "()",
          name
              + "() returns a "
              + returned.simpleName()
              + ", so its callers expect it to return without waiting");
    }
    return new AsyncContext(Kind.SYNCHRONOUS, tree, null, null, "", "");
  }

  private static String nonBlockingReason(
      MethodSymbol method, String name, Annotations.Found found) {
    String annotation = "@" + found.simpleAnnotationName();
    Symbol carrier = found.carrier();
    if (carrier == method) {
      return name + "() is annotated " + annotation;
    }
    if (carrier instanceof MethodSymbol) {
      return name
          + "() overrides "
          + carrier.owner.getSimpleName()
          + "."
          + carrier.getSimpleName()
          + "(), annotated "
          + annotation;
    }
    return "class " + carrier.getSimpleName() + " is annotated " + annotation;
  }

  private AsyncContext completingThread(
      TreePath functionalPath,
      MethodInvocationTree invocation,
      @Nullable ExpressionTree source,
      String what,
      String qualifier,
      VisitorState state) {
    return new AsyncContext(
        Kind.STAGE_CALLBACK,
        functionalPath.getLeaf(),
        invocation,
        source,
        "the thread that completes '" + Trees.label(source, state) + "'",
        what
            + " is a "
            + Trees.methodName(invocation)
            + " callback"
            + qualifier
            + " and runs there");
  }

  private AsyncContext executorContext(
      @Nullable ExpressionTree executor,
      TreePath functionalPath,
      MethodInvocationTree invocation,
      String what,
      VisitorState state) {
    String method = Trees.methodName(invocation);
    if (executor == null || isCommonPool(executor)) {
      return new AsyncContext(
          Kind.COMMON_POOL,
          functionalPath.getLeaf(),
          invocation,
          executor,
          "a ForkJoinPool.commonPool() thread",
          what
              + " is passed to "
              + method
              + "() "
              + (executor == null
                  ? "without an executor"
                  : "on '" + Trees.label(executor, state) + "'")
              + " and runs on the common pool");
    }
    Symbol executorSymbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(executor));
    if (Annotations.has(executorSymbol, Annotations.NON_BLOCKING_EXECUTOR, state)) {
      return new AsyncContext(
          Kind.NON_BLOCKING_EXECUTOR,
          functionalPath.getLeaf(),
          invocation,
          executor,
          "a thread of '" + Trees.label(executor, state) + "'",
          what
              + " is passed to "
              + method
              + "() on '"
              + Trees.label(executor, state)
              + "', annotated @NonBlockingExecutor");
    }
    return offloaded(
        functionalPath,
        invocation,
        executor,
        what + " runs on '" + Trees.label(executor, state) + "'");
  }

  /**
   * Code handed to an explicit executor, thread or scheduler. {@code executor} is the executor
   * expression where the code names one, kept as the context's source.
   */
  private static AsyncContext offloaded(
      TreePath functionalPath, Tree invocation, @Nullable ExpressionTree executor, String where) {
    return new AsyncContext(
        Kind.OFFLOADED,
        functionalPath.getLeaf(),
        invocation instanceof MethodInvocationTree ? (MethodInvocationTree) invocation : null,
        executor,
        "",
        where);
  }

  /**
   * The context of a lambda handed to a step of a stream pipeline: the common pool if the pipeline
   * is parallel (unless its terminal operation runs in a task of another ForkJoinPool, which then
   * runs the steps), else null: a sequential step runs on the calling thread.
   */
  private @Nullable AsyncContext parallelStep(
      TreePath functionalPath,
      TreePath invocationPath,
      MethodInvocationTree invocation,
      String what,
      VisitorState state) {
    if (!isParallelPipeline(invocation, invocationPath, state)) {
      return null;
    }
    AsyncContext outer = of(invocationPath, state);
    if (outer.kind() == Kind.OFFLOADED
        && outer.source() != null
        && AsyncTypes.isSubtypeNamed(ASTHelpers.getType(outer.source()), FORK_JOIN_POOL, state)) {
      return offloaded(
          functionalPath,
          invocation,
          outer.source(),
          what
              + " is a step of a parallel stream started in a task of '"
              + Trees.label(outer.source(), state)
              + "', and runs in that pool");
    }
    return new AsyncContext(
        Kind.COMMON_POOL,
        functionalPath.getLeaf(),
        invocation,
        null,
        "a ForkJoinPool.commonPool() thread",
        what
            + " is a "
            + Trees.methodName(invocation)
            + " step of a parallel stream and runs on the common pool");
  }

  private AsyncContext reactive(
      MethodSymbol method,
      TreePath functionalPath,
      MethodInvocationTree invocation,
      String what,
      String library,
      VisitorState state) {
    String name = Symbols.name(method, state);
    if (method.isStatic() && SUBSCRIPTION_FACTORIES.contains(name)) {
      return subscriptionTime(functionalPath, invocation, what, state);
    }
    if (switchesToBlockingScheduler(invocation, functionalPath.getParentPath(), state)) {
      return offloaded(
          functionalPath, invocation, null, what + " runs on a scheduler chosen for it");
    }
    ExpressionTree source = ASTHelpers.getReceiver(invocation);
    return new AsyncContext(
        Kind.REACTIVE_OPERATOR,
        functionalPath.getLeaf(),
        invocation,
        source,
        source == null
            ? "the thread that emits"
            : "the thread that emits '" + Trees.label(source, state) + "'",
        what + " is a " + library + " " + name + " operator and runs there");
  }

  private AsyncContext subscriptionTime(
      TreePath functionalPath, MethodInvocationTree invocation, String what, VisitorState state) {
    if (switchesToBlockingScheduler(invocation, functionalPath.getParentPath(), state)) {
      return offloaded(
          functionalPath, invocation, null, what + " runs on a scheduler chosen for it");
    }
    return new AsyncContext(
        Kind.SUBSCRIPTION_TIME,
        functionalPath.getLeaf(),
        invocation,
        null,
        "the thread that subscribes",
        what + " runs on the thread that subscribes");
  }

  private AsyncContext vertx(
      MethodSymbol method,
      TreePath functionalPath,
      MethodInvocationTree invocation,
      @Nullable ExpressionTree receiver,
      String what,
      VisitorState state) {
    String name = Symbols.name(method, state);
    if (name.equals("executeBlocking")) {
      return offloaded(functionalPath, invocation, null, what + " runs on a Vert.x worker thread");
    }
    if (!method.isStatic()
        && VERTX_FUTURE_CALLBACKS.contains(name)
        && AsyncTypes.isOwnedBy(method, AsyncKind.VERTX_FUTURE.className(), state)) {
      return new AsyncContext(
          Kind.STAGE_CALLBACK,
          functionalPath.getLeaf(),
          invocation,
          receiver,
          "the event loop that completes '" + Trees.label(receiver, state) + "'",
          what + " is a Vert.x " + name + " callback and runs there");
    }
    int index = argumentIndex(invocation, functionalPath);
    List<Symbol.VarSymbol> parameters = method.getParameters();
    if (index >= 0 && !parameters.isEmpty()) {
      Symbol.VarSymbol parameter = parameters.get(Math.min(index, parameters.size() - 1));
      if (AsyncTypes.isSubtypeNamed(parameter.type, "io.vertx.core.Handler", state)) {
        return new AsyncContext(
            Kind.EVENT_LOOP_HANDLER,
            functionalPath.getLeaf(),
            invocation,
            receiver,
            "the Vert.x event loop",
            what + " is a handler passed to " + name + "() and runs there");
      }
    }
    return AsyncContext.of(Kind.UNKNOWN);
  }

  private static int argumentIndex(MethodInvocationTree invocation, TreePath functionalPath) {
    List<? extends ExpressionTree> arguments = invocation.getArguments();
    for (TreePath p = functionalPath;
        p != null && p.getLeaf() != invocation;
        p = p.getParentPath()) {
      int index = arguments.indexOf(p.getLeaf());
      if (index >= 0) {
        return index;
      }
    }
    return -1;
  }

  /**
   * True if the operator chain around {@code invocation} moves work to a scheduler that may block:
   * a {@code publishOn}/{@code subscribeOn}/{@code observeOn}/{@code emitOn} upstream of it, or a
   * {@code subscribeOn} downstream, with anything but a parallel, single or immediate scheduler.
   */
  private static boolean switchesToBlockingScheduler(
      MethodInvocationTree invocation, @Nullable TreePath invocationPath, VisitorState state) {
    return switchesUpstream(ASTHelpers.getReceiver(invocation), state)
        || switchesDownstream(invocationPath, state);
  }

  // Each link of a chain keeps its answer, so asking at every stage of a long chain costs the
  // chain's length in all, not its square.
  private static final PerCompilationCache<Tree, Boolean> SWITCH_AT_OR_BELOW =
      new PerCompilationCache<>();
  private static final PerCompilationCache<Tree, Boolean> SWITCH_AT_OR_ABOVE =
      new PerCompilationCache<>();

  /** A scheduler switch that may block at {@code start} or below it in its receiver chain. */
  private static boolean switchesUpstream(@Nullable ExpressionTree start, VisitorState state) {
    return SWITCH_AT_OR_BELOW.along(
        start == null ? null : ASTHelpers.stripParentheses(start),
        e -> {
          ExpressionTree receiver = Trees.receiver(e);
          return receiver == null ? null : ASTHelpers.stripParentheses(receiver);
        },
        e -> e,
        false,
        (e, below) ->
            below
                || (e instanceof MethodInvocationTree
                    && SCHEDULER_SWITCHES.contains(Trees.methodName(e))
                    && schedulerMayBlock((MethodInvocationTree) e)),
        state);
  }

  /** A {@code subscribeOn} that may block among the calls chained onto the one at {@code path}. */
  private static boolean switchesDownstream(@Nullable TreePath path, VisitorState state) {
    return SWITCH_AT_OR_ABOVE.along(
        path == null ? null : chainedOnto(path),
        Contexts::chainedOnto,
        TreePath::getLeaf,
        false,
        (p, above) -> {
          MethodInvocationTree downstream = (MethodInvocationTree) p.getLeaf();
          return above
              || (DOWNSTREAM_SCHEDULER_SWITCHES.contains(Trees.methodName(downstream))
                  && schedulerMayBlock(downstream));
        },
        state);
  }

  /** The path of the call chained onto the expression at {@code path}, or null. */
  private static @Nullable TreePath chainedOnto(TreePath path) {
    TreePath select = path.getParentPath();
    TreePath call = select == null ? null : select.getParentPath();
    return select != null
            && select.getLeaf() instanceof MemberSelectTree
            && call != null
            && call.getLeaf() instanceof MethodInvocationTree
        ? call
        : null;
  }

  private static boolean schedulerMayBlock(MethodInvocationTree schedulerSwitch) {
    if (schedulerSwitch.getArguments().isEmpty()) {
      return false;
    }
    ExpressionTree scheduler = ASTHelpers.stripParentheses(schedulerSwitch.getArguments().get(0));
    if (scheduler instanceof MethodInvocationTree) {
      Symbol factory = ASTHelpers.getSymbol(scheduler);
      return factory == null
          || !(factory.owner.getSimpleName().contentEquals("Schedulers")
              && NON_BLOCKING_SCHEDULERS.contains(factory.getSimpleName().toString()));
    }
    return true;
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
          || !(call.getLeaf() instanceof MethodInvocationTree)
          || ((MethodInvocationTree) call.getLeaf()).getMethodSelect() != select.getLeaf()
          || !isStreamStep((MethodInvocationTree) call.getLeaf(), state)) {
        break;
      }
      String name = Trees.methodName(call.getLeaf());
      if (name.equals("parallel") || name.equals("sequential")) {
        downstream = name.equals("parallel");
      }
      p = call;
    }
    if (downstream != null) {
      return downstream;
    }
    for (ExpressionTree e = Trees.receiver(invocation); e != null; e = Trees.receiver(e)) {
      e = ASTHelpers.stripParentheses(e);
      if (!(e instanceof MethodInvocationTree)
          || !AsyncTypes.isSubtypeNamed(ASTHelpers.getType(e), BASE_STREAM, state)) {
        return false;
      }
      String name = Trees.methodName(e);
      if (name.equals("sequential")) {
        return false;
      }
      if (name.equals("parallel") || name.equals("parallelStream")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isStreamStep(MethodInvocationTree invocation, VisitorState state) {
    Symbol method = ASTHelpers.getSymbol(invocation);
    return method != null && !method.isStatic() && AsyncTypes.isOwnedBy(method, BASE_STREAM, state);
  }

  private static @Nullable ExpressionTree executorArgument(
      MethodInvocationTree invocation, VisitorState state) {
    for (ExpressionTree argument : invocation.getArguments()) {
      if (AsyncTypes.isSubtypeNamed(ASTHelpers.getType(argument), EXECUTOR, state)) {
        return argument;
      }
    }
    return null;
  }

  private static boolean isDirectExecutor(ExpressionTree executor) {
    Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(executor));
    return symbol != null
        && symbol.getSimpleName().contentEquals("directExecutor")
        && symbol
            .owner
            .getQualifiedName()
            .contentEquals("com.google.common.util.concurrent.MoreExecutors");
  }

  /**
   * {@code ForkJoinPool.commonPool()}, and {@code CompletableFuture.delayedExecutor(delay, unit)}
   * without an executor, which hands its tasks to the common pool once the delay is over.
   */
  private static boolean isCommonPool(ExpressionTree executor) {
    ExpressionTree e = ASTHelpers.stripParentheses(executor);
    Symbol symbol = ASTHelpers.getSymbol(e);
    if (symbol == null) {
      return false;
    }
    String owner = symbol.owner.getQualifiedName().toString();
    if (symbol.getSimpleName().contentEquals("commonPool")) {
      return owner.equals(FORK_JOIN_POOL);
    }
    return symbol.getSimpleName().contentEquals("delayedExecutor")
        && owner.equals(COMPLETABLE_FUTURE)
        && e instanceof MethodInvocationTree
        && ((MethodInvocationTree) e).getArguments().size() == 2;
  }

  /**
   * The name of a CompletableFuture subclass that {@code receiver}'s static type is or extends and
   * that overrides {@code defaultExecutor()}, so that its *Async methods without an executor run
   * there and not on the common pool. Null otherwise.
   */
  private static @Nullable String ownDefaultExecutor(
      @Nullable ExpressionTree receiver, VisitorState state) {
    Type type = receiver == null ? null : ASTHelpers.getType(receiver);
    if (type == null || !AsyncTypes.isSubtypeNamed(type, COMPLETABLE_FUTURE, state)) {
      return null;
    }
    for (Type t = type;
        t != null
            && t.tsym != null
            && !Symbols.qualifiedName(t.tsym, state).equals(COMPLETABLE_FUTURE);
        t = state.getTypes().supertype(t)) {
      for (Symbol member : t.tsym.members().getSymbolsByName(state.getName("defaultExecutor"))) {
        if (member instanceof MethodSymbol && ((MethodSymbol) member).getParameters().isEmpty()) {
          return Symbols.name(t.tsym, state);
        }
      }
    }
    return null;
  }

  /** "this lambda", "this method reference", "this anonymous FutureCallback". */
  private static String describe(Tree functional, VisitorState state) {
    if (functional instanceof LambdaExpressionTree) {
      return "this lambda";
    }
    if (functional instanceof MemberReferenceTree) {
      return "this method reference";
    }
    if (functional instanceof NewClassTree) {
      Type type = ASTHelpers.getType(((NewClassTree) functional).getIdentifier());
      return type == null ? "this anonymous class" : "this anonymous " + type.tsym.getSimpleName();
    }
    return "this code";
  }
}
