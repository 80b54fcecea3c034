package dev.asyncprone.model.flow;

import com.google.common.collect.ImmutableSet;
import com.sun.tools.javac.code.Symbol;
import dev.asyncprone.model.flow.HeldLocks.Held;
import dev.asyncprone.model.javac.Variables;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.cfg.visualize.CFGVisualizer;
import org.checkerframework.errorprone.dataflow.expression.JavaExpression;
import org.jspecify.annotations.Nullable;

/**
 * What {@link HeldLocks} knows at a point: the locks held on every path to it, by the {@link
 * LockRef} that names them, and the locals that name another lock ({@code Lock l = this.lock}), so
 * that {@code l.unlock()} releases {@code this.lock}. Assigning a variable while a lock it names is
 * held does not release the lock: it is kept, known only by the call that took it.
 */
final class LockFacts implements Store<LockFacts> {
  static final LockFacts NONE = new LockFacts(Facts.must(), Facts.may(LockFacts::either));

  private final Facts<LockRef, Held> held;
  private final Facts<Symbol, ImmutableSet<LockRef>> aliases;

  private LockFacts(Facts<LockRef, Held> held, Facts<Symbol, ImmutableSet<LockRef>> aliases) {
    this.held = held;
    this.aliases = aliases;
  }

  /** The locks held, in the order they were taken. */
  Map<LockRef, Held> held() {
    return held.asMap();
  }

  private static ImmutableSet<LockRef> either(ImmutableSet<LockRef> a, ImmutableSet<LockRef> b) {
    return a.containsAll(b) ? a : ImmutableSet.<LockRef>builder().addAll(a).addAll(b).build();
  }

  /**
   * The locks {@code ref} may denote: with a local at its root replaced by each lock the local may
   * have been given; just {@code ref} where it was given none.
   */
  Set<LockRef> possible(LockRef ref) {
    Symbol root = ref.root();
    ImmutableSet<LockRef> given = root == null ? null : aliases.get(root);
    if (given == null) {
      return Set.of(ref);
    }
    Set<LockRef> possible = new LinkedHashSet<>();
    for (LockRef alias : given) {
      possible.add(ref.rootedAt(alias));
    }
    return possible;
  }

  /** Takes the lock {@code ref} names; where that may be one of several, by {@code ref} itself. */
  LockFacts taking(LockRef ref, Held lock) {
    Set<LockRef> possible = possible(ref);
    LockRef taken = possible.size() == 1 ? possible.iterator().next() : ref;
    return new LockFacts(held.with(taken, lock), aliases);
  }

  /** Releases every lock {@code ref} may name. */
  LockFacts releasing(LockRef ref) {
    Set<LockRef> released = new LinkedHashSet<>(possible(ref));
    released.add(ref);
    Facts<LockRef, Held> h = held.without((r, unused) -> released.contains(r));
    return h == held ? this : new LockFacts(h, aliases);
  }

  /**
   * {@code variable} is assigned {@code value} (null: a value with no path): the locks named
   * through it lose their name, and a local now names the lock its value does.
   */
  LockFacts assigned(Symbol variable, @Nullable LockRef value) {
    Facts<LockRef, Held> h = held;
    for (Map.Entry<LockRef, Held> entry : held.asMap().entrySet()) {
      if (entry.getKey().passesThrough(variable)) {
        h =
            h.without((r, unused) -> r.equals(entry.getKey()))
                .with(LockRef.lost(entry.getValue().takenBy()), entry.getValue());
      }
    }
    Set<LockRef> targets = value == null ? Set.of() : possible(value);
    Facts<Symbol, ImmutableSet<LockRef>> a =
        aliases.without(
            (local, refs) ->
                local == variable || refs.stream().anyMatch(r -> r.passesThrough(variable)));
    if (!targets.isEmpty()
        && Variables.isLocal(variable)
        && targets.stream().noneMatch(t -> t.passesThrough(variable))) {
      a = a.with(variable, ImmutableSet.copyOf(targets));
    }
    return h == held && a == aliases ? this : new LockFacts(h, a);
  }

  @Override
  public LockFacts copy() {
    return this;
  }

  @Override
  public LockFacts leastUpperBound(LockFacts other) {
    if (this == other) {
      return this;
    }
    Facts<LockRef, Held> h = held.leastUpperBound(other.held);
    Facts<Symbol, ImmutableSet<LockRef>> a = aliases.leastUpperBound(other.aliases);
    return h == held && a == aliases ? this : new LockFacts(h, a);
  }

  @Override
  public LockFacts widenedUpperBound(LockFacts previous) {
    return leastUpperBound(previous);
  }

  @Override
  public boolean canAlias(JavaExpression a, JavaExpression b) {
    return true;
  }

  @Override
  public String visualize(CFGVisualizer<?, LockFacts, ?> visualizer) {
    return toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LockFacts other && other.held.equals(held) && other.aliases.equals(aliases);
  }

  @Override
  public int hashCode() {
    return held.hashCode() * 31 + aliases.hashCode();
  }

  @Override
  public String toString() {
    return "held " + held + ", aliases " + aliases;
  }
}
