package dev.asyncprone.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import java.util.Optional;

/**
 * Every {@code -XepOpt:AsyncProne:...} flag, parsed once per compilation.
 *
 * <ul>
 *   <li>{@code BlockingMethods}: more methods that block, {@code com.acme.Db#query,com.acme.Io#*}.
 *   <li>{@code BlockingAnnotations}: more annotations that mark a method as blocking.
 *   <li>{@code NonBlockingAnnotations}: more annotations that mark a method or type as one that
 *       must not block.
 * </ul>
 */
public final class Options {
  public static final String PREFIX = "AsyncProne:";

  public static final ImmutableSet<String> BUILT_IN_BLOCKING_ANNOTATIONS =
      ImmutableSet.of(
          "dev.asyncprone.annotations.Blocking",
          "org.jetbrains.annotations.Blocking",
          "io.smallrye.common.annotation.Blocking");

  public static final ImmutableSet<String> BUILT_IN_NON_BLOCKING_ANNOTATIONS =
      ImmutableSet.of(
          "dev.asyncprone.annotations.NonBlocking",
          "org.jetbrains.annotations.NonBlocking",
          "io.smallrye.common.annotation.NonBlocking");

  private static final Options DEFAULTS = new Options(ErrorProneFlags.empty());

  private final ErrorProneFlags flags;
  private final ImmutableList<String> extraBlockingMethods;
  private final ImmutableSet<String> blockingAnnotations;
  private final ImmutableSet<String> nonBlockingAnnotations;

  private Options(ErrorProneFlags flags) {
    this.flags = flags;
    this.extraBlockingMethods = flags.getListOrEmpty(PREFIX + "BlockingMethods");
    this.blockingAnnotations =
        ImmutableSet.<String>builder()
            .addAll(BUILT_IN_BLOCKING_ANNOTATIONS)
            .addAll(flags.getListOrEmpty(PREFIX + "BlockingAnnotations"))
            .build();
    this.nonBlockingAnnotations =
        ImmutableSet.<String>builder()
            .addAll(BUILT_IN_NON_BLOCKING_ANNOTATIONS)
            .addAll(flags.getListOrEmpty(PREFIX + "NonBlockingAnnotations"))
            .build();
  }

  public static Options from(ErrorProneFlags flags) {
    return flags.isEmpty() ? DEFAULTS : new Options(flags);
  }

  public static Options defaults() {
    return DEFAULTS;
  }

  public ImmutableList<String> extraBlockingMethods() {
    return extraBlockingMethods;
  }

  public ImmutableSet<String> blockingAnnotations() {
    return blockingAnnotations;
  }

  public ImmutableSet<String> nonBlockingAnnotations() {
    return nonBlockingAnnotations;
  }

  /** The raw value of {@code -XepOpt:AsyncProne:<name>}, for flags that one check reads. */
  public Optional<String> get(String name) {
    return flags.get(PREFIX + name);
  }
}
