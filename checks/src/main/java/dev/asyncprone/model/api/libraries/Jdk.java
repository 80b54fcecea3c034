package dev.asyncprone.model.api.libraries;

import static dev.asyncprone.model.api.libraries.Methods.either;
import static dev.asyncprone.model.api.libraries.Methods.instance;
import static dev.asyncprone.model.api.libraries.Methods.statics;
import static dev.asyncprone.model.api.libraries.Owner.exactly;
import static dev.asyncprone.model.api.libraries.Owner.kind;
import static dev.asyncprone.model.api.libraries.Owner.subtypeOf;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.libraries.Library.ComposeTwin;
import dev.asyncprone.model.api.libraries.Library.Composition;
import dev.asyncprone.model.api.libraries.Library.DoneWhen;
import dev.asyncprone.model.api.libraries.Library.Executor;
import dev.asyncprone.model.api.libraries.Library.ValueWrap;

/**
 * The JDK's async API: {@code CompletableFuture} and {@code CompletionStage}, {@code Future}, the
 * executors and {@code ForkJoinPool}, threads; with the names of the JDK classes the rules read
 * (streams, collections, time), which {@link JdkTypes} lists.
 */
public final class Jdk {
  public static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  public static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
  public static final String FUTURE = "java.util.concurrent.Future";
  public static final String FLOW_PUBLISHER = "java.util.concurrent.Flow.Publisher";
  public static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";

  /** The states of {@code Future.state()} (JDK 19) that a completed future is in. */
  public static final ImmutableSet<String> COMPLETED_STATES =
      ImmutableSet.of("SUCCESS", "FAILED", "CANCELLED");

  public static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
  public static final String EXECUTOR = "java.util.concurrent.Executor";
  public static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
  public static final String SCHEDULED_EXECUTOR_SERVICE =
      "java.util.concurrent.ScheduledExecutorService";
  public static final String COMPLETION_SERVICE = "java.util.concurrent.CompletionService";
  public static final String TIME_UNIT = "java.util.concurrent.TimeUnit";
  public static final String TIMEOUT_EXCEPTION = "java.util.concurrent.TimeoutException";
  public static final String EXECUTION_EXCEPTION = "java.util.concurrent.ExecutionException";
  public static final String COMPLETION_EXCEPTION = "java.util.concurrent.CompletionException";
  public static final String CANCELLATION_EXCEPTION = "java.util.concurrent.CancellationException";
  public static final String ILLEGAL_STATE_EXCEPTION = "java.lang.IllegalStateException";
  public static final String RUNTIME_EXCEPTION = "java.lang.RuntimeException";
  public static final String LOCK = "java.util.concurrent.locks.Lock";

  /** The {@code Lock} methods that take the lock, that may take it, and that release it. */
  public static final String LOCK_METHOD = "lock";

  public static final String LOCK_INTERRUPTIBLY = "lockInterruptibly";
  public static final String TRY_LOCK = "tryLock";
  public static final String UNLOCK = "unlock";
  public static final ImmutableSet<String> LOCK_TAKING =
      ImmutableSet.of(LOCK_METHOD, LOCK_INTERRUPTIBLY, TRY_LOCK);
  public static final String CONDITION = "java.util.concurrent.locks.Condition";
  public static final String REENTRANT_LOCK = "java.util.concurrent.locks.ReentrantLock";
  public static final String REENTRANT_READ_WRITE_LOCK =
      "java.util.concurrent.locks.ReentrantReadWriteLock";
  public static final String ATOMIC_REFERENCE = "java.util.concurrent.atomic.AtomicReference";
  public static final String THREAD = "java.lang.Thread";
  public static final String RUNNABLE = "java.lang.Runnable";
  public static final String INTERRUPTED_EXCEPTION = "java.lang.InterruptedException";

  /**
   * The java.io and NIO forms of an interrupt: thrown in place of InterruptedException, as the
   * JDK's own streams and channels do, they carry the signal on.
   */
  public static final ImmutableSet<String> INTERRUPT_SIGNALS =
      ImmutableSet.of(
          "java.io.InterruptedIOException", "java.nio.channels.ClosedByInterruptException");

  public static final String HTTP_CLIENT = "java.net.http.HttpClient";
  public static final String STRUCTURED_TASK_SCOPE = "java.util.concurrent.StructuredTaskScope";

  /** The stage callback that runs on success and on failure alike, and keeps the outcome. */
  public static final String WHEN_COMPLETE = "whenComplete";

  /** The JDK's packages: its methods override only the JDK's, and carry none of our contracts. */
  public static final ImmutableSet<String> PACKAGES = ImmutableSet.of("java.", "javax.", "jdk.");

  /** CompletionStage methods whose callback runs on the thread that completes the stage. */
  public static final ImmutableSet<String> STAGE_CALLBACKS =
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
          WHEN_COMPLETE,
          "exceptionally",
          "exceptionallyCompose");

  /** Executor methods that hand their task to the executor's threads. */
  public static final ImmutableSet<String> EXECUTOR_METHODS =
      ImmutableSet.of(
          "execute",
          "submit",
          "schedule",
          "scheduleAtFixedRate",
          "scheduleWithFixedDelay",
          "invokeAll",
          "invokeAny");

  /** ScheduledExecutorService methods that run their task again and again. */
  public static final ImmutableSet<String> PERIODIC =
      ImmutableSet.of("scheduleAtFixedRate", "scheduleWithFixedDelay");

  /**
   * The end of the names of the CompletionStage methods that run their function on an executor (the
   * one given, else the future's default) rather than on the thread that completes the stage.
   */
  public static final String ASYNC_SUFFIX = "Async";

  /** CompletableFuture's static wraps, which run a function on an executor (the common pool). */
  public static final ImmutableSet<String> SUPPLY_OR_RUN =
      ImmutableSet.of("supplyAsync", "runAsync");

  /** {@code ForkJoinPool.commonPool()}. */
  public static final String COMMON_POOL = "commonPool";

  /**
   * {@code CompletableFuture.delayedExecutor(delay, unit)}: without an executor of its own, it
   * hands its tasks to the common pool once the delay is over.
   */
  public static final String DELAYED_EXECUTOR = "delayedExecutor";

  /** The method a CompletableFuture subclass overrides to run its *Async methods elsewhere. */
  public static final String DEFAULT_EXECUTOR = "defaultExecutor";

  /** Methods of CompletionStage that hand back the same future, or a view of it. */
  public static final ImmutableSet<String> SAME_FUTURE =
      ImmutableSet.of("toCompletableFuture", "orTimeout", "completeOnTimeout", "completeAsync");

  public static final Library TABLE =
      Library.named("JDK", AsyncKind.Family.JDK)
          .packages("java.", "javax.", "jdk.")
          .await(
              AwaitRule.instance(subtypeOf(FUTURE), "get", TimedTwin.GET)
                  .arities(0, 2)
                  .boundedWith(2),
              AwaitRule.instance(subtypeOf(COMPLETABLE_FUTURE), "join", TimedTwin.JOIN)
                  .arities(0)
                  .replacedByComposing(),
              // The fork/join idiom: no bounded form, and no reason to want one.
              new AwaitRule(
                  subtypeOf(FORK_JOIN_TASK),
                  "join",
                  false,
                  ImmutableSet.of(0),
                  -1,
                  AwaitRule.Future.RECEIVER,
                  "",
                  null,
                  false,
                  false))
          .nonBlockingReads(
              instance(subtypeOf(FUTURE), "getNow", "resultNow", "exceptionNow", "isDone", "state"))
          .completionProbe(instance(subtypeOf(FUTURE), "isDone", "isCancelled"), DoneWhen.TRUE)
          .completionProbe(
              instance(subtypeOf(FORK_JOIN_TASK), "isCompletedNormally", "isCompletedAbnormally"),
              DoneWhen.TRUE)
          .completionProbe(instance(subtypeOf(FUTURE), "state"), DoneWhen.IN_A_COMPLETED_STATE)
          .completionProbe(
              instance(subtypeOf(COMPLETABLE_FUTURE), "isCompletedExceptionally"), DoneWhen.TRUE)
          .completionProbe(
              instance(subtypeOf(COMPLETABLE_FUTURE), "getNow"), DoneWhen.NOT_ITS_ARGUMENT)
          .completionListener(
              instance(
                  subtypeOf(COMPLETION_STAGE),
                  "whenComplete",
                  "whenCompleteAsync",
                  "handle",
                  "handleAsync"))
          .stageCallbacks(subtypeOf(COMPLETION_STAGE), false)
          .bothInputs("thenCombine", "thenAcceptBoth", "runAfterBoth")
          .mayCompleteFirst(
              "applyToEither", "acceptEither", "runAfterEither", "completeOnTimeout", "anyOf")
          .mayFailFirst("orTimeout")
          .map(instance(Owner.family(AsyncKind.Family.JDK), "thenApply", "thenApplyAsync"))
          .composeTwin(
              ComposeTwin.of(
                  instance(
                      kind(AsyncKind.COMPLETABLE_FUTURE, AsyncKind.COMPLETION_STAGE), "thenApply"),
                  "thenCompose",
                  AsyncKind.COMPLETABLE_FUTURE,
                  AsyncKind.COMPLETION_STAGE))
          .composeTwin(
              ComposeTwin.of(
                  instance(
                      kind(AsyncKind.COMPLETABLE_FUTURE, AsyncKind.COMPLETION_STAGE),
                      "thenApplyAsync"),
                  "thenComposeAsync",
                  AsyncKind.COMPLETABLE_FUTURE,
                  AsyncKind.COMPLETION_STAGE))
          .callbackTwin(
              instance(
                  kind(AsyncKind.COMPLETABLE_FUTURE, AsyncKind.COMPLETION_STAGE),
                  "thenAccept",
                  "thenRun"),
              "thenCompose",
              false)
          .callbackTwin(
              instance(
                  kind(AsyncKind.COMPLETABLE_FUTURE, AsyncKind.COMPLETION_STAGE),
                  "thenAcceptAsync",
                  "thenRunAsync"),
              "thenComposeAsync",
              false)
          .composition(
              Composition.on(
                  instance(
                      kind(AsyncKind.COMPLETABLE_FUTURE, AsyncKind.COMPLETION_STAGE),
                      "thenCompose",
                      "thenComposeAsync")))
          .valueWrap(
              new ValueWrap(
                  statics(exactly(COMPLETABLE_FUTURE), "completedFuture", "completedStage"),
                  instance(subtypeOf(COMPLETION_STAGE), "thenCompose", "thenComposeAsync"),
                  ImmutableMap.of("thenCompose", "thenApply", "thenComposeAsync", "thenApplyAsync"),
                  false,
                  false,
                  null))
          .emptyValue(AsyncKind.COMPLETABLE_FUTURE, COMPLETABLE_FUTURE, ".completedFuture(null)")
          .emptyValue(AsyncKind.COMPLETION_STAGE, COMPLETABLE_FUTURE, ".completedFuture(null)")
          .emptyValue(AsyncKind.FUTURE, COMPLETABLE_FUTURE, ".completedFuture(null)")
          .asStage(AsyncKind.COMPLETABLE_FUTURE, "")
          .asStage(AsyncKind.COMPLETION_STAGE, "")
          .allOf(either(exactly(COMPLETABLE_FUTURE), "allOf"))
          .batches("allOf", "anyOf")
          .completedFactories("completedFuture", "completedStage", "failedFuture", "failedStage")
          .timeoutOperators("orTimeout", "completeOnTimeout")
          .failureHandlers(
              instance(
                  Owner.family(AsyncKind.Family.JDK),
                  "exceptionally",
                  "exceptionallyAsync",
                  "exceptionallyCompose",
                  "exceptionallyComposeAsync",
                  "handle",
                  "handleAsync",
                  "whenComplete",
                  "whenCompleteAsync"))
          .receiverReturning("orTimeout", "completeOnTimeout", "completeAsync")
          .nestingKept("exceptionally", "orTimeout", "whenComplete")
          .innerLost("thenRun", "thenRunAsync")
          .asyncWrap(
              statics(exactly(COMPLETABLE_FUTURE), "supplyAsync", "runAsync"),
              Executor.SECOND_ARGUMENT,
              1,
              null)
          .asyncWrap(instance(subtypeOf(EXECUTOR_SERVICE), "submit"), Executor.RECEIVER, 1, null)
          .combineTwo("%1$s.thenCombine(%2$s, (ignored, next) -> next)")
          .cancellableSources(either(exactly(HTTP_CLIENT), "sendAsync"))
          // close() waits for the work: an ExecutorService (JDK 19 and later) shuts down and awaits
          // termination, a StructuredTaskScope joins its forks, an HttpClient (JDK 21) lets the
          // requests sent on it complete.
          .closeWaits(EXECUTOR_SERVICE, STRUCTURED_TASK_SCOPE, HTTP_CLIENT)
          .closeOnCompletion(
              AsyncKind.COMPLETABLE_FUTURE,
              "%1$s." + WHEN_COMPLETE + "((value, failure) -> %2$s.close())")
          .closeOnCompletion(
              AsyncKind.COMPLETION_STAGE,
              "%1$s." + WHEN_COMPLETE + "((value, failure) -> %2$s.close())")
          .build();

  private Jdk() {}
}
