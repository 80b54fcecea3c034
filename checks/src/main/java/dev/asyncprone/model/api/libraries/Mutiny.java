package dev.asyncprone.model.api.libraries;

import static dev.asyncprone.model.api.libraries.Methods.instance;
import static dev.asyncprone.model.api.libraries.Owner.exactly;
import static dev.asyncprone.model.api.libraries.Owner.kind;

import com.google.common.collect.ImmutableSet;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.libraries.Library.Composition;
import dev.asyncprone.model.api.libraries.Library.Executor;

/**
 * SmallRye Mutiny: {@code Uni} and {@code Multi}, whose operators mostly live on groups that the
 * types hand out ({@code uni.onItem()}, {@code uni.await()}, {@code multi.subscribe()}).
 */
public final class Mutiny {
  public static final String UNI = "io.smallrye.mutiny.Uni";
  public static final String MULTI = "io.smallrye.mutiny.Multi";

  /** The package of the groups. */
  public static final String GROUPS = "io.smallrye.mutiny.groups.";

  public static final String UNI_AWAIT = GROUPS + "UniAwait";
  public static final String UNI_AWAIT_OPTIONAL = GROUPS + "UniAwaitOptional";
  public static final String UNI_CREATE = GROUPS + "UniCreate";

  /**
   * {@code Multi.createFrom()}: among its factories, {@code resource}, which closes what it opens.
   */
  public static final String MULTI_CREATE = GROUPS + "MultiCreate";

  public static final String UNI_ON_ITEM = GROUPS + "UniOnItem";
  public static final String MULTI_SUBSCRIBE = GROUPS + "MultiSubscribe";

  /** Groups whose operators run a function per element of a Multi. */
  public static final ImmutableSet<String> PER_ELEMENT_GROUPS =
      ImmutableSet.of(GROUPS + "MultiOnItem", GROUPS + "MultiSelect");

  /**
   * Parts of the names of the groups that combine several Unis or Multis, or make a Multi of many
   * items: a call on one is a batch already.
   */
  public static final ImmutableSet<String> BATCH_GROUPS =
      ImmutableSet.of("Zip", "Combine", "Join", "Merge", "Concat", "MultiCreate", "UniAny");

  /**
   * The end of the names of the groups whose functions run at subscription ({@code UniCreate},
   * {@code MultiCreate}): {@code Uni.createFrom().item(supplier)}.
   */
  public static final String SUBSCRIPTION_TIME_GROUPS = "Create";

  /** {@code subscribe().with(onItem)}: the call on the subscribe group that subscribes. */
  public static final String SUBSCRIBE_WITH = "with";

  public static final Library TABLE =
      Library.named("Mutiny", AsyncKind.Family.MUTINY)
          .packages("io.smallrye.mutiny.")
          .await(
              AwaitRule.instance(
                      exactly(UNI_AWAIT, UNI_AWAIT_OPTIONAL), "indefinitely", TimedTwin.AT_MOST)
                  .onGroup("await()"),
              AwaitRule.instance(
                      exactly(UNI_AWAIT, UNI_AWAIT_OPTIONAL), "atMost", TimedTwin.AT_MOST)
                  .boundedWith(1)
                  .onGroup("await()"),
              AwaitRule.instance(exactly(MULTI_SUBSCRIBE), "asIterable", null)
                  .onGroup("subscribe()")
                  .handingBackLater(),
              AwaitRule.instance(exactly(MULTI_SUBSCRIBE), "asStream", null)
                  .onGroup("subscribe()")
                  .handingBackLater())
          .map(instance(Owner.family(AsyncKind.Family.MUTINY), "map"))
          .composition(Composition.on(instance(kind(AsyncKind.UNI), "chain", "flatMap")))
          .composition(
              new Composition(
                  instance(exactly(UNI_ON_ITEM), "transformToUni"),
                  AwaitRule.Future.RECEIVER_OF_RECEIVER,
                  0,
                  0,
                  "onItem()."))
          .emptyValue(AsyncKind.UNI, UNI, ".createFrom().nullItem()")
          .emptyValue(AsyncKind.MULTI, MULTI, ".createFrom().empty()")
          .timeoutOperators("ifNoItem")
          .subscribers("subscribe", "subscribeAsCompletionStage", "toCompletionStage", "await")
          .failureHandlers(
              instance(
                  Owner.family(AsyncKind.Family.MUTINY),
                  "onFailure",
                  "onItemOrFailure",
                  "onTermination"))
          .sharingOperators("memoize", "toCompletableFuture")
          .asyncWrap(instance(exactly(UNI_CREATE), "item"), Executor.NONE, 1, JdkTypes.SUPPLIER)
          .schedulerSwitches("emitOn", "runSubscriptionOn")
          .downstreamSchedulerSwitches("runSubscriptionOn")
          .combineTwo("Uni.combine().all().unis(%1$s, %2$s).asTuple().map(Tuple2::getItem2)")
          .awaitAll("Uni.combine().all().unis(%s).asTuple().await().indefinitely()")
          .droppedErrorHook("Mutiny's dropped-exception handler, which logs it")
          .shareOnce(AsyncKind.UNI, ".memoize().indefinitely()")
          // Uni has no resource factory of its own: a Multi over the resource, made a Uni.
          .usingFactory(
              AsyncKind.UNI,
              instance(exactly(MULTI_CREATE), "resource"),
              "Multi.createFrom().resource(() -> open, %1$s -> ...).withFinalizer(%1$s ->"
                  + " %1$s.close()).toUni()")
          .usingFactory(
              AsyncKind.MULTI,
              instance(exactly(MULTI_CREATE), "resource"),
              "Multi.createFrom().resource(() -> open, %1$s -> ...).withFinalizer(%1$s ->"
                  + " %1$s.close())")
          .build();

  private Mutiny() {}
}
