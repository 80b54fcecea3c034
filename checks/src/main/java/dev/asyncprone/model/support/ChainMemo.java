package dev.asyncprone.model.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Answers along a chain of nodes, each built from the next one's, kept so as to be built once. */
final class ChainMemo {
  private ChainMemo() {}

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
