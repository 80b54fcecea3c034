package dev.asyncprone.checks;

import com.google.common.collect.ImmutableList;

/**
 * The flags that turn off the checks an asyncprone check says nothing beside (one finding per
 * mistake): Error Prone's FutureReturnValueIgnored, RxReturnValueIgnored and CheckReturnValue,
 * which report dropped results. The test harness loads only the check under test, while asyncprone
 * takes a check that no flag turns off to run, as it does in a build ({@code ErrorProneChecks}): a
 * test that must see asyncprone's own findings on such drops turns them off.
 */
final class TwinsOff {
  static final ImmutableList<String> ERROR_PRONE =
      ImmutableList.of(
          "-XepIgnoreUnknownCheckNames",
          "-Xep:FutureReturnValueIgnored:OFF",
          "-Xep:RxReturnValueIgnored:OFF",
          "-Xep:CheckReturnValue:OFF");

  /** The above, and UnobservedFuture, which AsyncVoid says nothing beside. */
  static final ImmutableList<String> ERROR_PRONE_AND_UNOBSERVED_FUTURE =
      ImmutableList.<String>builder().addAll(ERROR_PRONE).add("-Xep:UnobservedFuture:OFF").build();

  private TwinsOff() {}
}
