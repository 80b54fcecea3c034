package dev.asyncprone.model.api.libraries;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern.SeverityLevel;
import dev.asyncprone.model.support.ErrorProneChecks.Check;

/**
 * Error Prone's own checks that report a tree an asyncprone check would also report for the same
 * reason, and what they match, as Error Prone 2.42.0 and 2.50.0 declare it (the same in both): so
 * that asyncprone says nothing where one of them, on in the compilation, already reports. All of
 * them extend {@code AbstractReturnValueIgnored}: a result dropped as an expression statement, or
 * as the value of a lambda or method reference whose functional interface returns void ({@code
 * UnusedReturnValueMatcher}).
 */
public final class ErrorProne {
  /**
   * A method whose result a check leaves alone, matched as Error Prone's {@code MethodMatchers}
   * match it: by name, and by the static type of the receiver (the class named, or with {@code
   * subtypes} any class that extends it).
   *
   * @param receiverClass the receiver's class
   * @param subtypes true for {@code onDescendantOf}, false for {@code onExactClass}
   * @param names the methods' names
   * @param noParametersOnly true for {@code withNoParameters()}
   */
  public record Exempt(
      String receiverClass,
      boolean subtypes,
      ImmutableSet<String> names,
      boolean noParametersOnly) {
    static Exempt onDescendantOf(String receiverClass, String... names) {
      return new Exempt(receiverClass, true, ImmutableSet.copyOf(names), false);
    }

    static Exempt onExactClass(String receiverClass, String... names) {
      return new Exempt(receiverClass, false, ImmutableSet.copyOf(names), false);
    }
  }

  /**
   * FutureReturnValueIgnored (WARNING, on by default): a dropped call or method reference whose
   * method's declared return type (its upper bound) is a {@code java.util.concurrent.Future},
   * unless the method, or a method it overrides that returns a Future too, is {@code
   * CanIgnoreReturnValue}, or the call is one of {@link #FUTURE_IGNORED_METHODS}. Not a {@code
   * CompletionStage}, a publisher or a Vert.x future. It also reports any call, wherever its value
   * goes, whose value is a {@code Future} of a {@code Future} ("Method returns a nested type").
   */
  public static final Check FUTURE_RETURN_VALUE_IGNORED =
      new Check("FutureReturnValueIgnored", SeverityLevel.WARNING, true);

  /** The future-returning calls FutureReturnValueIgnored leaves alone ({@code IGNORED_METHODS}). */
  public static final ImmutableList<Exempt> FUTURE_IGNORED_METHODS =
      ImmutableList.of(
          new Exempt(Jdk.FORK_JOIN_TASK, true, ImmutableSet.of("fork"), true),
          Exempt.onDescendantOf(Jdk.COMPLETION_SERVICE, "submit"),
          Exempt.onDescendantOf(
              "com.intellij.openapi.application.Application", "executeOnPooledThread"),
          Exempt.onDescendantOf(
              Netty.FUTURE,
              "addListener",
              "addListeners",
              "removeListener",
              "removeListeners",
              "sync",
              "syncUninterruptibly",
              "await",
              "awaitUninterruptibly"),
          Exempt.onDescendantOf(Netty.PROMISE, "setSuccess", "setFailure"),
          Exempt.onExactClass(
              Jdk.COMPLETABLE_FUTURE,
              "exceptionally",
              "completeAsync",
              "orTimeout",
              "completeOnTimeout"));

  /**
   * RxReturnValueIgnored (WARNING, on by default): a dropped call (not a method reference) whose
   * value is an RxJava 1 or 2 type of {@link #RX_TYPES}, unless the method is {@code
   * CanIgnoreReturnValue} (or overrides one that is and returns the same type), or is {@code
   * Map.put}. RxJava 3's types are not among them.
   */
  public static final Check RX_RETURN_VALUE_IGNORED =
      new Check("RxReturnValueIgnored", SeverityLevel.WARNING, true);

  public static final ImmutableList<String> RX_TYPES =
      ImmutableList.of(
          "io.reactivex.Observable",
          "io.reactivex.Flowable",
          "io.reactivex.Single",
          "io.reactivex.Maybe",
          "io.reactivex.Completable",
          "rx.Observable",
          "rx.Single",
          "rx.Completable");

  /**
   * CheckReturnValue (ERROR, on by default): a dropped call of a method whose nearest declaration
   * (the method, then each class around it, then its package) is annotated with an annotation named
   * {@link Contracts#CHECK_RETURN_VALUE}, before one named {@link
   * Contracts#CAN_IGNORE_RETURN_VALUE} (on the method also inherited from a method it overrides);
   * or every method, with {@code -XepOpt:CheckReturnValue:CheckAllMethods=true}.
   */
  public static final Check CHECK_RETURN_VALUE =
      new Check("CheckReturnValue", SeverityLevel.ERROR, true);

  /** The flag that makes CheckReturnValue expect the result of every method. */
  public static final String CHECK_ALL_METHODS = "CheckReturnValue:CheckAllMethods";

  /**
   * FutureTransformAsync (WARNING, on by default): Guava's {@code transformAsync} whose function
   * only wraps a value in {@code immediateFuture}, as NeedlessAsync reports it.
   */
  public static final Check FUTURE_TRANSFORM_ASYNC =
      new Check("FutureTransformAsync", SeverityLevel.WARNING, true);

  private ErrorProne() {}
}
