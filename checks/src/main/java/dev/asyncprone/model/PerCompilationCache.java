package dev.asyncprone.model;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.util.Context;
import java.util.IdentityHashMap;
import java.util.Map;
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
final class PerCompilationCache<K, V> {
  private final Context.Key<Map<K, V>> key = new Context.Key<>();

  V get(K k, VisitorState state, Function<K, V> compute) {
    Map<K, V> values = values(state);
    V value = values.get(k);
    if (value == null) {
      value = compute.apply(k);
      values.put(k, value);
    }
    return value;
  }

  /** The answer kept for {@code k}, or null: for answers built from each other's. */
  @Nullable V peek(K k, VisitorState state) {
    return values(state).get(k);
  }

  void put(K k, V value, VisitorState state) {
    values(state).put(k, value);
  }

  private Map<K, V> values(VisitorState state) {
    Map<K, V> values = state.context.get(key);
    if (values == null) {
      values = new IdentityHashMap<>();
      state.context.put(key, values);
    }
    return values;
  }
}
