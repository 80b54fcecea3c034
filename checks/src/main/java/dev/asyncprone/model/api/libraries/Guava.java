package dev.asyncprone.model.api.libraries;

import static dev.asyncprone.model.api.libraries.Methods.either;
import static dev.asyncprone.model.api.libraries.Methods.instance;
import static dev.asyncprone.model.api.libraries.Methods.statics;
import static dev.asyncprone.model.api.libraries.Owner.exactly;
import static dev.asyncprone.model.api.libraries.Owner.kind;
import static dev.asyncprone.model.api.libraries.Owner.simplyNamed;
import static dev.asyncprone.model.api.libraries.Owner.subtypeOf;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.libraries.Library.ComposeTwin;
import dev.asyncprone.model.api.libraries.Library.Composition;
import dev.asyncprone.model.api.libraries.Library.Executor;
import dev.asyncprone.model.api.libraries.Library.ValueWrap;

/**
 * Guava's {@code com.google.common.util.concurrent}: {@code ListenableFuture} and {@code
 * FluentFuture}, whose operators are mostly static methods of {@code Futures} that take the future
 * first, and {@code Uninterruptibles}; and the preconditions of {@code com.google.common.base}.
 */
public final class Guava {
  public static final String LISTENABLE_FUTURE =
      "com.google.common.util.concurrent.ListenableFuture";
  public static final String FLUENT_FUTURE = "com.google.common.util.concurrent.FluentFuture";
  public static final String FUTURES = "com.google.common.util.concurrent.Futures";
  public static final String FUTURE_COMBINER =
      "com.google.common.util.concurrent.Futures.FutureCombiner";
  public static final String UNINTERRUPTIBLES =
      "com.google.common.util.concurrent.Uninterruptibles";
  public static final String MORE_EXECUTORS = "com.google.common.util.concurrent.MoreExecutors";
  public static final String PRECONDITIONS = "com.google.common.base.Preconditions";
  public static final String VERIFY = "com.google.common.base.Verify";

  /** The simple name of {@link #PRECONDITIONS}, which shaded copies of it keep. */
  public static final String PRECONDITIONS_SIMPLE_NAME = "Preconditions";

  /** The package of Guava's futures and executors. */
  public static final String CONCURRENT = "com.google.common.util.concurrent.";

  /**
   * Methods that take an executor and run the function they are given there, once the input future
   * completes ({@code transform}, {@code addListener}) or as a task ({@code submit}).
   */
  public static final ImmutableSet<String> EXECUTOR_CALLBACKS =
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

  /**
   * {@code MoreExecutors.directExecutor()}: runs a callback on the thread that completes the
   * future, or on the caller's if it is complete already.
   */
  public static final String DIRECT_EXECUTOR = "directExecutor";

  public static final Library TABLE =
      Library.named("Guava", AsyncKind.Family.GUAVA)
          .packages(CONCURRENT)
          .await(
              AwaitRule.helper(FUTURES, "getUnchecked", TimedTwin.OTHER).replacedByComposing(),
              AwaitRule.helper(FUTURES, "getChecked", TimedTwin.OTHER).boundedWith(4),
              AwaitRule.helper(UNINTERRUPTIBLES, "getUninterruptibly", TimedTwin.OTHER)
                  .boundedWith(3))
          .nonBlockingReads(statics(exactly(FUTURES), "getDone"))
          .completionListener(instance(subtypeOf(LISTENABLE_FUTURE), "addListener"))
          .completionListener(statics(exactly(FUTURES), "addCallback"))
          .stageCallbacks(exactly(FUTURE_COMBINER), false)
          .stageCallbacks(exactly(FLUENT_FUTURE), false)
          .stageCallbacks(exactly(FUTURES), true)
          .map(statics(exactly(FUTURES), "transform"))
          .map(instance(exactly(FLUENT_FUTURE), "transform"))
          .composeTwin(
              ComposeTwin.of(
                      statics(exactly(FUTURES), "transform"),
                      "transformAsync",
                      AsyncKind.LISTENABLE_FUTURE)
                  .withOtherFunctionType())
          .composeTwin(
              ComposeTwin.of(
                      instance(exactly(FLUENT_FUTURE), "transform"),
                      "transformAsync",
                      AsyncKind.LISTENABLE_FUTURE)
                  .withOtherFunctionType())
          .composition(
              new Composition(
                  statics(exactly(FUTURES), "transformAsync"),
                  AwaitRule.Future.FIRST_ARGUMENT,
                  1,
                  0,
                  ""))
          .composition(
              Composition.on(instance(kind(AsyncKind.LISTENABLE_FUTURE), "transformAsync")))
          .valueWrap(
              new ValueWrap(
                  statics(exactly(FUTURES), "immediateFuture"),
                  either(exactly(FUTURES, FLUENT_FUTURE), "transformAsync"),
                  ImmutableMap.of("transformAsync", "transform"),
                  false,
                  false,
                  // Error Prone's own check; and transform's Function cannot throw the checked
                  // exceptions an AsyncFunction may.
                  ErrorProne.FUTURE_TRANSFORM_ASYNC))
          .emptyValue(AsyncKind.LISTENABLE_FUTURE, FUTURES, ".immediateFuture(null)")
          .allOf(
              either(
                  exactly(FUTURES),
                  "whenAllSucceed",
                  "whenAllComplete",
                  "allAsList",
                  "successfulAsList"))
          .batches(
              "allAsList",
              "successfulAsList",
              "whenAllSucceed",
              "whenAllComplete",
              "inCompletionOrder")
          .completedFactories(
              "immediateFuture",
              "immediateFailedFuture",
              "immediateCancelledFuture",
              "immediateVoidFuture")
          .staticOperatorClasses(FUTURES, FLUENT_FUTURE)
          .timeoutOperators("withTimeout")
          .mayFailFirst("withTimeout", "nonCancellationPropagating")
          .failureHandlers(statics(exactly(FUTURES), "catching", "catchingAsync"))
          .failureHandlers(instance(exactly(FLUENT_FUTURE), "catching", "catchingAsync"))
          .asyncWrap(statics(exactly(FUTURES), "submit"), Executor.SECOND_ARGUMENT, 2, null)
          .combineTwo("Futures.whenAllSucceed(%1$s, %2$s)")
          .preconditions(statics(exactly(PRECONDITIONS), "checkState", "checkArgument"))
          // Guava's copies shaded into a project's own packages keep the class's simple name.
          .preconditions(
              statics(simplyNamed(PRECONDITIONS_SIMPLE_NAME), "checkState", "checkArgument"))
          .preconditions(statics(exactly(VERIFY), "verify"))
          .closeOnCompletion(
              AsyncKind.LISTENABLE_FUTURE,
              "%1$s.addListener(() -> %2$s.close(), MoreExecutors." + DIRECT_EXECUTOR + "())")
          .build();

  private Guava() {}
}
