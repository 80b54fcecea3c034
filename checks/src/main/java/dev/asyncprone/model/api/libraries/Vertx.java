package dev.asyncprone.model.api.libraries;

import static dev.asyncprone.model.api.libraries.Methods.either;
import static dev.asyncprone.model.api.libraries.Methods.instance;
import static dev.asyncprone.model.api.libraries.Owner.exactly;
import static dev.asyncprone.model.api.libraries.Owner.kind;
import static dev.asyncprone.model.api.libraries.Owner.subtypeOf;

import com.google.common.collect.ImmutableSet;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.libraries.Library.ComposeTwin;
import dev.asyncprone.model.api.libraries.Library.Composition;
import dev.asyncprone.model.api.libraries.Library.DoneWhen;

/**
 * Vert.x: its {@code Future}, whose callbacks run on the event loop that completes it, handlers
 * passed to its APIs, which run on the event loop, and {@code executeBlocking}, which runs on a
 * worker.
 */
public final class Vertx {
  public static final String FUTURE = "io.vertx.core.Future";
  public static final String HANDLER = "io.vertx.core.Handler";
  public static final String WRITE_STREAM = "io.vertx.core.streams.WriteStream";

  /** The package prefix of Vert.x. */
  public static final String PACKAGE = "io.vertx.";

  /** Hands its function to a worker thread. */
  public static final String EXECUTE_BLOCKING = "executeBlocking";

  /** Future methods whose callback runs on the event loop that completes the future. */
  public static final ImmutableSet<String> FUTURE_CALLBACKS =
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

  /**
   * The error channel of handler-style objects (streams, requests, responses): {@code
   * exceptionHandler(Handler<Throwable>)}. It exists for Vert.x's idiom of splitting success and
   * failure between two setters; the rule that reads it matches any type by this name and shape.
   */
  public static final String EXCEPTION_HANDLER = "exceptionHandler";

  /**
   * Future callbacks that see only success and return the future they are called on, so that the
   * only failure they leave out is that future's own.
   */
  public static final ImmutableSet<String> SUCCESS_ONLY_CALLBACKS = ImmutableSet.of("onSuccess");

  public static final Library TABLE =
      Library.named("Vert.x", AsyncKind.Family.VERTX)
          .packages(PACKAGE)
          .await(
              AwaitRule.instance(kind(AsyncKind.VERTX_FUTURE), "await", TimedTwin.OTHER)
                  .boundedWith(2))
          .mayFailFirst("timeout")
          .completionProbe(
              instance(subtypeOf(FUTURE), "isComplete", "succeeded", "failed"), DoneWhen.TRUE)
          .completionListener(instance(subtypeOf(FUTURE), "onComplete"))
          .stageCallbacks(subtypeOf(FUTURE), false)
          .map(instance(Owner.family(AsyncKind.Family.VERTX), "map"))
          .composeTwin(
              ComposeTwin.of(
                  instance(kind(AsyncKind.VERTX_FUTURE), "map"), "compose", AsyncKind.VERTX_FUTURE))
          .composition(
              new Composition(
                  instance(kind(AsyncKind.VERTX_FUTURE), "compose", "flatMap"),
                  AwaitRule.Future.RECEIVER,
                  0,
                  1,
                  ""))
          .emptyValue(AsyncKind.VERTX_FUTURE, FUTURE, ".succeededFuture()")
          .allOf(either(exactly(FUTURE), "all", "join"))
          .batches("all", "any", "join")
          .completedFactories("succeededFuture", "failedFuture")
          .failureHandlers(
              instance(
                  Owner.family(AsyncKind.Family.VERTX),
                  "onFailure",
                  "onComplete",
                  "recover",
                  "otherwise",
                  "andThen",
                  "transform"))
          .receiverReturning("onSuccess", "onFailure", "onComplete")
          .combineTwo("Future.all(%1$s, %2$s).map(all -> all.resultAt(1))")
          .closeOnCompletion(AsyncKind.VERTX_FUTURE, "%1$s.onComplete(result -> %2$s.close())")
          .build();

  private Vertx() {}
}
