package dev.asyncprone.model.api.libraries;

import static dev.asyncprone.model.api.libraries.Methods.instance;
import static dev.asyncprone.model.api.libraries.Owner.subtypeOf;

import dev.asyncprone.model.api.libraries.Library.DoneWhen;

/**
 * Netty's {@code io.netty.util.concurrent.Future}, a {@code java.util.concurrent.Future} with
 * listeners: what it says about completion. Its own waits ({@code sync()}, {@code await()}) are not
 * in the table yet: the checks would report them, and they have not been tried on real code.
 */
public final class Netty {
  public static final String FUTURE = "io.netty.util.concurrent.Future";
  public static final String PROMISE = "io.netty.util.concurrent.Promise";

  public static final Library TABLE =
      Library.named("Netty", null)
          .packages("io.netty.")
          .completionProbe(instance(subtypeOf(FUTURE), "isSuccess"), DoneWhen.TRUE)
          .completionListener(instance(subtypeOf(FUTURE), "addListener", "addListeners"))
          .build();

  private Netty() {}
}
