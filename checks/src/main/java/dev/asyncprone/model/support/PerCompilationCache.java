package dev.asyncprone.model.support;

import com.google.errorprone.VisitorState;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Answers computed once per compilation: about symbols (whether a library method is in the catalog
 * or annotated blocking does not change from one file to the next), or about trees, whose answers
 * never change either. The map lives in javac's {@code Context}, so it is dropped with the
 * compilation, is never shared between two compilations running side by side, and is shared by
 * every check that holds the same cache (keep it in a static field to share it). Keys are compared
 * by identity.
 */
public final class PerCompilationCache<K, V> {
  private final ContextLocal<Map<K, V>> values = new ContextLocal<>();

  public V get(K k, VisitorState state, Function<K, V> compute) {
    return Memos.get(values(state), k, compute);
  }

  /** The answer kept for {@code k}, or null if none was computed yet. */
  public @Nullable V peek(K k, VisitorState state) {
    return values(state).get(k);
  }

  /** {@link Memos#along}, with the answers kept for the compilation. */
  public <N> V along(
      @Nullable N first,
      Function<N, @Nullable N> next,
      Function<N, K> keyOf,
      V atEnd,
      BiFunction<N, V, V> step,
      VisitorState state) {
    return Memos.along(values(state), first, next, keyOf, atEnd, step);
  }

  private Map<K, V> values(VisitorState state) {
    return values.get(state, IdentityHashMap::new);
  }
}
