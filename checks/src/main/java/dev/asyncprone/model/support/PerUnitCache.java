package dev.asyncprone.model.support;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Answers computed once per key and compilation unit, so that a question asked at every node (what
 * context is this method, does this chain switch schedulers) costs a lookup after the first time.
 * Keys are compared by identity; the cache empties itself when the unit changes, so it never holds
 * more than one file's trees. The answers live in javac's {@code Context}, one map per compilation,
 * so that an object holding the cache (an analysis Error Prone injects) starts afresh with each
 * compilation, however long it lives.
 */
public final class PerUnitCache<K, V> {
  private static final class Unit<K, V> {
    @Nullable CompilationUnitTree tree;
    final Map<K, V> values = new IdentityHashMap<>();
  }

  private final ContextLocal<Unit<K, V>> units = new ContextLocal<>();

  public V get(K key, VisitorState state, Function<K, V> compute) {
    return Memos.get(values(state), key, compute);
  }

  /** {@link Memos#along}, with the answers kept for the compilation unit. */
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
    Unit<K, V> unit = units.get(state, Unit::new);
    CompilationUnitTree current = state.getPath().getCompilationUnit();
    if (current != unit.tree) {
      unit.values.clear();
      unit.tree = current;
    }
    return unit.values;
  }
}
