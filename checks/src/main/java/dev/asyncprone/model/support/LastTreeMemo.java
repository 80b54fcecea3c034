package dev.asyncprone.model.support;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.Tree;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The answer for the tree asked about last. Error Prone runs all the matchers of one tree back to
 * back, so when several checks ask the same question of every call (is it a blocking call?), the
 * first computes the answer and the others read it. The slot lives in javac's {@code Context}: one
 * per compilation, never shared between threads, and shared by every check that holds the same memo
 * (keep it in a static field to share it).
 */
public final class LastTreeMemo<V> {
  private static final class Slot<V> {
    @Nullable Tree tree;
    @Nullable V value;
  }

  private final ContextLocal<Slot<V>> slots = new ContextLocal<>();

  public @Nullable V get(Tree tree, VisitorState state, Function<Tree, @Nullable V> compute) {
    Slot<V> slot = slots.get(state, Slot::new);
    if (slot.tree != tree) {
      slot.value = compute.apply(tree);
      slot.tree = tree;
    }
    return slot.value;
  }
}
