package dev.asyncprone.model.api.libraries;

import static dev.asyncprone.model.api.libraries.Methods.either;
import static dev.asyncprone.model.api.libraries.Methods.instance;
import static dev.asyncprone.model.api.libraries.Methods.statics;
import static dev.asyncprone.model.api.libraries.Owner.exactly;
import static dev.asyncprone.model.api.libraries.Owner.kind;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.libraries.Library.ComposeTwin;
import dev.asyncprone.model.api.libraries.Library.Composition;
import dev.asyncprone.model.api.libraries.Library.Executor;
import dev.asyncprone.model.api.libraries.Library.ValueWrap;

/** Project Reactor: {@code Mono} and {@code Flux}, cold publishers, and its schedulers. */
public final class Reactor {
  public static final String MONO = "reactor.core.publisher.Mono";
  public static final String FLUX = "reactor.core.publisher.Flux";
  public static final String SCALAR_CALLABLE = "reactor.core.Fuseable.ScalarCallable";

  /** The factories that tie a resource to a subscription: a resource closed synchronously. */
  public static final String USING = "using";

  /** ... and one whose supplier is a publisher and whose cleanup returns one. */
  public static final String USING_WHEN = "usingWhen";

  /** The factory of a Mono of what a {@code Callable} returns, when it is subscribed. */
  public static final String FROM_CALLABLE = "fromCallable";

  /**
   * Static factories of a publisher over values already there, which cannot fail: it emits them and
   * completes. RxJava's factories of the same names do the same.
   */
  public static final ImmutableSet<String> VALUE_SOURCES =
      ImmutableSet.of("fromIterable", "fromArray", "just", "justOrEmpty", "range", "empty");

  public static final Library TABLE =
      Library.named("Reactor", AsyncKind.Family.REACTOR)
          .packages("reactor.core.publisher.")
          .await(
              AwaitRule.instance(kind(AsyncKind.MONO), "block", TimedTwin.DURATION)
                  .boundedWith(1)
                  .replacedByComposing(),
              AwaitRule.instance(kind(AsyncKind.MONO), "blockOptional", TimedTwin.DURATION)
                  .boundedWith(1),
              AwaitRule.instance(kind(AsyncKind.FLUX), "blockFirst", TimedTwin.DURATION)
                  .boundedWith(1),
              AwaitRule.instance(kind(AsyncKind.FLUX), "blockLast", TimedTwin.DURATION)
                  .boundedWith(1),
              AwaitRule.instance(kind(AsyncKind.FLUX), "toIterable", null).handingBackLater(),
              AwaitRule.instance(kind(AsyncKind.FLUX), "toStream", null).handingBackLater())
          .map(instance(Owner.family(AsyncKind.Family.REACTOR), "map"))
          .composeTwin(
              ComposeTwin.of(instance(kind(AsyncKind.MONO), "map"), "flatMap", AsyncKind.MONO))
          .composeTwin(
              ComposeTwin.of(
                  instance(kind(AsyncKind.MONO), "map"),
                  "flatMapMany",
                  AsyncKind.MONO,
                  AsyncKind.FLUX,
                  AsyncKind.PUBLISHER))
          .composeTwin(
              ComposeTwin.of(
                  instance(kind(AsyncKind.FLUX), "map"),
                  "concatMap",
                  AsyncKind.MONO,
                  AsyncKind.FLUX,
                  AsyncKind.PUBLISHER))
          // The element flows on once the work started for it is done; concatMap keeps the order.
          .callbackTwin(instance(kind(AsyncKind.MONO), "doOnNext"), "flatMap", true)
          .callbackTwin(instance(kind(AsyncKind.FLUX), "doOnNext"), "concatMap", true)
          .composition(Composition.on(instance(kind(AsyncKind.MONO), "flatMap")))
          .valueWrap(
              new ValueWrap(
                  statics(exactly(MONO), "just"),
                  either(exactly(MONO, FLUX), "flatMap", "concatMap"),
                  ImmutableMap.of("flatMap", "map", "concatMap", "map"),
                  true,
                  // map(...) signals a null with another error than Mono.just(null) does.
                  true,
                  null))
          .emptyValue(AsyncKind.MONO, MONO, ".empty()")
          .emptyValue(AsyncKind.FLUX, FLUX, ".empty()")
          .thenReturn(AsyncKind.MONO, "%1$s.thenReturn(%2$s)")
          .thenReturn(AsyncKind.FLUX, "%1$s.then().thenReturn(%2$s)")
          .asStage(AsyncKind.MONO, ".then().toFuture()")
          .asStage(AsyncKind.FLUX, ".then().toFuture()")
          .continueWith(AsyncKind.MONO, "then")
          .continueWith(AsyncKind.FLUX, "thenMany")
          .batches(
              "zip",
              "zipDelayError",
              "when",
              "whenDelayError",
              "firstWithValue",
              "firstWithSignal",
              "mergeSequential")
          .completedFactories("just", "empty", "error", "never", "justOrEmpty")
          .timeoutOperators("timeout")
          .subscribers(
              "subscribe", "subscribeWith", "toFuture", "toIterable", "toStream", "connect")
          .subscribers("block*")
          .failureHandlers(
              instance(
                  Owner.family(AsyncKind.Family.REACTOR),
                  "onErrorResume",
                  "onErrorReturn",
                  "onErrorContinue",
                  "onErrorComplete",
                  "doOnError",
                  "doOnEach",
                  "materialize"))
          .nestingKept("doOnNext", "doOnError", "log", "timeout")
          .innerLost("then", "thenEmpty", "thenReturn", "subscribe")
          .sharingOperators(
              "cache",
              "cacheInvalidateIf",
              "cacheInvalidateWhen",
              "share",
              "shareNext",
              "replay",
              "publish",
              "autoConnect",
              "refCount",
              "toFuture")
          .perElementOperators(
              "map",
              "mapNotNull",
              "filter",
              "filterWhen",
              "doOnNext",
              "doOnEach",
              "handle",
              "reduce",
              "reduceWith",
              "scan",
              "scanWith",
              "takeWhile",
              "skipWhile",
              "takeUntil",
              "skipUntil",
              "all",
              "any",
              "distinct",
              "distinctUntilChanged",
              "groupBy",
              "bufferUntil",
              "bufferWhile",
              "windowUntil",
              "windowWhile",
              "collect",
              "index",
              "generate",
              "sort",
              "flatMap*",
              "concatMap*",
              "switchMap*")
          .asyncWrap(statics(exactly(MONO), FROM_CALLABLE, "fromSupplier"), Executor.NONE, 1, null)
          .subscriptionFactories(
              FROM_CALLABLE,
              "fromSupplier",
              "fromRunnable",
              "fromFuture",
              "fromCompletionStage",
              "fromStream",
              "defer",
              "deferContextual",
              "create",
              "push",
              "generate",
              USING,
              USING_WHEN)
          .schedulerSwitches("publishOn", "subscribeOn")
          .downstreamSchedulerSwitches("subscribeOn")
          .nonBlockingSchedulers("parallel", "single", "immediate", "newParallel", "newSingle")
          .combineTwo("Mono.zip(%1$s, %2$s).map(Tuple2::getT2)")
          .awaitAll("Mono.zip(%s).block()")
          .droppedErrorHook("Reactor's onErrorDropped hook, which logs it as dropped")
          .scalarSources(SCALAR_CALLABLE)
          .cancellableSources(either(exactly(MONO), "toFuture"))
          .shareOnce(AsyncKind.MONO, ".cache()")
          .usingFactory(
              AsyncKind.MONO,
              statics(exactly(MONO), USING, USING_WHEN),
              "Mono.using(() -> open, %1$s -> ..., %1$s -> %1$s.close())")
          .usingFactory(
              AsyncKind.FLUX,
              statics(exactly(FLUX), USING, USING_WHEN),
              "Flux.using(() -> open, %1$s -> ..., %1$s -> %1$s.close())")
          .build();

  private Reactor() {}
}
