package dev.asyncprone.model.api.libraries;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.TypeTag;
import dev.asyncprone.model.javac.Symbols;
import java.util.List;

/**
 * How a wait with no bound gets one: the overload or operator that takes a timeout, and what the
 * wait waits for, in words for a message. A library table gives each of its unbounded waits one; so
 * does a line of the blocking catalog that names a timed twin ({@code ... until await(long,
 * TimeUnit) LATCH}).
 */
public enum TimedTwin {
  GET("to complete", "get(timeout, unit), handling TimeoutException"),
  JOIN("to complete", "orTimeout(timeout, unit).join(), or get(timeout, unit)"),
  DURATION("to emit", "the overload that takes a Duration"),
  AT_MOST("to emit", "await().atMost(Duration)"),
  LATCH("to count down", "await(timeout, unit), acting on the false it returns when time runs out"),
  PERMIT("to hand out a permit", "tryAcquire(timeout, unit), acting on a false result"),
  QUEUE("to receive an element", "poll(timeout, unit), acting on the null it returns"),
  THREAD("to finish", "join(millis) and then isAlive()"),
  RX("to emit", "the timeout(...) operator before it"),
  OTHER("to complete", "its variant with a timeout");

  private final String waitsFor;
  private final String advice;

  TimedTwin(String waitsFor, String advice) {
    this.waitsFor = waitsFor;
    this.advice = advice;
  }

  /** "to complete", "to count down". */
  public String waitsFor() {
    return waitsFor;
  }

  /** "get(timeout, unit), handling TimeoutException". */
  public String advice() {
    return advice;
  }

  /**
   * How many of {@code parameters}, at the end, are a timeout: 1 for a {@code Duration}, 2 for an
   * amount and a {@code TimeUnit}, else 0.
   */
  public static int timeoutLength(List<Symbol.VarSymbol> parameters, VisitorState state) {
    int n = parameters.size();
    if (n >= 1
        && Symbols.qualifiedName(parameters.get(n - 1).type.tsym, state)
            .equals(JdkTypes.DURATION)) {
      return 1;
    }
    if (n >= 2
        && Symbols.qualifiedName(parameters.get(n - 1).type.tsym, state).equals(Jdk.TIME_UNIT)) {
      TypeTag amount = parameters.get(n - 2).type.getTag();
      return amount == TypeTag.LONG || amount == TypeTag.INT ? 2 : 0;
    }
    return 0;
  }
}
