package dev.asyncprone.model.api.libraries;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.support.ErrorProneChecks;
import org.jspecify.annotations.Nullable;

/**
 * What asyncprone knows about one library, as data: every kind of fact a table may hold, each empty
 * unless the table says otherwise. The tables ({@link Jdk}, {@link Guava}, {@link Reactor}, {@link
 * RxJava}, {@link Mutiny}, {@link Vertx}, {@link Netty}, {@link Spring}, ...) build one each, and
 * {@link Libraries} answers the analyses' questions over all of them, so that adding a library is
 * adding a table.
 *
 * @param name the library's name in messages: "Reactor"
 * @param family the family of its future-like types, if it has any
 * @param packages the prefixes of its classes' qualified names: {@code reactor.core.publisher.}
 * @param awaits the calls that wait for one of its futures or publishers
 * @param nonBlockingReads calls that read a result and never wait ({@code getNow})
 * @param completionProbes calls that tell whether a future is complete ({@code isDone})
 * @param completionListeners calls that run code once a future completes ({@code addListener})
 * @param stageCallbacks methods whose callback runs once the future they belong to is complete
 * @param bothInputs name prefixes of two-input stage methods ({@code thenCombine}): their callback
 *     also runs once the other input is complete
 * @param mayCompleteFirst name prefixes of stage methods whose result may complete normally before
 *     the future they are called on ({@code applyToEither}, {@code completeOnTimeout}): a callback
 *     on their result proves nothing about that future
 * @param mayFailFirst name prefixes of stage methods whose result may fail before the future they
 *     are called on completes ({@code orTimeout}): a callback that runs on failure proves nothing
 *     about that future
 * @param maps operators that map a value with a function ({@code thenApply}, {@code map})
 * @param composeTwins for a map whose function returns a future, the operator that waits for it
 * @param callbackTwins for a callback that starts async work and drops it ({@code thenAccept},
 *     {@code doOnNext}), the operator that waits for it
 * @param compositions operators that chain one future on another ({@code thenCompose})
 * @param valueWraps factories of a future of a value already there, and what they make needless
 * @param emptyValues per future-like type, the expression of an empty, completed one
 * @param thenReturn per publisher type, {@code %1$s} completing, then emitting {@code %2$s}
 * @param asStage per type, the suffix that makes a {@code CompletionStage} that completes with it
 * @param continueWith per publisher type, the operator that runs another publisher after it
 * @param allOf combinators whose result completes once all their inputs have
 * @param batches names of the static combinators that wait for, or race, several at once
 * @param completedFactories names of the static factories of a future that is already complete
 * @param staticOperatorClasses classes of static helpers that work on the library's futures as
 *     their own operators would, the future their first argument ({@code Futures.transform})
 * @param timeoutOperators operators that bound the wait for what comes before them
 * @param subscribers operators that subscribe to a publisher, so that it runs
 * @param failureHandlers operators that see a failure
 * @param receiverReturning operators that return the future they are called on
 * @param nestingKept operators on a future of a future that keep it nested
 * @param innerLost operators on a future of a future that wait for the outer one only
 * @param sharingOperators operators whose result shares one run of the source among its consumers
 * @param perElementOperators operators of a many-element publisher whose function runs per element
 * @param asyncWraps calls that run a function elsewhere and hand back a future of its result
 * @param subscriptionFactories static factories whose function runs when the publisher is
 *     subscribed
 * @param schedulerSwitches operators that move the work upstream of them to a scheduler
 * @param downstreamSchedulerSwitches those that also move work chained after them
 * @param nonBlockingSchedulers factories of the library's {@code Schedulers} whose threads must not
 *     block
 * @param combineTwo words for starting two futures at once, {@code %1$s} and {@code %2$s}
 * @param awaitAll words for waiting once for several publishers, {@code %s} their sources
 * @param droppedErrorHook where an error goes when a subscription has no error consumer
 * @param preconditions checks that throw unless their condition holds ({@code checkState})
 * @param scalarSources types whose instances hold their value from assembly on, so that an await of
 *     one returns at once
 * @param cancellableSources calls that return a {@code CompletableFuture} whose {@code cancel}
 *     reaches the work behind it
 * @param shareOnce per cold type, the suffix that makes it run once and share its result among
 *     every consumer ({@code .cache()})
 * @param usingFactories factories of a publisher that opens a resource when it is subscribed and
 *     closes it when the subscription ends ({@code Flux.using}): the way to tie a resource to lazy
 *     work
 * @param closeWaits types whose {@code close()} waits for the work started on them ({@code
 *     ExecutorService} on JDK 19 and later), so that closing one ends no work early
 * @param closeOnCompletion per future type, how to close a resource once a future of it completes:
 *     {@code %1$s} the future, {@code %2$s} the resource
 */
public record Library(
    String name,
    AsyncKind.@Nullable Family family,
    ImmutableList<String> packages,
    ImmutableList<AwaitRule> awaits,
    ImmutableList<Methods> nonBlockingReads,
    ImmutableList<CompletionProbe> completionProbes,
    ImmutableList<CompletionListener> completionListeners,
    ImmutableList<StageCallbacks> stageCallbacks,
    ImmutableSet<String> bothInputs,
    ImmutableSet<String> mayCompleteFirst,
    ImmutableSet<String> mayFailFirst,
    ImmutableList<Methods> maps,
    ImmutableList<ComposeTwin> composeTwins,
    ImmutableList<CallbackTwin> callbackTwins,
    ImmutableList<Composition> compositions,
    ImmutableList<ValueWrap> valueWraps,
    ImmutableMap<AsyncKind, EmptyValue> emptyValues,
    ImmutableMap<AsyncKind, String> thenReturn,
    ImmutableMap<AsyncKind, String> asStage,
    ImmutableMap<AsyncKind, String> continueWith,
    ImmutableList<Methods> allOf,
    ImmutableSet<String> batches,
    ImmutableSet<String> completedFactories,
    ImmutableSet<String> staticOperatorClasses,
    ImmutableSet<String> timeoutOperators,
    ImmutableSet<String> subscribers,
    ImmutableList<Methods> failureHandlers,
    ImmutableSet<String> receiverReturning,
    ImmutableSet<String> nestingKept,
    ImmutableSet<String> innerLost,
    ImmutableSet<String> sharingOperators,
    ImmutableSet<String> perElementOperators,
    ImmutableList<AsyncWrap> asyncWraps,
    ImmutableSet<String> subscriptionFactories,
    ImmutableSet<String> schedulerSwitches,
    ImmutableSet<String> downstreamSchedulerSwitches,
    ImmutableSet<String> nonBlockingSchedulers,
    @Nullable String combineTwo,
    @Nullable String awaitAll,
    @Nullable String droppedErrorHook,
    ImmutableList<Methods> preconditions,
    ImmutableSet<String> scalarSources,
    ImmutableList<Methods> cancellableSources,
    ImmutableMap<AsyncKind, String> shareOnce,
    ImmutableList<UsingFactory> usingFactories,
    ImmutableSet<String> closeWaits,
    ImmutableMap<AsyncKind, String> closeOnCompletion) {

  /**
   * A call that tells whether a future is complete.
   *
   * @param methods the calls
   * @param doneWhen when its result says the future is complete
   */
  public record CompletionProbe(Methods methods, DoneWhen doneWhen) {}

  /** When a probe's result says the future it is called on is complete. */
  public enum DoneWhen {
    /** {@code f.isDone()}: when it returns true. */
    TRUE,
    /** {@code f.getNow(x) != x}: when it returns something other than its argument. */
    NOT_ITS_ARGUMENT,
    /** {@code f.state() == State.SUCCESS}: when it returns one of {@link Jdk#COMPLETED_STATES}. */
    IN_A_COMPLETED_STATE
  }

  /**
   * A call that runs code once a future completes, successfully or not.
   *
   * @param methods the calls
   * @param futureIsFirstArgument true for a static helper given the future first ({@code
   *     Futures.addCallback(f, ...)}); false for a call on the future
   */
  public record CompletionListener(Methods methods, boolean futureIsFirstArgument) {}

  /**
   * Methods whose callback runs only once the future they belong to is complete.
   *
   * @param owner the classes that declare them: all their methods with a callback are such
   * @param inputIsFirstArgument true for static helpers given the future first
   */
  public record StageCallbacks(Owner owner, boolean inputIsFirstArgument) {}

  /**
   * For the call {@code operator}, when its function returns a future-like of one of the {@code
   * inner} kinds, the operator that waits for that future instead.
   *
   * @param otherFunctionType true if the twin takes another functional interface than the map
   *     (Guava's {@code transformAsync} an {@code AsyncFunction}, {@code transform} a {@code
   *     Function}), so that only a lambda or method reference fits both
   */
  public record ComposeTwin(
      Methods operator, ImmutableSet<AsyncKind> inner, String twin, boolean otherFunctionType) {
    public static ComposeTwin of(Methods operator, String twin, AsyncKind... inner) {
      return new ComposeTwin(operator, ImmutableSet.copyOf(inner), twin, false);
    }

    /** The twin takes another functional interface than the map. */
    public ComposeTwin withOtherFunctionType() {
      return new ComposeTwin(operator, inner, twin, true);
    }
  }

  /**
   * For a callback that starts async work and drops it, the operator that waits for that work.
   *
   * @param callback the callback operators ({@code thenAccept}, {@code doOnNext})
   * @param twin the composing operator
   * @param passesValueOn true if the callback passes each value on ({@code doOnNext}), so that the
   *     composed work must hand the value back once it is done
   */
  public record CallbackTwin(Methods callback, String twin, boolean passesValueOn) {}

  /**
   * Operators that chain one future on another.
   *
   * @param methods the operators
   * @param source where the call shows the future it continues
   * @param function the index of the argument that makes the next future
   * @param arguments how many arguments it must have, or 0 for any number beyond {@code function}
   * @param displayPrefix what goes before its name in a message: {@code onItem().}
   */
  public record Composition(
      Methods methods, AwaitRule.Future source, int function, int arguments, String displayPrefix) {
    /** Instance operators on the future they continue, its function their first argument. */
    public static Composition on(Methods methods) {
      return new Composition(methods, AwaitRule.Future.RECEIVER, 0, 0, "");
    }
  }

  /**
   * A factory of a future of a value that is already there ({@code completedFuture(v)}), and the
   * compositions of the same library that a function returning only it makes needless.
   *
   * @param factories the factories, of one argument
   * @param compositions the compositions it makes needless
   * @param plainTwins each composition's name, mapped to the operator that takes the value itself
   * @param singleArgumentOnly true if only a composition of one argument has that plain twin
   * @param rejectsNull true if the factory fails on null where the plain operator fails otherwise
   * @param reportedByErrorProne the Error Prone check that reports the same shape, if one does
   */
  public record ValueWrap(
      Methods factories,
      Methods compositions,
      ImmutableMap<String, String> plainTwins,
      boolean singleArgumentOnly,
      boolean rejectsNull,
      ErrorProneChecks.@Nullable Check reportedByErrorProne) {}

  /** An empty, completed value: {@code className + call}, as {@code Mono} and {@code .empty()}. */
  public record EmptyValue(String className, String call) {}

  /**
   * A call that runs a function elsewhere and hands back a future of its result.
   *
   * @param methods the calls
   * @param executor where the call names the executor it runs on
   * @param minArguments the fewest arguments such a call has
   * @param functionType for an instance method, the type its first parameter must have, or null
   */
  public record AsyncWrap(
      Methods methods, Executor executor, int minArguments, @Nullable String functionType) {}

  /** Where an async wrap names its executor. */
  public enum Executor {
    NONE,
    SECOND_ARGUMENT,
    RECEIVER
  }

  /**
   * A factory of a publisher that opens a resource when it is subscribed and closes it when the
   * subscription ends, whichever way it ends.
   *
   * @param kind the publisher type it makes
   * @param methods the factory's methods
   * @param shape how a call reads in a message, {@code %1$s} the resource's name: {@code
   *     Flux.using(() -> open, %1$s -> ..., %1$s -> %1$s.close())}
   */
  public record UsingFactory(AsyncKind kind, Methods methods, String shape) {}

  public static LibraryBuilder named(String name, AsyncKind.@Nullable Family family) {
    return new LibraryBuilder(name, family);
  }
}
