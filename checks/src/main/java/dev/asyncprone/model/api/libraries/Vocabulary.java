package dev.asyncprone.model.api.libraries;

import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.libraries.Library.EmptyValue;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How the libraries write what fixes and messages say about one of their types ({@code
 * Mono.empty()}, {@code thenReturn}, {@code .cache()}), and which table a class or a family of
 * future-like types belongs to.
 */
public final class Vocabulary {
  private Vocabulary() {}

  /** The table whose packages hold the class named {@code className}, or null. */
  public static @Nullable Library ofClass(String className) {
    for (Library library : Libraries.ALL) {
      for (String prefix : library.packages()) {
        if (className.startsWith(prefix)) {
          return library;
        }
      }
    }
    return null;
  }

  /** The table of the family {@code family}, or null. */
  public static @Nullable Library ofFamily(AsyncKind.@Nullable Family family) {
    for (Library library : Libraries.ALL) {
      if (library.family() != null && library.family() == family) {
        return library;
      }
    }
    return null;
  }

  /** The table that knows the future-like kind {@code kind}'s empty value, thenReturn, ... */
  public static @Nullable EmptyValue emptyValue(AsyncKind kind) {
    for (Library library : Libraries.ALL) {
      EmptyValue value = library.emptyValues().get(kind);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /**
   * {@code inner} completing, then emitting {@code value}, for a publisher of kind {@code kind}.
   */
  public static @Nullable String thenReturn(@Nullable AsyncKind kind, String inner, String value) {
    String template = kind == null ? null : kindFact(kind, Library::thenReturn);
    return template == null ? null : String.format(template, inner, value);
  }

  /** A CompletionStage that completes when {@code inner}, of kind {@code kind}, does; or null. */
  public static @Nullable String asStage(@Nullable AsyncKind kind, String inner) {
    String suffix = kind == null ? null : kindFact(kind, Library::asStage);
    return suffix == null ? null : inner + suffix;
  }

  /** The suffix that makes a cold value of kind {@code kind} run once and share it, or null. */
  public static @Nullable String shareOnce(@Nullable AsyncKind kind) {
    return kind == null ? null : kindFact(kind, Library::shareOnce);
  }

  /** The operator that runs a publisher of kind {@code next} after another, or null. */
  public static @Nullable String continueWith(@Nullable AsyncKind next) {
    return next == null ? null : kindFact(next, Library::continueWith);
  }

  /**
   * How to close {@code resource} once {@code future}, of kind {@code kind}, completes ({@code
   * f.whenComplete((value, failure) -> r.close())}), or null where the kind has no such hook.
   */
  public static @Nullable String closeOnCompletion(
      @Nullable AsyncKind kind, String future, String resource) {
    String template = kind == null ? null : kindFact(kind, Library::closeOnCompletion);
    return template == null ? null : String.format(template, future, resource);
  }

  private static <V> @Nullable V kindFact(
      AsyncKind kind, Function<Library, Map<AsyncKind, V>> facts) {
    for (Library library : Libraries.ALL) {
      V fact = facts.apply(library).get(kind);
      if (fact != null) {
        return fact;
      }
    }
    return null;
  }
}
