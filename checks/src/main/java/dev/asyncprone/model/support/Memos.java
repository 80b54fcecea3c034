package dev.asyncprone.model.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** What the caches share: the answer for a key, and answers along a chain of nodes. */
final class Memos {
  private Memos() {}

  /** The answer kept in {@code values} for {@code key}, computed and kept if there is none. */
  static <K, V> V get(Map<K, V> values, K key, Function<K, V> compute) {
    // Not computeIfAbsent: a computation may ask the same cache about another key.
    V value = values.get(key);
    if (value == null) {
      value = compute.apply(key);
      values.put(key, value);
    }
    return value;
  }

  /**
   * The answer for the first of a sequence of nodes (the links of a receiver chain, the calls
   * chained on one) where each node's answer is built from the next one's by {@code step}, and the
   * answer past the last node is {@code atEnd}. Walks only until a node whose answer is kept in
   * {@code values}, then builds and keeps the answers back to the first: asking at every node of a
   * sequence of n costs n steps in all, not n squared.
   */
  static <N, K, V> V along(
      Map<K, V> values,
      @Nullable N first,
      Function<N, @Nullable N> next,
      Function<N, K> keyOf,
      V atEnd,
      BiFunction<N, V, V> step) {
    Deque<N> pending = new ArrayDeque<>();
    V value = atEnd;
    for (N node = first; node != null; node = next.apply(node)) {
      V known = values.get(keyOf.apply(node));
      if (known != null) {
        value = known;
        break;
      }
      pending.push(node);
    }
    while (!pending.isEmpty()) {
      N node = pending.pop();
      value = step.apply(node, value);
      values.put(keyOf.apply(node), value);
    }
    return value;
  }
}
