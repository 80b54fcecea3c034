package dev.asyncprone.model.api.libraries;

import static dev.asyncprone.model.api.libraries.Methods.instance;
import static dev.asyncprone.model.api.libraries.Methods.statics;
import static dev.asyncprone.model.api.libraries.Owner.exactly;
import static dev.asyncprone.model.api.libraries.Owner.kind;

import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.libraries.Library.ComposeTwin;
import dev.asyncprone.model.api.libraries.Library.Composition;
import dev.asyncprone.model.api.libraries.Library.Executor;

/**
 * RxJava 3: {@code Single}, {@code Maybe}, {@code Completable}, {@code Observable}, {@code
 * Flowable}.
 */
public final class RxJava {
  public static final String SINGLE = "io.reactivex.rxjava3.core.Single";
  public static final String MAYBE = "io.reactivex.rxjava3.core.Maybe";
  public static final String COMPLETABLE = "io.reactivex.rxjava3.core.Completable";
  public static final String OBSERVABLE = "io.reactivex.rxjava3.core.Observable";
  public static final String FLOWABLE = "io.reactivex.rxjava3.core.Flowable";
  public static final String ACTION = "io.reactivex.rxjava3.functions.Action";
  public static final String SCALAR_SUPPLIER = "io.reactivex.rxjava3.operators.ScalarSupplier";

  private static final Owner RXJAVA = Owner.family(AsyncKind.Family.RXJAVA);

  /** The factories that tie a resource to a subscription. */
  public static final String USING = "using";

  public static final Library TABLE =
      Library.named("RxJava", AsyncKind.Family.RXJAVA)
          // RxJava 2's classes too, which share the operators' names.
          .packages("io.reactivex.rxjava3.", "io.reactivex.")
          .await(
              AwaitRule.instance(RXJAVA, "blockingGet", TimedTwin.RX),
              AwaitRule.instance(RXJAVA, "blockingFirst", TimedTwin.RX),
              AwaitRule.instance(RXJAVA, "blockingLast", TimedTwin.RX),
              AwaitRule.instance(RXJAVA, "blockingSingle", TimedTwin.RX),
              AwaitRule.instance(RXJAVA, "blockingAwait", TimedTwin.RX),
              AwaitRule.instance(RXJAVA, "blockingIterable", null).handingBackLater(),
              AwaitRule.instance(RXJAVA, "blockingStream", null).handingBackLater(),
              AwaitRule.instance(RXJAVA, "blockingForEach", null).handingBackLater(),
              AwaitRule.instance(RXJAVA, "blockingSubscribe", null).handingBackLater(),
              // blockingNext, blockingLatest, blockingMostRecent: iterables of what comes later.
              AwaitRule.instance(RXJAVA, "blocking*", null))
          .map(instance(RXJAVA, "map"))
          .composeTwin(
              ComposeTwin.of(
                  instance(kind(AsyncKind.RX_SINGLE), "map"), "flatMap", AsyncKind.RX_SINGLE))
          .composeTwin(
              ComposeTwin.of(
                  instance(kind(AsyncKind.RX_MAYBE), "map"), "flatMap", AsyncKind.RX_MAYBE))
          .composeTwin(
              ComposeTwin.of(
                  instance(kind(AsyncKind.RX_OBSERVABLE), "map"),
                  "concatMap",
                  AsyncKind.RX_OBSERVABLE))
          .composeTwin(
              ComposeTwin.of(
                  instance(kind(AsyncKind.RX_FLOWABLE), "map"),
                  "concatMap",
                  AsyncKind.RX_FLOWABLE,
                  AsyncKind.PUBLISHER))
          .composition(Composition.on(instance(kind(AsyncKind.RX_SINGLE), "flatMap")))
          .emptyValue(AsyncKind.RX_MAYBE, MAYBE, ".empty()")
          .emptyValue(AsyncKind.RX_OBSERVABLE, OBSERVABLE, ".empty()")
          .emptyValue(AsyncKind.RX_FLOWABLE, FLOWABLE, ".empty()")
          .emptyValue(AsyncKind.RX_COMPLETABLE, COMPLETABLE, ".complete()")
          .batches(
              "zip", "zipArray", "amb", "ambArray", "merge", "mergeArray", "concat", "concatArray")
          .completedFactories("just", "empty", "error", "never", "complete")
          .timeoutOperators("timeout")
          .subscribers("subscribe", "subscribeWith", "test", "connect", "blocking*")
          .failureHandlers(
              instance(
                  RXJAVA,
                  "onErrorReturn",
                  "onErrorReturnItem",
                  "onErrorResumeNext",
                  "onErrorResumeWith",
                  "onErrorComplete",
                  "doOnError",
                  "doOnEvent",
                  "doOnEach",
                  "materialize"))
          .nestingKept("doOnNext", "doOnError", "timeout")
          .innerLost("subscribe")
          .sharingOperators("cache", "share", "replay", "publish", "autoConnect", "refCount")
          .perElementOperators(
              "map",
              "filter",
              "doOnNext",
              "doOnEach",
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
              "collect",
              "sorted",
              "forEach",
              "forEachWhile",
              "blockingForEach",
              "blockingSubscribe",
              "flatMap*",
              "concatMap*",
              "switchMap*")
          .asyncWrap(statics(RXJAVA, "fromCallable", "fromSupplier"), Executor.NONE, 1, null)
          .subscriptionFactories(
              "fromCallable",
              "fromSupplier",
              "fromRunnable",
              "fromAction",
              "fromFuture",
              "fromCompletionStage",
              "fromStream",
              "defer",
              "create",
              "generate",
              USING)
          .schedulerSwitches("observeOn", "subscribeOn")
          .downstreamSchedulerSwitches("subscribeOn")
          .nonBlockingSchedulers("computation", "single", "trampoline")
          .combineTwo("Single.zip(%1$s, %2$s, (ignored, next) -> next)")
          .awaitAll("Single.zip(%s, ...).blockingGet()")
          .droppedErrorHook(
              "RxJavaPlugins.onError, which by default prints it and hands it to the thread's"
                  + " uncaught-exception handler")
          .scalarSources(SCALAR_SUPPLIER)
          .shareOnce(AsyncKind.RX_SINGLE, ".cache()")
          .shareOnce(AsyncKind.RX_MAYBE, ".cache()")
          .shareOnce(AsyncKind.RX_COMPLETABLE, ".cache()")
          .usingFactory(AsyncKind.RX_SINGLE, statics(exactly(SINGLE), USING), using("Single"))
          .usingFactory(AsyncKind.RX_MAYBE, statics(exactly(MAYBE), USING), using("Maybe"))
          .usingFactory(
              AsyncKind.RX_COMPLETABLE, statics(exactly(COMPLETABLE), USING), using("Completable"))
          .usingFactory(
              AsyncKind.RX_OBSERVABLE, statics(exactly(OBSERVABLE), USING), using("Observable"))
          .usingFactory(AsyncKind.RX_FLOWABLE, statics(exactly(FLOWABLE), USING), using("Flowable"))
          .build();

  private static String using(String type) {
    return type + ".using(() -> open, %1$s -> ..., %1$s -> %1$s.close())";
  }

  private RxJava() {}
}
