package dev.asyncprone.model.api;

/**
 * The future-like types asyncprone knows, most specific first. Each is matched by the qualified
 * name of a supertype, so none of these libraries needs to be on the classpath.
 */
public enum AsyncKind {
  COMPLETABLE_FUTURE("java.util.concurrent.CompletableFuture", Family.JDK, false),
  LISTENABLE_FUTURE("com.google.common.util.concurrent.ListenableFuture", Family.GUAVA, false),
  COMPLETION_STAGE("java.util.concurrent.CompletionStage", Family.JDK, false),
  FUTURE("java.util.concurrent.Future", Family.JDK, false),
  MONO("reactor.core.publisher.Mono", Family.REACTOR, true),
  FLUX("reactor.core.publisher.Flux", Family.REACTOR, true),
  RX_SINGLE("io.reactivex.rxjava3.core.Single", Family.RXJAVA, true),
  RX_MAYBE("io.reactivex.rxjava3.core.Maybe", Family.RXJAVA, true),
  RX_COMPLETABLE("io.reactivex.rxjava3.core.Completable", Family.RXJAVA, true),
  RX_OBSERVABLE("io.reactivex.rxjava3.core.Observable", Family.RXJAVA, true),
  RX_FLOWABLE("io.reactivex.rxjava3.core.Flowable", Family.RXJAVA, true),
  UNI("io.smallrye.mutiny.Uni", Family.MUTINY, true),
  MULTI("io.smallrye.mutiny.Multi", Family.MUTINY, true),
  VERTX_FUTURE("io.vertx.core.Future", Family.VERTX, false),
  PUBLISHER("org.reactivestreams.Publisher", Family.REACTIVE_STREAMS, true),
  FLOW_PUBLISHER("java.util.concurrent.Flow.Publisher", Family.REACTIVE_STREAMS, true);

  /** Where a type comes from; decides which operators and fixes apply. */
  public enum Family {
    JDK,
    GUAVA,
    REACTOR,
    RXJAVA,
    MUTINY,
    VERTX,
    REACTIVE_STREAMS
  }

  private final String className;
  private final Family family;
  private final boolean lazy;

  AsyncKind(String className, Family family, boolean lazy) {
    this.className = className;
    this.family = family;
    this.lazy = lazy;
  }

  /** The qualified name of the type, as javac spells it (nested types with a dot). */
  public String className() {
    return className;
  }

  public String simpleName() {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  public Family family() {
    return family;
  }

  /**
   * True for publishers: nothing happens until something subscribes, and every subscription runs
   * the work again. False for futures, whose work is already under way.
   */
  public boolean isLazy() {
    return lazy;
  }

  /** True for types that can be waited on with {@code get()}: every java.util.concurrent.Future. */
  public boolean isJdkFuture() {
    return this == COMPLETABLE_FUTURE || this == LISTENABLE_FUTURE || this == FUTURE;
  }
}
