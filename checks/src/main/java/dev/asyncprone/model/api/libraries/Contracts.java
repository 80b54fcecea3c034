package dev.asyncprone.model.api.libraries;

import com.google.common.collect.ImmutableSet;

/**
 * The annotations that state a contract about blocking and consumption: asyncprone's own, and the
 * ones of JetBrains and SmallRye that say the same. A build adds more by flag.
 */
public final class Contracts {
  public static final ImmutableSet<String> BLOCKING =
      ImmutableSet.of(
          "dev.asyncprone.annotations.Blocking",
          "org.jetbrains.annotations.Blocking",
          "io.smallrye.common.annotation.Blocking");

  public static final ImmutableSet<String> NON_BLOCKING =
      ImmutableSet.of(
          "dev.asyncprone.annotations.NonBlocking",
          "org.jetbrains.annotations.NonBlocking",
          "io.smallrye.common.annotation.NonBlocking");

  public static final String BLOCKING_EXECUTOR = "dev.asyncprone.annotations.BlockingExecutor";
  public static final String NON_BLOCKING_EXECUTOR =
      "dev.asyncprone.annotations.NonBlockingExecutor";
  public static final String AWAIT_ONCE = "dev.asyncprone.annotations.AwaitOnce";

  /** Error Prone's {@code @CanIgnoreReturnValue}, or a copy of it: matched by its simple name. */
  public static final String CAN_IGNORE_RETURN_VALUE = "CanIgnoreReturnValue";

  /**
   * Error Prone's {@code @CheckReturnValue}, JSR 305's, or a copy of either: matched by its simple
   * name, as Error Prone's CheckReturnValue matches it.
   */
  public static final String CHECK_RETURN_VALUE = "CheckReturnValue";

  private Contracts() {}
}
