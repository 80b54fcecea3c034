package dev.asyncprone.model.support;

import com.google.errorprone.matchers.Description;
import java.util.function.Supplier;

/**
 * The last line of defence against a check that throws: an exception in a check fails the user's
 * compilation, which is never worth a finding. Under test (assertions enabled) the exception is
 * rethrown, so that a test shows it; in a user's build the check stays quiet on that tree.
 */
public final class Guard {
  private static final boolean STRICT = Guard.class.desiredAssertionStatus();

  private Guard() {}

  public static Description safely(Supplier<Description> match) {
    try {
      return match.get();
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      if (STRICT) {
        throw e;
      }
      return Description.NO_MATCH;
    }
  }
}
