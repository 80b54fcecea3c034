package dev.asyncprone.model.flow;

import com.sun.tools.javac.code.Symbol;
import dev.asyncprone.model.flow.HeldLocks.Held;
import java.util.Map;
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
  static final LockFacts NONE = new LockFacts(Facts.must(), Facts.must());

  private final Facts<LockRef, Held> held;
  private final Facts<Symbol, LockRef> aliases;

  private LockFacts(Facts<LockRef, Held> held, Facts<Symbol, LockRef> aliases) {
    this.held = held;
    this.aliases = aliases;
  }

  /** The locks held, in the order they were taken. */
  Map<LockRef, Held> held() {
    return held.asMap();
  }

  /** {@code ref} with a local at its root replaced by the lock the local was given. */
  LockRef canonical(LockRef ref) {
    Symbol root = ref.root();
    LockRef alias = root == null ? null : aliases.get(root);
    return alias == null ? ref : ref.rootedAt(alias);
  }

  LockFacts taking(LockRef ref, Held lock) {
    return new LockFacts(held.with(canonical(ref), lock), aliases);
  }

  LockFacts releasing(LockRef ref) {
    LockRef released = canonical(ref);
    Facts<LockRef, Held> h = held.without((r, unused) -> r.equals(released));
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
    Facts<Symbol, LockRef> a =
        aliases.without((local, ref) -> local == variable || ref.passesThrough(variable));
    if (value != null && dev.asyncprone.model.javac.Variables.isLocal(variable)) {
      LockRef target = canonical(value);
      if (!target.passesThrough(variable)) {
        a = a.with(variable, target);
      }
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
    Facts<Symbol, LockRef> a = aliases.leastUpperBound(other.aliases);
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
