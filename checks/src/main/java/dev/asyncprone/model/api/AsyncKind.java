package dev.asyncprone.model.api;

import dev.asyncprone.model.api.libraries.Guava;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.Mutiny;
import dev.asyncprone.model.api.libraries.ReactiveStreams;
import dev.asyncprone.model.api.libraries.Reactor;
import dev.asyncprone.model.api.libraries.RxJava;
import dev.asyncprone.model.api.libraries.Vertx;

/**
 * The future-like types asyncprone knows, most specific first. Each is matched by the qualified
 * name of a supertype, so none of these libraries needs to be on the classpath.
 */
public enum AsyncKind {
  COMPLETABLE_FUTURE(Jdk.COMPLETABLE_FUTURE, Family.JDK, false),
  LISTENABLE_FUTURE(Guava.LISTENABLE_FUTURE, Family.GUAVA, false),
  COMPLETION_STAGE(Jdk.COMPLETION_STAGE, Family.JDK, false),
  FUTURE(Jdk.FUTURE, Family.JDK, false),
  MONO(Reactor.MONO, Family.REACTOR, true),
  FLUX(Reactor.FLUX, Family.REACTOR, true),
  RX_SINGLE(RxJava.SINGLE, Family.RXJAVA, true),
  RX_MAYBE(RxJava.MAYBE, Family.RXJAVA, true),
  RX_COMPLETABLE(RxJava.COMPLETABLE, Family.RXJAVA, true),
  RX_OBSERVABLE(RxJava.OBSERVABLE, Family.RXJAVA, true),
  RX_FLOWABLE(RxJava.FLOWABLE, Family.RXJAVA, true),
  UNI(Mutiny.UNI, Family.MUTINY, true),
  MULTI(Mutiny.MULTI, Family.MUTINY, true),
  VERTX_FUTURE(Vertx.FUTURE, Family.VERTX, false),
  PUBLISHER(ReactiveStreams.PUBLISHER, Family.REACTIVE_STREAMS, true),
  FLOW_PUBLISHER(Jdk.FLOW_PUBLISHER, Family.REACTIVE_STREAMS, true);

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

  /**
   * True for the types of many elements, whose operators run their function once per element: a
   * stream of many is a batch by nature, however it was made.
   */
  public boolean emitsMany() {
    return this == FLUX || this == MULTI || this == RX_OBSERVABLE || this == RX_FLOWABLE;
  }
}
