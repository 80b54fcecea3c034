package dev.asyncprone.model.flow;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.BinaryOperator;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.cfg.visualize.CFGVisualizer;
import org.checkerframework.errorprone.dataflow.expression.JavaExpression;
import org.jspecify.annotations.Nullable;

/**
 * A dataflow store: what is known at a point of a method, as a small immutable map from what a fact
 * is about to what is known of it. Two points join in one of two ways: a <em>must</em> analysis
 * keeps only what holds on every path that meets there (a future known done, a lock held), a
 * <em>may</em> analysis keeps what holds on some path and merges the values (the uses that may have
 * consumed a value). A write kills what was known of what it overwrites ({@link #without}).
 *
 * @param <K> what a fact is about: a variable, a lock
 * @param <V> what is known of it
 */
public final class Facts<K, V> implements Store<Facts<K, V>> {
  private final ImmutableMap<K, V> map;

  /** Null for a must analysis; for a may analysis, how the values of one key on two paths merge. */
  private final @Nullable BinaryOperator<V> mayMerge;

  private Facts(Map<K, V> map, @Nullable BinaryOperator<V> mayMerge) {
    this.map = ImmutableMap.copyOf(map); // no copy if it is one already
    this.mayMerge = mayMerge;
  }

  /** No facts, for an analysis that keeps what holds on every path. */
  public static <K, V> Facts<K, V> must() {
    return new Facts<>(ImmutableMap.of(), null);
  }

  /** No facts, for an analysis that keeps what holds on some path, merging values with merge. */
  public static <K, V> Facts<K, V> may(BinaryOperator<V> merge) {
    return new Facts<>(ImmutableMap.of(), merge);
  }

  public @Nullable V get(@Nullable K key) {
    return key == null ? null : map.get(key);
  }

  public boolean has(@Nullable K key) {
    return key != null && map.containsKey(key);
  }

  public boolean isEmpty() {
    return map.isEmpty();
  }

  /** Every fact, in the order they were first learned. */
  public ImmutableMap<K, V> asMap() {
    return map;
  }

  /** The same store with {@code value} known of {@code key}, replacing what was known. */
  public Facts<K, V> with(K key, V value) {
    if (value.equals(map.get(key))) {
      return this;
    }
    return new Facts<>(
        ImmutableMap.<K, V>builderWithExpectedSize(map.size() + 1)
            .putAll(map)
            .put(key, value)
            .buildKeepingLast(),
        mayMerge);
  }

  /** The same store without the facts that {@code killed} selects. */
  public Facts<K, V> without(BiPredicate<? super K, ? super V> killed) {
    Map<K, V> kept = null;
    for (Map.Entry<K, V> entry : map.entrySet()) {
      if (killed.test(entry.getKey(), entry.getValue())) {
        if (kept == null) {
          kept = new LinkedHashMap<>(map);
        }
        kept.remove(entry.getKey());
      }
    }
    return kept == null ? this : new Facts<>(kept, mayMerge);
  }

  @Override
  public Facts<K, V> copy() {
    return this; // immutable
  }

  @Override
  public Facts<K, V> leastUpperBound(Facts<K, V> other) {
    if (this == other || other.map.equals(map)) {
      return this;
    }
    return mayMerge == null ? intersection(other) : union(other, mayMerge);
  }

  private Facts<K, V> intersection(Facts<K, V> other) {
    Map<K, V> both = new LinkedHashMap<>();
    for (Map.Entry<K, V> entry : map.entrySet()) {
      V theirs = other.map.get(entry.getKey());
      if (theirs != null && theirs.equals(entry.getValue())) {
        both.put(entry.getKey(), entry.getValue());
      }
    }
    return both.size() == map.size() ? this : new Facts<>(both, null);
  }

  private Facts<K, V> union(Facts<K, V> other, BinaryOperator<V> merge) {
    if (other.map.isEmpty()) {
      return this;
    }
    Map<K, V> joined = null;
    for (Map.Entry<K, V> entry : other.map.entrySet()) {
      V mine = map.get(entry.getKey());
      V merged = mine == null ? entry.getValue() : merge.apply(mine, entry.getValue());
      if (merged != mine) {
        if (joined == null) {
          joined = new LinkedHashMap<>(map);
        }
        joined.put(entry.getKey(), merged);
      }
    }
    return joined == null ? this : new Facts<>(joined, merge);
  }

  @Override
  public Facts<K, V> widenedUpperBound(Facts<K, V> previous) {
    return leastUpperBound(previous); // finite: no more keys than the method has variables
  }

  @Override
  public boolean canAlias(JavaExpression a, JavaExpression b) {
    return true;
  }

  @Override
  public String visualize(CFGVisualizer<?, Facts<K, V>, ?> visualizer) {
    return toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Facts<?, ?> other && other.map.equals(map);
  }

  @Override
  public int hashCode() {
    return map.hashCode();
  }

  @Override
  public String toString() {
    return map.toString();
  }
}
