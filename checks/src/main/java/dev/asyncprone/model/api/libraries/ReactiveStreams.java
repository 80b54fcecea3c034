package dev.asyncprone.model.api.libraries;

import com.google.common.collect.ImmutableSet;
import dev.asyncprone.model.api.AsyncKind;

/** Reactive Streams, the interfaces the reactive libraries share. */
public final class ReactiveStreams {
  public static final String PUBLISHER = "org.reactivestreams.Publisher";

  /**
   * The ends of the names of the types that receive a publisher's signals, errors included, by
   * convention: {@code Subscriber}, {@code CoreSubscriber}, RxJava's {@code Observer}.
   */
  public static final ImmutableSet<String> SUBSCRIBER_NAMES =
      ImmutableSet.of("Subscriber", "Observer");

  /**
   * The simple name of the class of scheduler factories in Reactor and RxJava (either version): its
   * factories named by {@link Library#nonBlockingSchedulers} make threads that must not block.
   */
  public static final String SCHEDULERS = "Schedulers";

  public static final Library TABLE =
      Library.named("Reactive Streams", AsyncKind.Family.REACTIVE_STREAMS)
          .packages("org.reactivestreams.")
          .subscribers("subscribe")
          .build();

  private ReactiveStreams() {}
}
