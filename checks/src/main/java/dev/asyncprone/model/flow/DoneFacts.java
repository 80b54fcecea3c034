package dev.asyncprone.model.flow;

import com.google.common.collect.ImmutableSet;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.cfg.visualize.CFGVisualizer;
import org.checkerframework.errorprone.dataflow.expression.JavaExpression;
import org.jspecify.annotations.Nullable;

/**
 * What {@link KnownDone} knows at a point: the variables whose futures are complete on every path
 * to it, and, for a variable holding a future that completes only after others (an all-of, a stage
 * made from another, an array made from a list of futures), those others: once it is known done, so
 * are they. A variable is named by its symbol (the root of the expression, as {@link
 * dev.asyncprone.model.javac.Trees#rootSymbols} finds it), and assigning it forgets what was known
 * of it.
 */
final class DoneFacts implements Store<DoneFacts> {
  static final DoneFacts NONE = new DoneFacts(Facts.must(), Facts.must());

  private final Facts<Symbol, Boolean> done;
  private final Facts<Symbol, ImmutableSet<Symbol>> implies;

  private DoneFacts(Facts<Symbol, Boolean> done, Facts<Symbol, ImmutableSet<Symbol>> implies) {
    this.done = done;
    this.implies = implies;
  }

  boolean isDone(@Nullable Symbol variable) {
    return done.has(variable);
  }

  boolean anyDone(Collection<? extends Symbol> variables) {
    for (Symbol variable : variables) {
      if (done.has(variable)) {
        return true;
      }
    }
    return false;
  }

  /** With {@code variables} known done, and with them whatever they imply. */
  DoneFacts withDone(Collection<? extends Symbol> variables) {
    if (variables.isEmpty()) {
      return this;
    }
    Facts<Symbol, Boolean> now = done;
    Deque<Symbol> pending = new ArrayDeque<>(variables);
    while (!pending.isEmpty()) {
      Symbol next = pending.pop();
      if (!now.has(next)) {
        now = now.with(next, true);
        Set<Symbol> implied = implies.get(next);
        if (implied != null) {
          pending.addAll(implied);
        }
      }
    }
    return now == done ? this : new DoneFacts(now, implies);
  }

  /**
   * With the futures of {@code others} known done once that of {@code variable} is, besides what it
   * implied already.
   */
  DoneFacts withImplied(Symbol variable, Collection<? extends Symbol> others) {
    ImmutableSet<Symbol> before = implies.get(variable);
    ImmutableSet<Symbol> implied =
        before == null
            ? ImmutableSet.copyOf(others)
            : ImmutableSet.<Symbol>builder().addAll(before).addAll(others).build();
    if (implied.isEmpty()
        || (implied.size() == 1 && implied.contains(variable))
        || implied.equals(before)) {
      return this;
    }
    return new DoneFacts(done, implies.with(variable, implied));
  }

  /**
   * Without what was known of {@code variable}, which is assigned: its future is another one now,
   * and what others implied of the old one says nothing of the new.
   */
  DoneFacts assigned(Symbol variable) {
    Facts<Symbol, Boolean> d = done.without((v, unused) -> v == variable);
    Facts<Symbol, ImmutableSet<Symbol>> i =
        implies.without((v, others) -> v == variable || others.contains(variable));
    return d == done && i == implies ? this : new DoneFacts(d, i);
  }

  @Override
  public DoneFacts copy() {
    return this;
  }

  @Override
  public DoneFacts leastUpperBound(DoneFacts other) {
    if (this == other) {
      return this;
    }
    Facts<Symbol, Boolean> d = done.leastUpperBound(other.done);
    Facts<Symbol, ImmutableSet<Symbol>> i = implies.leastUpperBound(other.implies);
    return d == done && i == implies ? this : new DoneFacts(d, i);
  }

  @Override
  public DoneFacts widenedUpperBound(DoneFacts previous) {
    return leastUpperBound(previous);
  }

  @Override
  public boolean canAlias(JavaExpression a, JavaExpression b) {
    return true;
  }

  @Override
  public String visualize(CFGVisualizer<?, DoneFacts, ?> visualizer) {
    return toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DoneFacts other && other.done.equals(done) && other.implies.equals(implies);
  }

  @Override
  public int hashCode() {
    return done.hashCode() * 31 + implies.hashCode();
  }

  @Override
  public String toString() {
    return "done " + done.asMap().keySet() + ", implies " + implies;
  }
}
